import { submissionDeps } from "#shared/adapters/submission-deps";
import { loadConfig } from "#shared/config";
import { apiHandler } from "#shared/http/api-handler";
import { requireMunicipality } from "#shared/http/principal";
import { json } from "#shared/http/responses";
import { submitRequisition } from "#shared/ledger/submissions";

const deps = submissionDeps(loadConfig());

export const handler = apiHandler("user", async (event, { principal, body }) => {
  const { created, receipt } = await submitRequisition(
    deps,
    requireMunicipality(principal),
    event.pathParameters?.programmeId ?? "",
    body,
    event.headers["idempotency-key"],
  );
  return json(201, receipt, created ? {} : { "idempotent-replayed": "true" });
});
