import { isId } from "../../shared/adapters/dynamodb/items.ts";
import { conflicts, IdempotentReplay } from "../../shared/submissions/conflicts.ts";
import type { AllocationState, Attachment, ScanVerdict, Submission } from "../../shared/submissions/model.ts";
import type {
  IdempotencyRecord,
  NewSubmission,
  ReplacementWrite,
  SettleWrite,
  SlotWrite,
  SubmissionChange,
  SubmissionDetail,
  SubmissionFilter,
  SubmissionSnapshot,
  SubmissionStore,
} from "../../shared/submissions/ports.ts";
import { MemoryWorld } from "./memory-world.ts";
import { tick } from "./tick.ts";

const copy = <T>(value: T): T => structuredClone(value);
const isChange = (s: SubmissionChange | SubmissionSnapshot): s is SubmissionChange => "transition" in s;

/** SubmissionStore in memory, with the conditions of adapters/dynamodb/submission-store.ts. */
export class MemorySubmissionStore implements SubmissionStore {
  constructor(readonly world: MemoryWorld = new MemoryWorld()) {}

  async getAllocation(programmeId: string, kommunkod: string): Promise<AllocationState | undefined> {
    await tick();
    const row = this.world.allocation(programmeId, kommunkod);
    return row ? copy(row) : undefined;
  }

  async listAllocationsOf(kommunkod: string): Promise<AllocationState[]> {
    await tick();
    return [...this.world.allocations.values()].filter((r) => r.kommunkod === kommunkod).map(copy);
  }

  async findIdempotency(kommunkod: string, key: string): Promise<IdempotencyRecord | undefined> {
    await tick();
    const record = this.world.idempotency.get(`${kommunkod}#${key}`);
    return record ? copy(record) : undefined;
  }

  private newWrites(input: NewSubmission) {
    const w = this.world;
    const { submission: s, attachment, audit, mails, idempotency } = input;
    return {
      checks: [() => !w.submissions.has(s.id), ...mails.map((m) => () => w.mailAbsent(m))],
      idempotencyFree: () =>
        !idempotency || !w.idempotency.has(`${idempotency.kommunkod}#${idempotency.key}`),
      apply: () => {
        w.submissions.set(s.id, copy(s));
        w.attachments.set(MemoryWorld.attachmentKey(s.id, attachment.id), copy(attachment));
        w.putAudit(audit, `SUB#${s.id}`);
        for (const m of mails) w.putMail(m, s.createdAt);
        if (idempotency) w.idempotency.set(`${idempotency.kommunkod}#${idempotency.key}`, copy(idempotency));
      },
    };
  }

  private async replayOr(input: NewSubmission): Promise<void> {
    if (!input.idempotency) return;
    const record = await this.findIdempotency(input.idempotency.kommunkod, input.idempotency.key);
    if (record) throw new IdempotentReplay(record.submissionId, record.requestHash);
  }

  /** Like the DynamoDB store's ConditionCheck on the programme item: closed or moved on means so at once. */
  private programmeOpen(programmeId: string, version: number): () => boolean {
    return () => {
      const current = this.world.programmes.get(programmeId)?.at(-1);
      return !current?.programme.closed && current?.version === version;
    };
  }

  private throwIfClosed(programmeId: string, version: number): void {
    const current = this.world.programmes.get(programmeId)?.at(-1);
    if (current?.programme.closed) throw conflicts.programmeClosed(current.programme.closed.on);
    if (current?.version !== version) throw conflicts.programmeChanged();
  }

