import { officerDeps } from "#shared/composition-root";
import { decide } from "#shared/officer/decisions";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps();

/** {"decision":"approve"} or {"decision":"return","reason":"…"}. */
export const handler = apiHandler("officer-decision", {
  "POST /submissions/{id}/decision": async (event, { principal, body }) =>
    json(200, { submission: await decide(deps, principal, pathParam(event, "id"), body) }),
});
