import { programmeViewDeps } from "#shared/composition-root";
import { parseSubmissionQuery } from "#shared/submissions/queries";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = programmeViewDeps();

/** A municipality sees only its own submissions, whatever it asks for; officers see all. */
export const handler = apiHandler("list-submissions", {
  "GET /submissions": async (event, { principal }) => {
    const filter = await parseSubmissionQuery(event.queryStringParameters ?? {}, deps.catalogue);
    if (principal.kind === "municipality") filter.kommunkod = principal.kommunkod;
    return json(200, { submissions: await deps.submissions.listSubmissions(filter) });
  },
});
