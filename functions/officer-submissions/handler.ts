import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { loadConfig } from "#shared/config";
import { parseOfficerQuery } from "#shared/officer/listing";
import { requireProgramme } from "#shared/submissions/common";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps(loadConfig());

/** GET /programmes/{programmeId}/submissions?status=&kommun=&kind=&limit=&cursor= */
export const handler = apiHandler("officer", async (event) => {
  const programme = requireProgramme(event.pathParameters?.programmeId ?? "");
  const query = parseOfficerQuery(programme.id, event.queryStringParameters ?? {});
  return json(200, await deps.officer.listProgrammeSubmissions(query));
});
