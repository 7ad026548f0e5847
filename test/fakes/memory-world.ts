import type { AuditEvent } from "../../shared/audit.ts";
import type { ContactEntry } from "../../shared/contacts/model.ts";
import type { ReminderRecord } from "../../shared/deadlines/model.ts";
import type { OutboxMail } from "../../shared/mail/outbox-mail.ts";
import type { ProgrammeDraft } from "../../shared/programmes/draft.ts";
import type { ProgrammeOpening } from "../../shared/programmes/opening.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import type { AttachmentTransition, SubmissionTransition } from "../../shared/submissions/lifecycle.ts";
import type { AllocationState, Attachment, Repayment, Submission } from "../../shared/submissions/model.ts";
import type {
  IdempotencyRecord,
  SubmissionChange,
  SubmissionSnapshot,
} from "../../shared/submissions/ports.ts";

/**
 * The single table in memory, for unit tests through the ports. Every write a store makes is a
 * `tx()`: its conditions are checked first and its changes applied only if all hold, as a
 * DynamoDB transaction would; a failed condition writes nothing. The fakes keep the same
 * conditions as the DynamoDB adapters (the store contract tests run against both).
 */
export interface QueuedMail extends OutboxMail {
  createdAt: string;
  dueAt: string;
}

export class MemoryWorld {
  readonly submissions = new Map<string, Submission>();
  readonly attachments = new Map<string, Attachment>();
  readonly allocations = new Map<string, AllocationState>();
  readonly audit: (AuditEvent & { partition: string })[] = [];
  readonly mails = new Map<string, QueuedMail>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly reminders = new Map<string, ReminderRecord>();
  readonly openings = new Map<string, ProgrammeOpening>();
  /** Programmes being set up, by id. */
  readonly programmeDrafts = new Map<string, ProgrammeDraft>();
  /** Published programmes: every version, the last one current. */
  readonly programmes = new Map<string, { programme: Programme; version: number; publishedAt: string }[]>();
  readonly digests = new Map<string, string>();
  readonly repayments = new Map<string, Repayment>();
  readonly contacts = new Map<string, ContactEntry>();

  static allocationKey = (programmeId: string, kommunkod: string) => `${programmeId}#${kommunkod}`;
  static attachmentKey = (submissionId: string, id: string) => `${submissionId}#${id}`;

  /** Runs `writes` only if every check passes; answers which check failed, as cancellation reasons do. */
  tx(checks: readonly (() => boolean)[], writes: () => void): boolean {
    if (!checks.every((check) => check())) return false;
    writes();
    return true;
  }

  // ── Conditions and writes shared by the stores, one place each, like the adapters' helpers ──

  transitionHolds(t: SubmissionTransition): boolean {
    const s = this.submissions.get(t.id);
    return s?.status === t.from && s.revision === t.revision;
  }

  applyTransition(change: SubmissionChange): void {
    const { transition: t } = change;
    const s = this.submissions.get(t.id);
    if (!s) throw new Error("transition of a missing submission");
    const next: Submission = {
      ...s,
      ...(change.set ?? {}),
      status: t.to,
      revision: s.revision + 1,
      updatedAt: t.at,
    };
    for (const field of change.remove ?? []) delete next[field];
    this.submissions.set(t.id, next);
  }

  unchanged(snapshot: SubmissionSnapshot): boolean {
    const s = this.submissions.get(snapshot.id);
    return s?.status === snapshot.status && s.revision === snapshot.revision;
  }

  attachmentHolds(t: AttachmentTransition): boolean {
    const a = this.attachments.get(MemoryWorld.attachmentKey(t.submissionId, t.id));
    return a?.status === t.from && a.revision === t.revision;
  }

  applyAttachment(t: AttachmentTransition, set: Partial<Attachment> = {}): void {
    const key = MemoryWorld.attachmentKey(t.submissionId, t.id);
    const a = this.attachments.get(key);
    if (!a) throw new Error("transition of a missing attachment");
    this.attachments.set(key, { ...a, ...set, status: t.to, revision: a.revision + 1 });
  }

  putAudit(e: AuditEvent, partition: string): void {
    this.audit.push({ ...e, partition });
  }

  mailAbsent(m: OutboxMail): boolean {
    return !this.mails.has(m.id);
  }

  putMail(m: OutboxMail, createdAt: string, dueAt = createdAt): void {
    this.mails.set(m.id, { ...m, createdAt, dueAt });
  }

  allocation(programmeId: string, kommunkod: string): AllocationState | undefined {
    return this.allocations.get(MemoryWorld.allocationKey(programmeId, kommunkod));
  }

  setAllocation(row: AllocationState): void {
    this.allocations.set(MemoryWorld.allocationKey(row.programmeId, row.kommunkod), row);
  }

  /** Every audit event of a submission, oldest first. */
  auditOf(submissionId: string): AuditEvent[] {
    return this.audit
      .filter((e) => e.partition === `SUB#${submissionId}`)
      .map(({ partition: _partition, ...e }) => e);
  }

  /** Queued mail, oldest first. */
  queued(): QueuedMail[] {
    return [...this.mails.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
