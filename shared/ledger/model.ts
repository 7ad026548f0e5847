import type { Kronor } from "../money.ts";

/**
 * Status model of a submission:
 *   awaiting-original ──(scan accepted)──▶ received ──▶ approved | returned   (officers)
 *          ▲                 │
 *          └──(new upload)── original-rejected ◀──(scan refused)
 */
export type SubmissionStatus =
  | "awaiting-original"
  | "original-rejected"
  | "received"
  | "approved"
  | "returned";
export type SubmissionKind = "requisition" | "report";
export type GrantKind = "base" | "model-extra";
export type AttachmentType = "original" | "bank-statement";
export type AttachmentStatus = "pending" | "accepted" | "rejected";

export interface Actor {
  sub: string;
  email?: string;
  kind: "municipality" | "officer" | "system";
}

export interface Submission {
  id: string;
  reference: string;
  programmeId: string;
  kommunkod: string;
  kommun: string;
  kind: SubmissionKind;
  /** Requisitions only. */
  grantKind?: GrantKind;
  /** Requisitioned amount, or for a report the grant it accounts for. */
  amount: Kronor;
  /** Reports only: unspent funds to repay. */
  unspent?: Kronor;
  status: SubmissionStatus;
  statusReason?: string;
  /** The Bilaga 2 form as submitted (validated). */
  form: Record<string, unknown>;
  contactEmail: string;
  createdAt: string;
  /** Server receipt time, Europe/Stockholm local, e.g. "2022-11-30 14:05:09". */
  receivedAtLocal: string;
  /** Stockholm calendar date of receipt; deadline checks use it. */
  receivedOn: string;
  late: boolean;
  createdBy: Actor;
  original?: { attachmentId: string; sha256: string; size: number; contentType: string; pdfSigned?: boolean };
  updatedAt: string;
}

export interface Attachment {
  submissionId: string;
  id: string;
  type: AttachmentType;
  key: string;
  status: AttachmentStatus;
  maxBytes: number;
  createdAt: string;
  sha256?: string;
  size?: number;
  contentType?: string;
  pdfSigned?: boolean;
  reason?: string;
}

export interface AllocationState {
  programmeId: string;
  kommunkod: string;
  allocated: Kronor;
  requisitioned: Kronor;
  remaining: Kronor;
  modelExtra: Kronor;
  modelExtraRequisitioned: Kronor;
  baseRequisitionId?: string;
  extraRequisitionId?: string;
  reportId?: string;
  repaymentDue?: Kronor;
  lapsed: boolean;
}

export interface AuditEvent {
  at: string;
  actor: Actor;
  action: string;
  submissionId?: string;
  details: Record<string, unknown>;
}

export interface OutboxMail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** What the mail is about, for logs and the officer digest. */
  topic: string;
  submissionId?: string;
}
