import type { AuditEvent } from "../audit.ts";
import type { OutboxMail } from "../mail/outbox-mail.ts";
import type { AllocationState, Attachment, Submission, SubmissionStatus } from "./model.ts";

/** Ports of the submission use cases. The domain never imports the AWS SDK; the adapters do. */
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
  /** The programme's requisition deadline, to name it when the ledger says the right has lapsed. */
  requisitionDeadline: string;
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

/** The submissions, their files and the allocation rows they reserve; adapters/dynamodb implements it. */
export interface SubmissionStore {
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
  /** Throws ConflictError when the returned submission was replaced before or the ledger moved. */
  replaceSubmission(write: ReplacementWrite): Promise<void>;
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface ObjectHead {
  size: number;
  contentType?: string;
  etag?: string;
}

export interface FileStorage {
  presignUpload(key: string, maxBytes: number, expiresInSeconds: number): Promise<PresignedUpload>;
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  head(key: string): Promise<ObjectHead | undefined>;
  read(key: string): Promise<AsyncIterable<Uint8Array>>;
  tags(key: string): Promise<Record<string, string>>;
  /** Moves an object out of the way; returns the new key. */
  quarantine(key: string): Promise<string>;
  /** With `ifMatch`, copies only if the source is still that version (its ETag). */
  copy(fromKey: string, toKey: string, ifMatch?: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A corrected version replacing a returned submission: release and re-reserve in one transaction. */
export interface ReplacementWrite extends NewSubmission {
  replaced: Submission;
  /** The right's remainder had lapsed at the deadline: what the correction releases lapses too. */
  afterLapse: boolean;
}
