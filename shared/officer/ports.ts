import type { AuditEvent } from "../audit.ts";
import type { OutboxMail } from "../mail/outbox-mail.ts";
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
  audit: AuditEvent;
  mails: OutboxMail[];
}

export interface PaymentWrite {
  /** approved → paid, with the payment written in the same update. */
  change: SubmissionChange;
  programmeId: string;
  kommunkod: string;
  payment: Payment;
  audit: AuditEvent;
  mails: OutboxMail[];
}

export interface RepaymentWrite {
  repayment: Repayment;
  /** The repaid total the domain checked against (optimistic lock). */
  previousRepaid: number;
  audit: AuditEvent;
}

export interface OfficerStore {
  listProgrammeSubmissions(query: ProgrammeSubmissionQuery): Promise<SubmissionPage>;
  /** Throws ConflictError when the submission moved since it was read (another officer decided). */
  decide(write: DecisionWrite): Promise<void>;
  /** Throws ConflictError when the requisition moved since it was read (paid meanwhile). */
  recordPayment(write: PaymentWrite): Promise<void>;
  /** "stale" when the repaid total moved meanwhile (the caller re-reads and retries). */
  recordRepayment(write: RepaymentWrite): Promise<"recorded" | "replayed" | "stale">;
  getRepayment(programmeId: string, kommunkod: string, id: string): Promise<Repayment | undefined>;
  /** The programme's ledger rows (only municipalities that have one), for the overview and export. */
  listLedger(programmeId: string): Promise<AllocationState[]>;
}
