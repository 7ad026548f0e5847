import { intakeListDeps } from "#shared/composition-root";
import { discardIntake, fileIntake, listIntake } from "#shared/intake/officer";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = intakeListDeps();

const fields = (body: unknown): Record<string, unknown> =>
  typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};

/** The officers' intake list: mailed scans that did not file themselves. */
export const handler = apiHandler("officer-intake", {
  "GET /intake": async (_event, { principal }) => json(200, { items: await listIntake(deps, principal) }),
  "POST /intake/{id}/file": async (event, { principal, body }) =>
    json(200, await fileIntake(deps, principal, pathParam(event, "id"), fields(body))),
  "POST /intake/{id}/discard": async (event, { principal, body }) =>
    json(200, await discardIntake(deps, principal, pathParam(event, "id"), fields(body))),
});