  async createRequisition(input: NewSubmission): Promise<void> {
    await tick();
    const s = input.submission;
    const w = this.world;
    const writes = this.newWrites(input);
    const extra = s.grantKind === "model-extra";
    const row = () => w.allocation(s.programmeId, s.kommunkod);
    const ledgerHolds = () => {
      const r = row();
      if (extra) {
        return Boolean(
          r?.baseRequisitionId &&
            !r.extraRequisitionId &&
            r.lapsed === false &&
            (r.modelExtraRemaining === undefined || r.modelExtraRemaining >= s.amount),
        );
      }
      return (
        !r?.baseRequisitionId &&
        (r?.lapsed ?? false) === false &&
        (r?.remaining ?? input.allocated) >= s.amount
      );
    };
    const ok = w.tx(
      [
        ledgerHolds,
        this.programmeOpen(s.programmeId, input.programmeVersion),
        ...writes.checks,
        writes.idempotencyFree,
      ],
      () => {
        const r: AllocationState = row() ?? {
          programmeId: s.programmeId,
          kommunkod: s.kommunkod,
          allocated: input.allocated,
          requisitioned: 0,
          remaining: input.allocated,
          modelExtra: input.modelExtra,
          modelExtraRequisitioned: 0,
          lapsed: false,
        };
        const next: AllocationState = extra
          ? {
              ...r,
              extraRequisitionId: s.id,
              modelExtraRequisitioned: (r.modelExtraRequisitioned ?? 0) + s.amount,
              modelExtraRemaining: (r.modelExtraRemaining ?? input.modelExtra) - s.amount,
            }
          : {
              ...r,
              baseRequisitionId: s.id,
              requisitioned: r.requisitioned + s.amount,
              remaining: r.remaining - s.amount,
            };
        w.setAllocation(next);
        writes.apply();
      },
    );
    if (ok) return;
    if (!writes.idempotencyFree()) await this.replayOr(input);
    this.throwIfClosed(s.programmeId, input.programmeVersion);
    const state = row();
    if (state?.lapsed) throw conflicts.deadlinePassed(input.requisitionDeadline);
    if (extra) {
      if (!state?.baseRequisitionId) throw conflicts.baseRequisitionRequired();
      if (state.extraRequisitionId) throw conflicts.alreadyRequisitioned();
      throw conflicts.allocationExceeded(state.modelExtra - state.modelExtraRequisitioned);
    }
    if (state?.baseRequisitionId) throw conflicts.alreadyRequisitioned();
    throw conflicts.allocationExceeded(state?.remaining ?? input.allocated);
  }

  async createReport(input: NewSubmission & { paid: number; repaymentDue: number }): Promise<void> {
    await tick();
    const s = input.submission;
    const w = this.world;
    const writes = this.newWrites(input);
    const row = () => w.allocation(s.programmeId, s.kommunkod);
    const ledgerHolds = () => {
      const r = row();
      return Boolean(r?.baseRequisitionId && !r.reportId && r.paid === input.paid);
    };
    const ok = w.tx(
      [
        ledgerHolds,
        this.programmeOpen(s.programmeId, input.programmeVersion),
        ...writes.checks,
        writes.idempotencyFree,
      ],
      () => {
        const r = row();
        if (r) w.setAllocation({ ...r, reportId: s.id, repaymentDue: input.repaymentDue });
        writes.apply();
      },
    );
    if (ok) return;
    if (!writes.idempotencyFree()) await this.replayOr(input);
    this.throwIfClosed(s.programmeId, input.programmeVersion);
    const state = row();
    if (state?.reportId) throw conflicts.alreadyReported();
    if (!state?.baseRequisitionId) throw conflicts.requisitionRequired();
    throw conflicts.ledgerChanged();
  }

  /** Ids are UUIDs the domain minted; like the DynamoDB store, nothing else is ever found. */
  async getSubmission(id: string): Promise<Submission | undefined> {
    await tick();
    if (!isId(id)) return undefined;
    const s = this.world.submissions.get(id);
    return s ? copy(s) : undefined;
  }

  async getSubmissionDetail(id: string): Promise<SubmissionDetail | undefined> {
    await tick();
    if (!isId(id)) return undefined;
    const submission = this.world.submissions.get(id);
    if (!submission) return undefined;
    return {
      submission: copy(submission),
      attachments: [...this.world.attachments.values()].filter((a) => a.submissionId === id).map(copy),
      audit: this.world.auditOf(id).map(copy),
    };
  }

