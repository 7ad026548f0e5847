import { requireMunicipality } from "#shared/auth/principal";
import { submissionDeps } from "#shared/composition-root";
import { submitCorrection } from "#shared/submissions/corrections";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";
import { countSubmissions } from "../commons/submission-metrics.ts";

const deps = submissionDeps();

/** A municipality's corrected version of a returned submission. */
export const handler = apiHandler("create-correction", {
  "POST /submissions/{id}/corrections": async (event, { principal, body }) =>
    json(201, await submitCorrection(deps, requireMunicipality(principal), pathParam(event, "id"), body)),
}).use(countSubmissions("correction"));
