import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { loadConfig } from "#shared/config";
import { openProgramme } from "#shared/deadlines/announce";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps(loadConfig());

/** POST /programmes/{programmeId}/open: 201 the first time, 200 when it was open already. */
export const handler = apiHandler("officer", async (event, { principal }) => {
  const result = await openProgramme(deps, principal, event.pathParameters?.programmeId ?? "");
  return json(result.opened ? 201 : 200, result);
});
