import { get } from "../api.ts";
import type { AttachmentType, SubmissionDetail } from "../types.ts";

/**
 * After the upload, the page polls the submission until the upload check (which runs on S3's
 * notification) and then the malware scan have accepted or refused the file. A file that passed
 * the check waits as "scanning" for the scan's verdict; the page says so and keeps asking.
 */
export type Outcome = "accepted" | "refused" | "superseded" | "scanning" | "pending";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the check and the scan have got with the file; the original also shows in the submission's status. */
export function outcomeOf(detail: SubmissionDetail, type: AttachmentType, attachmentId: string): Outcome {
  const attachment = detail.attachments.find((a) => a.id === attachmentId);
  switch (attachment?.status) {
    case "accepted":
      return "accepted";
    case "refused":
      return "refused";
    // A newer slot of the same document replaced this one: what was sent here never settles.
    case "void":
      return "superseded";
    case "scanning":
      return "scanning";
    case undefined:
      break;
    default:
      return "pending";
  }
  if (type !== "original") return "pending";
  const status = detail.submission.status;
  return status === "original-rejected" ? "refused" : status === "awaiting-original" ? "pending" : "accepted";
}

export const settled = (outcome: Outcome) => outcome !== "scanning" && outcome !== "pending";

/** The wait between two questions: short at first, then longer, never more than `maxMs`. */
export function pollDelay(attempt: number, firstMs = 700, maxMs = 5_000): number {
  return Math.min(maxMs, Math.round(firstMs * 1.5 ** attempt));
}

/**
 * Polls until the file is accepted, refused or superseded, however long the scan takes: each
 * answer goes to `onProgress`, so the page can say "being checked for malware" meanwhile.
 */
export async function waitForCheck(
  submissionId: string,
  type: AttachmentType,
  attachmentId: string,
  onProgress: (detail: SubmissionDetail, outcome: Outcome) => void = () => undefined,
): Promise<SubmissionDetail> {
  for (let attempt = 0; ; attempt++) {
    const detail = await get<SubmissionDetail>(`/submissions/${encodeURIComponent(submissionId)}`);
    const outcome = outcomeOf(detail, type, attachmentId);
    if (settled(outcome)) return detail;
    onProgress(detail, outcome);
    await sleep(pollDelay(attempt));
  }
}
