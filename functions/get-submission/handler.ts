import { assertMayRead } from "#shared/auth/principal";
import { submissionDeps } from "#shared/composition-root";
import { NotFoundError } from "#shared/errors";
import { submissionView } from "#shared/officer/download-links";
import { programmeFor } from "#shared/programmes/access";
import { submissionDetailView } from "#shared/submissions/detail-view";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = submissionDeps();
const detailOf = (id: string | undefined) => (id ? deps.submissions.getSubmissionDetail(id) : undefined);

/**
 * The submission with its files, history and what officers asked for when returning it or the
 * version it corrects; officers also get a short-lived download link for the signed original.
 */
export const handler = apiHandler("get-submission", {
  "GET /submissions/{id}": async (event, { principal }) => {
    const detail = await deps.submissions.getSubmissionDetail(pathParam(event, "id"));
    if (!detail) throw new NotFoundError();
    assertMayRead(principal, detail.submission.kommunkod);
    const s = detail.submission;
    // An officer of another agency: not theirs to see, so not there.
    const programme = await programmeFor(deps.catalogue, principal, s.programmeId);
    // A requested file may have come in on the correction: read it only when something was requested.
    const [previous, next] = await Promise.all([
      detailOf(s.replaces),
      detailOf(s.decision?.requestedAttachment ? s.replacedBy : undefined),
    ]);
    const view = submissionDetailView(detail, { previous, next }, principal.kind, programme);
    return json(200, await submissionView(view, principal, deps.files, deps.clock));
  },
});
