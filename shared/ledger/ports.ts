import type {
  AllocationState,
  Attachment,
  AuditEvent,
  OutboxMail,
  Submission,
  SubmissionStatus,
} from "./model.ts";

/**
 * Ports the domain talks through. Adapters in shared/adapters implement them with the AWS SDK;
 * the domain never imports the SDK.
 */
export interface IdempotencyRecord {
  kommunkod: string;
  key: string;
  requestHash: string;
  submissionId: string;
  expiresAt: number;
}

/** Everything one accepted submission writes, in one transaction. */
export interface NewSubmission {
  submission: Submission;
  attachment: Attachment;
  audit: AuditEvent;
  mails: OutboxMail[];
  /** From the programme data, used to initialise the ledger row on first use. */
  allocated: number;
  modelExtra: number;
  idempotency?: IdempotencyRecord;
}

export interface SubmissionDetail {
  submission: Submission;
  attachments: Attachment[];
  audit: AuditEvent[];
}

export interface SubmissionFilter {
  kommunkod?: string;
  programmeId?: string;
  status?: SubmissionStatus;
}

/** The outcome of checking an uploaded file, written with its mails in one transaction. */
export interface AttachmentOutcome {
  submission: Submission;
  attachment: Attachment;
  submissionUpdate?: Pick<Submission, "status" | "updatedAt"> &
    Partial<Pick<Submission, "original" | "statusReason">>;
  audit: AuditEvent;
  mails: OutboxMail[];
}

export interface LedgerStore {
  getAllocation(programmeId: string, kommunkod: string): Promise<AllocationState | undefined>;
  listAllocationsOf(kommunkod: string): Promise<AllocationState[]>;
  findIdempotency(kommunkod: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Throws ConflictError (ALREADY_REQUISITIONED, ALLOCATION_EXCEEDED, DEADLINE_PASSED, …) or IdempotentReplay. */
  createRequisition(input: NewSubmission): Promise<void>;
  /** Throws ConflictError (ALREADY_REPORTED, REQUISITION_REQUIRED) or IdempotentReplay. */
  createReport(input: NewSubmission): Promise<void>;
  getSubmission(id: string): Promise<Submission | undefined>;
  getSubmissionDetail(id: string): Promise<SubmissionDetail | undefined>;
  listSubmissions(filter: SubmissionFilter): Promise<Submission[]>;
  /** A new upload slot; for an original, also moves a rejected submission back to awaiting-original. */
  addAttachment(attachment: Attachment, audit: AuditEvent, reopen?: Submission): Promise<void>;
  getAttachment(submissionId: string, attachmentId: string): Promise<Attachment | undefined>;
  /** Conditional on the attachment still being pending, so a repeated S3 event changes nothing. */
  settleAttachment(outcome: AttachmentOutcome): Promise<boolean>;
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface ObjectHead {
  size: number;
  contentType?: string;
}

export interface FileStorage {
  presignUpload(key: string, maxBytes: number, expiresInSeconds: number): Promise<PresignedUpload>;
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  head(key: string): Promise<ObjectHead | undefined>;
  read(key: string): Promise<AsyncIterable<Uint8Array>>;
  tags(key: string): Promise<Record<string, string>>;
  /** Moves an object out of the way; returns the new key. */
  quarantine(key: string): Promise<string>;
}

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<string>;
}

export interface StoredMail extends OutboxMail {
  attempts: number;
  status: "pending" | "sent" | "failed";
}

export interface OutboxStore {
  dueMails(nowIso: string, limit: number): Promise<StoredMail[]>;
  getMail(id: string): Promise<StoredMail | undefined>;
  /** Takes a lease so two consumers never send the same mail at once; false when someone else has it. */
  claim(id: string, nowIso: string, leaseUntilIso: string): Promise<boolean>;
  markSent(id: string, messageId: string, nowIso: string): Promise<void>;
  markRetry(
    id: string,
    attempts: number,
    nextAttemptAtIso: string,
    error: string,
    final: boolean,
  ): Promise<void>;
  suppressed(addresses: string[]): Promise<Set<string>>;
}
