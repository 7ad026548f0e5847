import { officerDeps } from "#shared/adapters/officer-store";
import { loadConfig } from "#shared/config";
import { apiHandler } from "#shared/http/api-handler";
import { json } from "#shared/http/responses";
import { decide } from "#shared/officer/decisions";

const deps = officerDeps(loadConfig());

/** POST /submissions/{id}/decision: {"decision":"approve"} or {"decision":"return","reason":"…"}. */
export const handler = apiHandler("officer", async (event, { principal, body }) => {
  const submission = await decide(deps, principal, event.pathParameters?.id ?? "", body);
  return json(200, { submission });
});
