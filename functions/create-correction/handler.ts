import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { submissionDeps } from "#shared/adapters/submission-deps";
import { requireMunicipality } from "#shared/auth/principal";
import { loadConfig } from "#shared/config";
import { submitCorrection } from "#shared/submissions/corrections";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

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
