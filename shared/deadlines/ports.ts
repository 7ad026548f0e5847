import type { AuditEvent } from "../audit.ts";
import type { OutboxMail } from "../mail/outbox-mail.ts";
import type { AllocationState } from "../submissions/model.ts";
import type { LedgerRelease, SubmissionChange } from "../submissions/ports.ts";
import type { ReminderRecord } from "./model.ts";

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

/** A returned requisition not corrected in time: it lapses, and its reservation with it. */
export interface ReturnedLapse {
  change: SubmissionChange;
  release: LedgerRelease;
  audit: AuditEvent;
  mails: OutboxMail[];
}

export interface DeadlineStore {
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
  /** False when the submission moved since it was read (corrected at the last minute). */
  lapseReturned(lapse: ReturnedLapse): Promise<boolean>;
}
