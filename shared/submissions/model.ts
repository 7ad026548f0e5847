import type { Actor } from "../audit.ts";
import type { Kronor } from "../money.ts";
import type { Refusal } from "./refusals.ts";

/**
 * Status model of a submission:
 *   awaiting-original ──(scan accepted)──▶ received ──▶ approved | returned   (officers)
 *   returned ──(corrected version submitted)──▶ returned with replacedBy; the new version starts over
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
  /** 1 for a first submission, n + 1 for the correction of a returned version n (reference …-R2). */
  version?: number;
  /** The returned submission this one corrects. */
  replaces?: string;
  /** Set on a returned submission once its correction is in. */
  replacedBy?: string;
  /** The officer's decision on a received submission. */
  decision?: Decision;
  /** Requisitions only: the payment the agency made, for reconciliation. */
  payment?: Payment;
}

export interface Decision {
  decision: "approve" | "return";
  by: Actor;
  at: string;
  reason?: string;
  requestedAttachment?: AttachmentType;
}

export interface Payment {
  paidOn: string;
  amount: Kronor;
  recordedBy: Actor;
  recordedAt: string;
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
  /** Why the upload check refused the file (code, Swedish and English text). */
  refusal?: Refusal;
  /** The write-once copy of an accepted file (records/…); `key` is only the upload slot. */
  storedKey?: string;
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
  /** Unspent funds from the (current) report. */
  repaymentDue?: Kronor;
  lapsed: boolean;
  modelExtraRemaining?: Kronor;
  /** The model extra can no longer be requisitioned: the deadline passed without it. */
  extraLapsed?: boolean;
  /** What lapsed at the requisition deadline (base and extra not requisitioned), in kronor. */
  lapsedAmount?: Kronor;
  /** When the daily job marked the lapse (ISO instant). */
  lapsedAt?: string;
  /** Requisitioned but no report by the report deadline. */
  reportOverdueAt?: string;
  /** Still no report after the last overdue reminder: listed for reclaim (återkrav). */
  reclaimListedAt?: string;
  /** Sum of recorded payments. */
  paid?: Kronor;
  lastPaidOn?: string;
  /** Sum of recorded repayments. */
  repaid?: Kronor;
  lastRepaidOn?: string;
  /** Unspent funds not repaid by the repayment deadline. */
  repaymentOverdueAt?: string;
}

export interface Repayment {
  id: string;
  programmeId: string;
  kommunkod: string;
  amount: Kronor;
  /** The day the money arrived. */
  date: string;
  recordedBy: Actor;
  recordedAt: string;
}
