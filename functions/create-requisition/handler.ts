import { requireMunicipality } from "#shared/auth/principal";
import { draftDeps, submissionDeps } from "#shared/composition-root";
import { draftSent } from "#shared/drafts/drafts";
import { logger } from "#shared/logger";
import { submitRequisition } from "#shared/submissions/submit";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";
import { countSubmissions } from "../commons/submission-metrics.ts";

const deps = submissionDeps();
const drafts = draftDeps();

export const handler = apiHandler("create-requisition", {
  "POST /programmes/{programmeId}/requisitions": async (event, { principal, body }) => {
    const municipality = requireMunicipality(principal);
    const programmeId = pathParam(event, "programmeId");
    const { created, receipt } = await submitRequisition(
      deps,
      municipality,
      programmeId,
      body,
      event.headers["idempotency-key"],
    );
    // The draft became this requisition (a replay finds it gone already).
    await draftSent(drafts, programmeId, municipality.kommunkod, "requisition", (m, f) => logger.warn(m, f));
    return json(201, receipt, created ? {} : { "idempotent-replayed": "true" });
  },
}).use(countSubmissions("requisition"));
