import { FINAL, may } from "../../../shared/submissions/lifecycle.ts";
import type { Attachment, AttachmentRequest, AttachmentType, SubmissionDetail } from "../types.ts";

/**
 * What the municipality can do with a submission now, derived from its one state and its files by
 * the lifecycle the API enforces (shared/submissions/lifecycle.ts), so the page never offers what
 * the API would refuse: an upload only while the original is awaited or a requested document is
 * still open, a correction only of a returned version, nothing at all in a final state.
 */
export interface Situation {
  /** replaced, refused, paid, lapsed: nothing about the submission changes any more. */
  final: boolean;
  /** Files that passed the check and wait for the malware scan's verdict. */
  scanning: Attachment[];
  /** The signed original can (still) be uploaded: the submission awaits it. */
  uploadOriginal: boolean;
  /** Documents an officer asked for that can be uploaded now. */
  openRequests: AttachmentRequest[];
  /** "Correct and send again": returned, and not corrected yet. */
  correct: boolean;
  /** Anything can be uploaded now; without it the page shows no drop zone. */
  canUpload: boolean;
}

/**
 * A requested document can be uploaded while its request is open: asked for on this version while
 * it is returned, or on the version this one corrects, and the submission is not final (the API's
 * request-upload rule).
 */
function uploadable(detail: SubmissionDetail, request: AttachmentRequest): boolean {
  const s = detail.submission;
  if (request.received || request.type !== "bank-statement") return false;
  if (FINAL.includes(s.status)) return false;
  return request.requestedBy.id !== s.id || s.status === "returned";
}

export function situationOf(detail: SubmissionDetail): Situation {
  const s = detail.submission;
  const scanning = detail.attachments.filter((a) => a.status === "scanning");
  const uploadOriginal = may(s, "new-original-slot");
  const openRequests = detail.requests.filter((r) => uploadable(detail, r));
  return {
    final: FINAL.includes(s.status),
    scanning,
    uploadOriginal,
    openRequests,
    correct: may(s, "correct") && !s.replacedBy,
    canUpload: uploadOriginal || openRequests.length > 0,
  };
}

/** The file of `type` being scanned now, if any: the upload widget waits for its verdict. */
export function scanningOf(situation: Situation, type: AttachmentType): Attachment | undefined {
  return situation.scanning.filter((a) => a.type === type).at(-1);
}

/**
 * Files being scanned that no upload widget on the page waits for (there is a widget for the
 * original while it is awaited, and for a requested document while the request is open).
 */
export function unclaimedScans(situation: Situation): Attachment[] {
  return situation.scanning.filter((a) =>
    a.type === "original" ? !situation.uploadOriginal : situation.openRequests.length === 0,
  );
}
