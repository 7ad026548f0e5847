import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { loadConfig } from "#shared/config";
import { decide } from "#shared/officer/decisions";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps(loadConfig());

/** POST /submissions/{id}/decision: {"decision":"approve"} or {"decision":"return","reason":"…"}. */
export const handler = apiHandler("officer", async (event, { principal, body }) => {
  const submission = await decide(deps, principal, event.pathParameters?.id ?? "", body);
  return json(200, { submission });
});
