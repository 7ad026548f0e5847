import type {
  AllocationState,
  Attachment,
  AuditEvent,
  ContactEntry,
  Decision,
  OutboxMail,
  Payment,
  ProgrammeOpening,
  ReminderRecord,
  Repayment,
  Submission,
  SubmissionKind,
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

// ── Deadlines, the officer's side and the contact register ────────────────────────────────────

/** One announcement or reminder: its record and its mail, written together or not at all. */
export interface MarkedMail {
  record: ReminderRecord;
  mail: OutboxMail;
}

/** The unrequisitioned right of one municipality lapses at the deadline. */
export interface LapseMark {
  programmeId: string;
  kommunkod: string;
  allocated: number;
  modelExtra: number;
  lapsedAmount: number;
  /** Nothing was requisitioned: lapsed = true (and the ledger row is created if absent). */
  whole: boolean;
  /** The model extra was not requisitioned: extraLapsed = true. */
  extra: boolean;
  /** The ledger as the plan saw it; the write is refused if it moved. */
  requisitioned: number;
  modelExtraRequisitioned: number;
  at: string;
}

/** A dated flag on a ledger row, set once. */
export interface FlagMark {
  programmeId: string;
  kommunkod: string;
  flag: "reportOverdueAt" | "reclaimListedAt" | "repaymentOverdueAt";
  at: string;
}

export interface DigestWrite {
  programmeId: string;
  mail: OutboxMail;
  /** The run's time; the next digest reports what happened after it. */
  at: string;
  /** The cursor this digest was computed from (optimistic lock). */
  previousAt: string | undefined;
}

export interface DeadlineStore {
  getOpening(programmeId: string): Promise<ProgrammeOpening | undefined>;
  /** Conditional: false when the programme was already open. */
  saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean>;
  /** The programme's ledger rows (only municipalities that have one). */
  listLedger(programmeId: string): Promise<AllocationState[]>;
  /** Keys (markerKey) of the announcements and reminders already sent. */
  listReminderKeys(programmeId: string): Promise<Set<string>>;
  /** Writes each record with its mail at most once (batched); returns how many were new. */
  sendOnce(items: MarkedMail[]): Promise<number>;
  /** Returns how many rows were marked (a row marked before is skipped). */
  markLapses(marks: LapseMark[]): Promise<number>;
  markFlags(marks: FlagMark[]): Promise<number>;
  getDigestCursor(programmeId: string): Promise<string | undefined>;
  /** The digest mail and the moved cursor in one transaction; false if either was written before. */
  saveDigest(digest: DigestWrite): Promise<boolean>;
}

export interface ContactStore {
  listContacts(): Promise<ContactEntry[]>;
  getContact(kommunkod: string): Promise<ContactEntry | undefined>;
  saveContact(entry: ContactEntry, audit: AuditEvent): Promise<void>;
  /** Many at once (import, seeding), with one audit event for the lot. */
  saveContacts(entries: ContactEntry[], audit: AuditEvent): Promise<number>;
  hasContacts(): Promise<boolean>;
}

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

/** A corrected version replacing a returned submission: release and re-reserve in one transaction. */
export interface ReplacementWrite extends NewSubmission {
  replaced: Submission;
  /** The right's remainder had lapsed at the deadline: what the correction releases lapses too. */
  afterLapse: boolean;
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
  /** Throws ConflictError when the returned submission was replaced before or the ledger moved. */
  replaceSubmission(write: ReplacementWrite): Promise<void>;
}
