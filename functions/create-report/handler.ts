import { requireMunicipality } from "#shared/auth/principal";
import { submissionDeps } from "#shared/composition-root";
import { submitReport } from "#shared/submissions/submit";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";
import { countSubmissions } from "../commons/submission-metrics.ts";

const deps = submissionDeps();

export const handler = apiHandler("create-report", {
  "POST /programmes/{programmeId}/reports": async (event, { principal, body }) => {
    const { created, receipt } = await submitReport(
      deps,
      requireMunicipality(principal),
      pathParam(event, "programmeId"),
      body,
      event.headers["idempotency-key"],
    );
    return json(201, receipt, created ? {} : { "idempotent-replayed": "true" });
  },
}).use(countSubmissions("report"));
