/**
 * The API's response shapes, taken from the server's own types (type-only imports: nothing of
 * the server ends up in the bundle).
 */
import type { AuditEvent } from "../../shared/audit.ts";
import type { openingView } from "../../shared/programmes/opening.ts";
import type { SignatureReason, SignatureResult, SignatureSummary } from "../../shared/signatures/model.ts";
import type { AttachmentRequest, SubmissionDetailView } from "../../shared/submissions/detail-view.ts";
import type { Attachment, AttachmentType, Submission } from "../../shared/submissions/model.ts";
import type { ownPosition, programmeSummary } from "../../shared/submissions/position-views.ts";
import type { Refusal } from "../../shared/submissions/refusals.ts";

export type {
  Attachment,
  AttachmentRequest,
  AttachmentType,
  AuditEvent,
  Refusal,
  SignatureReason,
  SignatureResult,
  SignatureSummary,
  Submission,
};
export type ProgrammeSummary = ReturnType<typeof programmeSummary>;
export type OwnPosition = ReturnType<typeof ownPosition>;
/** A municipality gets `own`, an officer `opening` and the recipients. */
export type ProgrammeView = ProgrammeSummary & {
  own?: OwnPosition;
  opening?: ReturnType<typeof openingView>;
  recipients?: { kommunkod: string; kommun: string }[];
};

export interface UploadSlot {
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
  attachmentId: string;
}

export interface Receipt {
  id: string;
  reference: string;
  status: Submission["status"];
  upload: UploadSlot;
}

export type SubmissionDetail = SubmissionDetailView & {
  /** Officers: a presigned GET of the accepted original, when there is one. */
  originalDownload?: { url: string; expiresAt: string; expiresInSeconds: number };
  /** Officers: presigned GETs of the other accepted files (a requested bank statement). */
  attachmentDownloads?: { attachmentId: string; type: AttachmentType; url: string; expiresAt: string }[];
};
