import type { Actor } from "../audit.ts";
import type { Kronor } from "../money.ts";
import type { SignatureSummary } from "../signatures/model.ts";
import type { Refusal } from "./refusals.ts";

/** The states and what moves a submission between them: ./lifecycle.ts, and nowhere else. */
export type SubmissionStatus =
  | "awaiting-original"
  | "original-rejected"
  | "received"
  | "approved"
  | "payment-proposed"
  | "returned"
  | "replaced"
  | "refused"
  | "paid"
  | "lapsed";
export type SubmissionKind = "requisition" | "report";
export type GrantKind = "base" | "model-extra";
export type AttachmentType = "original" | "bank-statement";
export type AttachmentStatus = "requested" | "pending" | "scanning" | "accepted" | "refused" | "void";

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
  /** Counts the submission's changes of state; every transition is conditional on it. */
  revision: number;
  /** The attachment id of the one upload slot an original may settle into. */
  originalSlot?: string;
  statusReason?: string;
  /** The Bilaga 2 form as submitted (validated). */
  form: Record<string, unknown>;
  createdAt: string;
  /** Server receipt time, Europe/Stockholm local, e.g. "2022-11-30 14:05:09". */
  receivedAtLocal: string;
  /** Stockholm calendar date of receipt; deadline checks use it. */
  receivedOn: string;
  late: boolean;
  createdBy: Actor;
  original?: {
    attachmentId: string;
    sha256: string;
    size: number;
    contentType: string;
    pdfSignatureMarkers?: boolean;
    /** The digital signatures found, WITHOUT serialNumbers: lists and mail read this record. */
    signature?: SignatureSummary;
    /** What the scan's QR codes said (scanned originals). */
    formCode?: FormCodeMatch;
    /** A digitally signed form that stood in for the scan (no serialNumbers). */
    digitalOriginal?: DigitalOriginal;
  };
  updatedAt: string;
  /** 1 for a first submission, n + 1 for the correction of a returned version n (reference …-R2). */
  version?: number;
  /** The returned submission this one corrects. */
  replaces?: string;
  /** Set on a replaced submission: the correction that replaced it. */
  replacedBy?: string;
  /** The officer's decision on a received submission. */
  decision?: Decision;
  /** Requisitions only: the payment one officer proposed, waiting for an attestant. */
  paymentProposal?: PaymentProposal;
  /** Requisitions only: the payment the agency made (proposed and attested), for reconciliation. */
  payment?: Payment;
}

export interface Decision {
  decision: "approve" | "return" | "refuse";
  by: Actor;
  at: string;
  reason?: string;
  requestedAttachment?: AttachmentType;
}

/** A payment one officer proposed; `id` names this proposal, so an attestant attests exactly it. */
export interface PaymentProposal {
  id: string;
  paidOn: string;
  amount: Kronor;
  proposedBy: Actor;
  proposedAt: string;
}

/** A payment that counts: proposed by one officer, attested by another. */
export interface Payment {
  paidOn: string;
  amount: Kronor;
  proposalId: string;
  proposedBy: Actor;
  proposedAt: string;
  attestedBy: Actor;
  attestedAt: string;
}

export interface Attachment {
  submissionId: string;
  id: string;
  type: AttachmentType;
  key: string;
  status: AttachmentStatus;
  /** Counts the attachment's changes of state; every transition is conditional on it. */
  revision: number;
  maxBytes: number;
  createdAt: string;
  /** The exact object version the check read (S3 ETag and, on a versioned bucket, VersionId). */
  object?: ObjectVersion;
  /** The malware scan's verdict on that version, when it has come in. */
  scan?: ScanVerdict;
  sha256?: string;
  size?: number;
  contentType?: string;
  pdfSignatureMarkers?: boolean;
  /** PDFs: the digital signatures verified. Carries serialNumbers: officers only (see detail-view.ts). */
  signature?: SignatureSummary;
  /** Why the upload check refused the file (code, Swedish and English text). */
  refusal?: Refusal;
  /** The write-once copy of an accepted file (records/…); `key` is only the upload slot. */
  storedKey?: string;
  /** Originals: what the QR codes on the scan said about this submission (./form-code-match.ts). */
  formCode?: FormCodeMatch;
  /** Where the checked bytes wait for the malware verdict (inspected/…). */
  inspectedKey?: string;
  /** Originals: the digitally signed form stood in for the scan (./digital-original.ts). */
  digitalOriginal?: DigitalOriginal;
}

/**
 * A digitally signed form that stands in for the scan of the signed paper (./digital-original.ts):
 * our own form of this very version (the form codes in its document information), every signature
 * verified and the file signed to its end, under a programme that accepts verified signatures.
 * Names and times only, never a serialNumber: lists, mail and the municipality may read it.
 */
export interface DigitalOriginal {
  /** The form's pages, as its form codes count them. */
  pages: number;
  /** The verified signatures, in file order. */
  signers: DigitalSigner[];
}

export interface DigitalSigner {
  signerName?: string;
  /** ISO time from the signingTime attribute (the signer's own claim). */
  signedAt?: string;
  issuer?: string;
}

/**
 * A scanned original's QR codes, read and compared with the submission it was uploaded to:
 * "matched" when they name this very version and the signature page (the last) is among the pages
 * read; "unmatched" (accepted, flagged for the officer) when no code could be read, or the pages
 * without a readable code may hold the signature page. A code naming another submission or version,
 * or a scan whose every page was read and lacks the signature page, is refused instead.
 */
export type FormCodeMatch =
  | { result: "matched"; pages: number[]; of: number }
  | {
      result: "unmatched";
      reason: "no-code" | "no-images" | "unsupported-images" | "signature-page-unread";
      /** signature-page-unread: the pages whose code was read, of how many. */
      pages?: number[];
      of?: number;
    };

export interface ObjectVersion {
  etag: string;
  versionId?: string;
}

/**
 * GuardDuty Malware Protection's result for one object version (NO_THREATS_FOUND is the only one
 * that accepts), or NOT_SCANNED on a stage that says in its configuration that it has no scanning.
 */
export interface ScanVerdict {
  result: "NO_THREATS_FOUND" | "THREATS_FOUND" | "UNSUPPORTED" | "ACCESS_DENIED" | "FAILED" | "NOT_SCANNED";
  object: ObjectVersion;
  at: string;
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
  /** Sum of attested payments (a proposal counts only once attested). */
  paid?: Kronor;
  lastPaidOn?: string;
  /** Sum of attested repayments. */
  repaid?: Kronor;
  /** Sum of repayments proposed and not yet attested (they do not count as repaid). */
  repaymentProposed?: Kronor;
  lastRepaidOn?: string;
  /** Unspent funds not repaid by the repayment deadline. */
  repaymentOverdueAt?: string;
}

/**
 * Money a municipality paid back, registered with four eyes: `proposed` by one officer, counted
 * (the ledger's `repaid`) only once another officer, an attestant, has `attested` it.
 */
export interface Repayment {
  id: string;
  programmeId: string;
  kommunkod: string;
  amount: Kronor;
  /** The day the money arrived. */
  date: string;
  status: "proposed" | "attested";
  proposedBy: Actor;
  proposedAt: string;
  attestedBy?: Actor;
  attestedAt?: string;
}
