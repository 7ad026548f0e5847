import { submissionDeps } from "#shared/adapters/submission-deps";
import { loadConfig } from "#shared/config";
import { NotFoundError } from "#shared/errors";
import { apiHandler } from "#shared/http/api-handler";
import { assertMayRead } from "#shared/http/principal";
import { json } from "#shared/http/responses";
import { submissionView } from "#shared/officer/views";

const deps = submissionDeps(loadConfig());

/** Officers also get a short-lived download link for the signed original. */
export const handler = apiHandler("user", async (event, { principal }) => {
  const detail = await deps.store.getSubmissionDetail(event.pathParameters?.id ?? "");
  if (!detail) throw new NotFoundError();
  assertMayRead(principal, detail.submission.kommunkod);
  return json(200, await submissionView(detail, principal, deps.storage, deps.clock));
});
