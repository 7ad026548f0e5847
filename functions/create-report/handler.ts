import { submissionDeps } from "#shared/adapters/submission-deps";
import { requireMunicipality } from "#shared/auth/principal";
import { loadConfig } from "#shared/config";
import { submitReport } from "#shared/submissions/submit";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = submissionDeps(loadConfig());

export const handler = apiHandler("user", async (event, { principal, body }) => {
  const { created, receipt } = await submitReport(
    deps,
    requireMunicipality(principal),
    event.pathParameters?.programmeId ?? "",
    body,
    event.headers["idempotency-key"],
  );
  return json(201, receipt, created ? {} : { "idempotent-replayed": "true" });
});
