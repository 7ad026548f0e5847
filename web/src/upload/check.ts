import { get } from "../api.ts";
import type { AttachmentType, SubmissionDetail } from "../types.ts";

/**
 * After the upload, the page polls the submission until the upload check (which runs on S3's
 * notification) and the malware scan have accepted or refused the file.
 */
export type Outcome = "accepted" | "rejected" | "pending";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the check has got with the file; the original also shows in the submission's status. */
export function outcomeOf(detail: SubmissionDetail, type: AttachmentType, attachmentId: string): Outcome {
  const attachment = detail.attachments.find((a) => a.id === attachmentId);
  if (attachment?.status === "accepted") return "accepted";
  // A void slot was replaced by a newer one: this upload will never settle.
  if (attachment?.status === "refused" || attachment?.status === "void") return "rejected";
  if (attachment) return "pending";
  if (type !== "original") return "pending";
  const status = detail.submission.status;
  return status === "received" ? "accepted" : status === "original-rejected" ? "rejected" : "pending";
}

/** Polls until the attachment is settled, or the time is up (then the last answer, still pending). */
export async function waitForCheck(
  submissionId: string,
  type: AttachmentType,
  attachmentId: string,
  timeoutMs = 60_000,
): Promise<SubmissionDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const detail = await get<SubmissionDetail>(`/submissions/${encodeURIComponent(submissionId)}`);
    if (outcomeOf(detail, type, attachmentId) !== "pending") return detail;
    if (Date.now() > deadline) return detail;
    await sleep(700);
  }
}
