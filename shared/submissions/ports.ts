import type { AuditEvent } from "../audit.ts";
import type { OutboxMail } from "../mail/outbox-mail.ts";
import type { ScanReading } from "../scans/reading.ts";
import type { AttachmentTransition, SubmissionTransition } from "./lifecycle.ts";
import type {
  AllocationState,
  Attachment,
  GrantKind,
  ObjectVersion,
  ScanVerdict,
  Submission,
  SubmissionStatus,
} from "./model.ts";

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
  /**
   * The programme version the submission was validated against: the write requires it to be still
   * current (409 PROGRAMME_CHANGED otherwise), so a cached copy never reserves the old allocation.
   */
  programmeVersion: number;
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

/** A submission as a use case read it: a write may require that it has not moved since. */
export interface SubmissionSnapshot {
  id: string;
  status: Submission["status"];
  revision: number;
}

/** A submission's change of state with the fields written in the same update. */
export interface SubmissionChange {
  transition: SubmissionTransition;
  set?: Partial<Submission>;
  remove?: readonly (keyof Submission)[];
}

/** A new upload slot: for an original, the submission's transition; older slots of the type void. */
export interface SlotWrite {
  attachment: Attachment;
  /** The officer's request (a `requested` attachment) this slot fulfils, instead of a new item. */
  granted?: AttachmentTransition;
  submission: SubmissionChange | SubmissionSnapshot;
  voided: AttachmentTransition[];
  audit: AuditEvent;
}

/** The outcome of checking an upload (or of its malware verdict), written in one transaction. */
export interface SettleWrite {
  attachment: AttachmentTransition;
  /** What the check found: hash, size, type, the exact version, the refusal, the verdict … */
  found: Partial<Attachment>;
  /** An original moves its submission; any other file only requires it to be where it was read. */
  submission: SubmissionChange | SubmissionSnapshot;
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
  /**
   * Throws ConflictError (ALREADY_REPORTED, REQUISITION_REQUIRED, LEDGER_CHANGED when the payments
   * on record moved since `paid` was read) or IdempotentReplay.
   */
  createReport(input: NewSubmission & { paid: number; repaymentDue: number }): Promise<void>;
  getSubmission(id: string): Promise<Submission | undefined>;
  getSubmissionDetail(id: string): Promise<SubmissionDetail | undefined>;
  listSubmissions(filter: SubmissionFilter): Promise<Submission[]>;
  getAttachment(submissionId: string, attachmentId: string): Promise<Attachment | undefined>;
  /** Throws SUBMISSION_CHANGED when the submission or a voided slot moved since it was read. */
  grantSlot(write: SlotWrite): Promise<void>;
  /** False when the attachment or the submission moved since they were read (nothing is written). */
  settle(write: SettleWrite): Promise<boolean>;
  /** A verdict that came before the check: kept on the still-pending attachment; false if it moved. */
  recordVerdict(attachment: Attachment, verdict: ScanVerdict): Promise<boolean>;
  /** Throws ConflictError when the returned submission was replaced before or the ledger moved. */
  replaceSubmission(write: ReplacementWrite): Promise<void>;
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface ObjectHead {
  size: number;
  etag: string;
  versionId?: string;
  contentType?: string;
}

export interface StoredObject {
  key: string;
  etag: string;
  size: number;
  lastModified: Date;
}

/** When the bucket keeps records locked (Object Lock, GOVERNANCE), until when. */
export interface Retention {
  retainUntil: Date;
}

/** Reads the QR codes of a scan (../scans/): pure computation, behind a port so tests can say what a scan holds. */
export interface ScanReader {
  read(bytes: Uint8Array, contentType: string): Promise<ScanReading>;
}

export interface FileStorage {
  presignUpload(key: string, maxBytes: number, expiresInSeconds: number): Promise<PresignedUpload>;
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  head(key: string): Promise<ObjectHead | undefined>;
  /**
   * The bytes of exactly this version: by VersionId where the bucket keeps versions; the caller
   * verifies them against the ETag (the MD5 of a single-part upload) where it does not.
   */
  read(key: string, version: ObjectVersion): Promise<Uint8Array>;
  /** Write-once: refuses to overwrite an existing key; S3 verifies the SHA-256 of what it stores. */
  put(key: string, bytes: Uint8Array, sha256: string, retention?: Retention): Promise<void>;
  copy(fromKey: string, toKey: string, retention?: Retention): Promise<void>;
  /** Moves an object (that version, where known) out of the way; returns the new key. */
  quarantine(key: string, version?: ObjectVersion): Promise<string>;
  remove(key: string, version?: ObjectVersion): Promise<void>;
  /** Every object under the prefix. */
  list(prefix: string): AsyncIterable<StoredObject>;
}

/**
 * A requisition's reservation given back (a refusal, or a returned requisition that lapses): the
 * allocation row no longer counts it. Before the requisition deadline the right is restored; once
 * the right has lapsed (`afterLapse`), what is released lapses with it.
 */
export interface LedgerRelease {
  programmeId: string;
  kommunkod: string;
  submissionId: string;
  grantKind: GrantKind;
  amount: number;
  afterLapse: boolean;
  at: string;
}

/** A corrected version replacing a returned submission: release and re-reserve in one transaction. */
export interface ReplacementWrite extends NewSubmission {
  replaced: Submission;
  /** returned → replaced, with replacedBy set. */
  replacement: SubmissionChange;
  /** The returned version's open requests and slots: nothing settles into a replaced submission. */
  voided: AttachmentTransition[];
  /** The right's remainder had lapsed at the deadline: what the correction releases lapses too. */
  afterLapse: boolean;
  /** A report correction: the payments on record it was reconciled with (the write requires them). */
  paid?: number;
}
