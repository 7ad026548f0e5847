import { officerDeps } from "#shared/composition-root";
import { exportLanguage, programmeExport, programmeOverview } from "#shared/officer/reporting";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json, text } from "../commons/responses.ts";

const deps = officerDeps();

export const handler = apiHandler("officer-reports", {
  "GET /programmes/{programmeId}/overview": async (event, { principal }) =>
    json(200, await programmeOverview(deps, principal, pathParam(event, "programmeId"))),
  /** UTF-8 with BOM and `;`, for Excel in a Swedish locale; Swedish headers and values unless ?lang=en. */
  "GET /programmes/{programmeId}/export.csv": async (event, { principal }) => {
    const lang = exportLanguage(event.queryStringParameters?.lang);
    const { filename, csv } = await programmeExport(deps, principal, pathParam(event, "programmeId"), lang);
    return text(200, csv, "text/csv; charset=utf-8", {
      "content-disposition": `attachment; filename="${filename}"`,
    });
  },
});
