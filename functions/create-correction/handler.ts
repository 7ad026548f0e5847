import { officerDeps } from "#shared/adapters/officer-store";
import { submissionDeps } from "#shared/adapters/submission-deps";
import { loadConfig } from "#shared/config";
import { apiHandler } from "#shared/http/api-handler";
import { requireMunicipality } from "#shared/http/principal";
import { json } from "#shared/http/responses";
import { submitCorrection } from "#shared/officer/corrections";

const config = loadConfig();
const deps = { ...officerDeps(config), ...submissionDeps(config) };

/** POST /submissions/{id}/corrections: a municipality's corrected version of a returned submission. */
export const handler = apiHandler("user", async (event, { principal, body }) => {
  const receipt = await submitCorrection(
    deps,
    requireMunicipality(principal),
    event.pathParameters?.id ?? "",
    body,
  );
  return json(201, receipt);
});
