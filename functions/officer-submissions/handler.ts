import { officerDeps } from "#shared/composition-root";
import { parseOfficerQuery } from "#shared/officer/listing";
import { programmeFor } from "#shared/programmes/access";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps();

/** ?status=&kommun=&kind=&limit=&cursor= */
export const handler = apiHandler("officer-submissions", {
  "GET /programmes/{programmeId}/submissions": async (event, { principal }) => {
    const programme = await programmeFor(deps.catalogue, principal, pathParam(event, "programmeId"));
    const query = parseOfficerQuery(programme.id, event.queryStringParameters ?? {});
    return json(200, await deps.officer.listProgrammeSubmissions(query));
  },
});