  async listSubmissions(filter: SubmissionFilter): Promise<Submission[]> {
    await tick();
    return [...this.world.submissions.values()]
      .filter(
        (s) =>
          (!filter.kommunkod || s.kommunkod === filter.kommunkod) &&
          (!filter.programmeId || s.programmeId === filter.programmeId) &&
          (!filter.status || s.status === filter.status),
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(copy);
  }

  async getAttachment(submissionId: string, attachmentId: string): Promise<Attachment | undefined> {
    await tick();
    if (!isId(submissionId) || !isId(attachmentId)) return undefined;
    const a = this.world.attachments.get(MemoryWorld.attachmentKey(submissionId, attachmentId));
    return a ? copy(a) : undefined;
  }

  private submissionCheck(s: SubmissionChange | SubmissionSnapshot) {
    return isChange(s) ? () => this.world.transitionHolds(s.transition) : () => this.world.unchanged(s);
  }

  async grantSlot(w: SlotWrite): Promise<void> {
    await tick();
    const world = this.world;
    const a = w.attachment;
    const key = MemoryWorld.attachmentKey(a.submissionId, a.id);
    const ok = world.tx(
      [
        w.granted
          ? () => world.attachmentHolds(w.granted as NonNullable<SlotWrite["granted"]>)
          : () => !world.attachments.has(key),
        ...w.voided.map((t) => () => world.attachmentHolds(t)),
        this.submissionCheck(w.submission),
      ],
      () => {
        if (w.granted) world.applyAttachment(w.granted, { key: a.key, maxBytes: a.maxBytes });
        else world.attachments.set(key, copy(a));
        for (const t of w.voided) world.applyAttachment(t);
        if (isChange(w.submission)) world.applyTransition(w.submission);
        world.putAudit(w.audit, `SUB#${a.submissionId}`);
      },
    );
    if (!ok) throw conflicts.submissionChanged();
  }

  async settle(w: SettleWrite): Promise<boolean> {
    await tick();
    const world = this.world;
    return world.tx(
      [
        () => world.attachmentHolds(w.attachment),
        this.submissionCheck(w.submission),
        ...w.mails.map((m) => () => world.mailAbsent(m)),
      ],
      () => {
        world.applyAttachment(w.attachment, w.found);
        if (isChange(w.submission)) world.applyTransition(w.submission);
        world.putAudit(w.audit, `SUB#${w.attachment.submissionId}`);
        for (const m of w.mails) world.putMail(m, w.audit.at);
      },
    );
  }

  async recordVerdict(a: Attachment, verdict: ScanVerdict): Promise<boolean> {
    await tick();
    const key = MemoryWorld.attachmentKey(a.submissionId, a.id);
    const stored = this.world.attachments.get(key);
    if (stored?.status !== "pending" || stored.revision !== a.revision || stored.scan) return false;
    this.world.attachments.set(key, { ...stored, scan: copy(verdict), revision: stored.revision + 1 });
    return true;
  }

  async replaceSubmission(w: ReplacementWrite): Promise<void> {
    await tick();
    const world = this.world;
    const { submission: s, replaced: old } = w;
    const writes = this.newWrites(w);
    const row = () => world.allocation(s.programmeId, s.kommunkod);
    const field =
      s.kind === "report"
        ? "reportId"
        : s.grantKind === "model-extra"
          ? "extraRequisitionId"
          : "baseRequisitionId";
    const delta = s.amount - old.amount;
    const ledgerHolds = () => {
      const r = row();
      if (!r || r[field] !== old.id) return false;
      if (s.kind === "report") return r.paid === (w.paid ?? 0) && (r.repaid ?? 0) <= (s.unspent ?? 0);
      const rest = s.grantKind === "model-extra" ? (r.modelExtraRemaining ?? 0) : r.remaining;
      return rest >= delta && Boolean(r.lapsedAt) === w.afterLapse;
    };
    const ok = world.tx(
      [
        () => world.transitionHolds(w.replacement.transition),
        ...w.voided.map((t) => () => world.attachmentHolds(t)),
        ledgerHolds,
        ...writes.checks,
        this.programmeOpen(s.programmeId, w.programmeVersion),
      ],
      () => {
        world.applyTransition(w.replacement);
        for (const t of w.voided) world.applyAttachment(t);
        const r = row() as AllocationState;
        if (s.kind === "report") {
          world.setAllocation({ ...r, reportId: s.id, repaymentDue: s.unspent ?? 0 });
        } else if (s.grantKind === "model-extra") {
          world.setAllocation({
            ...r,
            extraRequisitionId: s.id,
            modelExtraRequisitioned: r.modelExtraRequisitioned + delta,
            modelExtraRemaining: (r.modelExtraRemaining ?? 0) - delta,
            ...(w.afterLapse ? { lapsedAmount: (r.lapsedAmount ?? 0) - delta } : {}),
          });
        } else {
          world.setAllocation({
            ...r,
            baseRequisitionId: s.id,
            requisitioned: r.requisitioned + delta,
            remaining: r.remaining - delta,
            ...(w.afterLapse ? { lapsedAmount: (r.lapsedAmount ?? 0) - delta } : {}),
          });
        }
        writes.apply();
        world.putAudit({ ...w.audit, action: "submission.replaced", submissionId: old.id }, `SUB#${old.id}`);
      },
    );
    if (ok) return;
    this.throwIfClosed(s.programmeId, w.programmeVersion);
    const now = world.submissions.get(old.id);
    if (!world.transitionHolds(w.replacement.transition)) {
      throw now?.status === "replaced" ? conflicts.alreadyReplaced() : conflicts.submissionChanged();
    }
    if (!w.voided.every((t) => world.attachmentHolds(t))) throw conflicts.submissionChanged();
    throw conflicts.ledgerChanged();
  }
}
