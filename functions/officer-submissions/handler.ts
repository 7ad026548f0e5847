import { officerDeps } from "#shared/adapters/officer-store";
import { loadConfig } from "#shared/config";
import { apiHandler } from "#shared/http/api-handler";
import { json } from "#shared/http/responses";
import { requireProgramme } from "#shared/ledger/common";
import { parseOfficerQuery } from "#shared/officer/listing";

const deps = officerDeps(loadConfig());

/** GET /programmes/{programmeId}/submissions?status=&kommun=&kind=&limit=&cursor= */
export const handler = apiHandler("officer", async (event) => {
  const programme = requireProgramme(event.pathParameters?.programmeId ?? "");
  const query = parseOfficerQuery(programme.id, event.queryStringParameters ?? {});
  return json(200, await deps.officer.listProgrammeSubmissions(query));
});
