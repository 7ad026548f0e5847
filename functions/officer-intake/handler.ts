import { intakeListDeps } from "#shared/composition-root";
import { discardIntake, fileIntake, intakeCandidates, listIntake, previewScan } from "#shared/intake/officer";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = intakeListDeps();

const fields = (body: unknown): Record<string, unknown> =>
  typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};

/** The officers' intake list: mailed scans that did not file themselves. */
export const handler = apiHandler("officer-intake", {
  "GET /intake": async (_event, { principal }) => json(200, { items: await listIntake(deps, principal) }),
  "GET /intake/{id}/candidates": async (event, { principal }) =>
    json(200, {
      candidates: await intakeCandidates(
        deps,
        principal,
        pathParam(event, "id"),
        event.queryStringParameters?.reference,
      ),
    }),
  "GET /intake/{id}/scans/{index}": async (event, { principal }) =>
    json(200, await previewScan(deps, principal, pathParam(event, "id"), pathParam(event, "index"))),
  "POST /intake/{id}/file": async (event, { principal, body }) =>
    json(200, await fileIntake(deps, principal, pathParam(event, "id"), fields(body))),
  "POST /intake/{id}/discard": async (event, { principal, body }) =>
    json(200, await discardIntake(deps, principal, pathParam(event, "id"), fields(body))),
});
