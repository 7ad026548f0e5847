import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { loadConfig } from "#shared/config";
import { programmeExport, programmeOverview } from "#shared/officer/reporting";
import { apiHandler } from "../commons/api-handler.ts";
import { json, text } from "../commons/responses.ts";

const deps = officerDeps(loadConfig());

/** GET /programmes/{programmeId}/overview (JSON) and /export.csv (UTF-8 with BOM, `;`). */
export const handler = apiHandler("officer", async (event) => {
  const programmeId = event.pathParameters?.programmeId ?? "";
  if (!event.routeKey.endsWith("/export.csv")) return json(200, await programmeOverview(deps, programmeId));
  const { filename, csv } = await programmeExport(deps, programmeId);
  return text(200, csv, "text/csv; charset=utf-8", {
    "content-disposition": `attachment; filename="${filename}"`,
  });
});
