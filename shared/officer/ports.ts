import type { AuditEvent } from "../audit.ts";
import type { OutboxMail } from "../mail/outbox-mail.ts";
import type {
  AllocationState,
  Decision,
  Payment,
  Repayment,
  Submission,
  SubmissionKind,
  SubmissionStatus,
} from "../submissions/model.ts";

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
  submission: Submission;
  status: "approved" | "returned";
  decision: Decision;
  audit: AuditEvent;
  mails: OutboxMail[];
}

export interface PaymentWrite {
  submission: Submission;
  payment: Payment;
  audit: AuditEvent;
}

export interface RepaymentWrite {
  repayment: Repayment;
  /** The repaid total the domain checked against (optimistic lock). */
  previousRepaid: number;
  audit: AuditEvent;
}

export interface OfficerStore {
  listProgrammeSubmissions(query: ProgrammeSubmissionQuery): Promise<SubmissionPage>;
  /** Throws ConflictError when the submission is no longer "received". */
  decide(write: DecisionWrite): Promise<void>;
  /** Throws ConflictError when a payment was recorded before or the requisition is not approved. */
  recordPayment(write: PaymentWrite): Promise<void>;
  /** "stale" when the repaid total moved meanwhile (the caller re-reads and retries). */
  recordRepayment(write: RepaymentWrite): Promise<"recorded" | "replayed" | "stale">;
  getRepayment(programmeId: string, kommunkod: string, id: string): Promise<Repayment | undefined>;
  /** The programme's ledger rows (only municipalities that have one), for the overview and export. */
  listLedger(programmeId: string): Promise<AllocationState[]>;
}
