import type { AuditEvent } from "../audit.ts";
import type { OutboxMail } from "../mail/outbox-mail.ts";
import type { AttachmentTransition } from "../submissions/lifecycle.ts";
import type {
  AllocationState,
  Attachment,
  Payment,
  Repayment,
  Submission,
  SubmissionKind,
  SubmissionStatus,
} from "../submissions/model.ts";
import type { LedgerRelease, SubmissionChange } from "../submissions/ports.ts";

export interface ProgrammeSubmissionQuery {
  programmeId: string;
  status?: SubmissionStatus;
  kommunkod?: string;
  kind?: SubmissionKind;
  limit: number;
  /** Opaque, from the previous page. */
  cursor?: string;
}

export interface SubmissionPage {
  submissions: Submission[];
  nextCursor?: string;
}

export interface DecisionWrite {
  /** received → approved | returned | refused, with the decision written in the same update. */
  change: SubmissionChange;
  /** A document the return asks for: a `requested` attachment the municipality may then upload. */
  request?: Attachment;
  /** A refusal releases the requisition's reservation. */
  release?: LedgerRelease;
  /** A refusal voids the slots and requests still open: nothing more is uploaded to a refused requisition. */
  voided?: AttachmentTransition[];
  audit: AuditEvent;
  mails: OutboxMail[];
}

export interface PaymentProposalWrite {
  /** approved | payment-proposed → payment-proposed, with the proposal written in the same update. */
  change: SubmissionChange;
  audit: AuditEvent;
}

export interface PaymentWrite {
  /** payment-proposed → paid, the attested payment set and the proposal removed in the same update. */
  change: SubmissionChange;
  programmeId: string;
  kommunkod: string;
  payment: Payment;
  audit: AuditEvent;
  mails: OutboxMail[];
}

export interface RepaymentProposalWrite {
  /** A `proposed` repayment; it counts as `repaymentProposed` on the ledger row, not as repaid. */
  repayment: Repayment;
  audit: AuditEvent;
}

export interface RepaymentAttestWrite {
  /** The repayment as attested; written only while it is still `proposed`. */
  repayment: Repayment;
  /** The repaid total the domain checked against (optimistic lock). */
  previousRepaid: number;
  audit: AuditEvent;
}

export interface OfficerStore {
  listProgrammeSubmissions(query: ProgrammeSubmissionQuery): Promise<SubmissionPage>;
  /** Throws ConflictError when the submission moved since it was read (another officer decided). */
  decide(write: DecisionWrite): Promise<void>;
  /** Throws ConflictError when the requisition moved since it was read (paid or proposed meanwhile). */
  proposePayment(write: PaymentProposalWrite): Promise<void>;
  /** Throws ConflictError when the requisition moved since it was read (attested, or a newer proposal). */
  attestPayment(write: PaymentWrite): Promise<void>;
  /** "replayed" when a repayment with this id exists (a retry under the same Idempotency-Key). */
  proposeRepayment(write: RepaymentProposalWrite): Promise<"recorded" | "replayed">;
  /**
   * "attested" when it was attested meanwhile (by anyone); "stale" when the repaid total moved
   * meanwhile (the caller re-reads and retries).
   */
  attestRepayment(write: RepaymentAttestWrite): Promise<"recorded" | "attested" | "stale">;
  getRepayment(programmeId: string, kommunkod: string, id: string): Promise<Repayment | undefined>;
  /** The programme's repayments, proposed and attested, for the attestant to find what waits. */
  listRepayments(programmeId: string): Promise<Repayment[]>;
  /** The programme's ledger rows (only municipalities that have one), for the overview and export. */
  listLedger(programmeId: string): Promise<AllocationState[]>;
}
