import { programmeViewDeps } from "#shared/composition-root";
import { programmesFor } from "#shared/programmes/access";
import { parseSubmissionQuery } from "#shared/submissions/queries";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = programmeViewDeps();

/** A municipality sees only its own submissions, whatever it asks for; officers their agency's. */
export const handler = apiHandler("list-submissions", {
  "GET /submissions": async (event, { principal }) => {
    const visible = new Set((await programmesFor(deps.catalogue, principal)).map((p) => p.id));
    const filter = parseSubmissionQuery(event.queryStringParameters ?? {}, visible);
    if (principal.kind === "municipality") filter.kommunkod = principal.kommunkod;
    const submissions = await deps.submissions.listSubmissions(filter);
    return json(200, { submissions: submissions.filter((s) => visible.has(s.programmeId)) });
  },
});
