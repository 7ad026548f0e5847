import { officerDeps } from "#shared/adapters/officer-store";
import { loadConfig } from "#shared/config";
import { openProgramme } from "#shared/deadlines/announce";
import { apiHandler } from "#shared/http/api-handler";
import { json } from "#shared/http/responses";

const deps = officerDeps(loadConfig());

/** POST /programmes/{programmeId}/open: 201 the first time, 200 when it was open already. */
export const handler = apiHandler("officer", async (event, { principal }) => {
  const result = await openProgramme(deps, principal, event.pathParameters?.programmeId ?? "");
  return json(result.opened ? 201 : 200, result);
});
