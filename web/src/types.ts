/**
 * The API's response shapes, taken from the server's own types (type-only imports: nothing of
 * the server ends up in the bundle).
 */
import type { Attachment, AuditEvent, Submission } from "../../shared/ledger/model.ts";
import type { ownPosition, programmeSummary } from "../../shared/ledger/views.ts";

export type { Attachment, AuditEvent, Submission };
export type ProgrammeSummary = ReturnType<typeof programmeSummary>;
export type OwnPosition = ReturnType<typeof ownPosition>;
export type ProgrammeView = ProgrammeSummary & { own?: OwnPosition };

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

export interface SubmissionDetail {
  submission: Submission;
  attachments: (Attachment & { downloadUrl?: string; url?: string })[];
  audit: AuditEvent[];
  /** Officers: a presigned GET of the accepted original, when there is one. */
  originalUrl?: string;
  original?: { url?: string; downloadUrl?: string };
}
