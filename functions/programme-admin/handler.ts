import { deadlineDeps } from "#shared/composition-root";
import { correctAllocations } from "#shared/programme-admin/allocations";
import { closeProgramme } from "#shared/programme-admin/close";
import { getProgrammeDraft, saveProgrammeDraft } from "#shared/programme-admin/drafts";
import { correctProgrammeFacts } from "#shared/programme-admin/facts";
import { publishProgramme } from "#shared/programme-admin/publish";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = deadlineDeps();

/** An agency's officers set up and run their programmes: draft, publish (and announce), correct facts and allocations, close. */
export const handler = apiHandler("programme-admin", {
  /** {meta, bilaga1Csv}: 201 a new draft, 200 a replaced one; the preview lists every problem. */
  "POST /programmes": async (_event, { principal, body }) => {
    const { draft, replaced } = await saveProgrammeDraft(deps, principal, body);
    return json(replaced ? 200 : 201, { draft });
  },
  "GET /programmes/{programmeId}/draft": async (event, { principal }) =>
    json(200, { draft: await getProgrammeDraft(deps, principal, pathParam(event, "programmeId")) }),
  "POST /programmes/{programmeId}/publish": async (event, { principal }) =>
    json(201, await publishProgramme(deps, principal, pathParam(event, "programmeId"))),
  /** {reason, decision?, agreementDiarienummer?, decisionDiarienummer?, agreementTitle?, officerEmails?, deadlines?, originalGraceDays?} */
  "PATCH /programmes/{programmeId}": async (event, { principal, body }) =>
    json(200, await correctProgrammeFacts(deps, principal, pathParam(event, "programmeId"), body)),
  /** {corrections: [{kommunkod, amount}], reason, decision?}: a new audited version, or 400 by row. */
  "POST /programmes/{programmeId}/allocations": async (event, { principal, body }) =>
    json(200, await correctAllocations(deps, principal, pathParam(event, "programmeId"), body)),
  /** {reason} */
  "POST /programmes/{programmeId}/close": async (event, { principal, body }) =>
    json(200, await closeProgramme(deps, principal, pathParam(event, "programmeId"), body)),
});
