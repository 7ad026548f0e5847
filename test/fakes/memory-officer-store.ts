import type {
  DecisionWrite,
  OfficerStore,
  PaymentProposalWrite,
  PaymentWrite,
  ProgrammeSubmissionQuery,
  RepaymentAttestWrite,
  RepaymentProposalWrite,
  SubmissionPage,
} from "../../shared/officer/ports.ts";
import { conflicts } from "../../shared/submissions/conflicts.ts";
import type { AllocationState, Repayment, Submission } from "../../shared/submissions/model.ts";
import { applyRelease, releaseHolds } from "./memory-ledger.ts";
import { MemoryWorld } from "./memory-world.ts";
import { tick } from "./tick.ts";

const copy = <T>(value: T): T => structuredClone(value);

/** OfficerStore in memory, with the conditions of adapters/dynamodb/officer-store.ts. */
export class MemoryOfficerStore implements OfficerStore {
  constructor(readonly world: MemoryWorld = new MemoryWorld()) {}

  /**
   * Status groups, then time, as GSI2 orders them; one municipality's in time order, as GSI1
   * (SUB#{programmeId}#{createdAt}) does. The cursor is the last id returned.
   */
  async listProgrammeSubmissions(q: ProgrammeSubmissionQuery): Promise<SubmissionPage> {
    await tick();
    const order = (s: Submission) =>
      q.kommunkod ? `${s.createdAt}#${s.id}` : `${s.status}#${s.createdAt}#${s.id}`;
    const all = [...this.world.submissions.values()]
      .filter(
        (s) =>
          s.programmeId === q.programmeId &&
          (!q.status || s.status === q.status) &&
          (!q.kommunkod || s.kommunkod === q.kommunkod) &&
          (!q.kind || s.kind === q.kind),
      )
      .sort((a, b) => order(a).localeCompare(order(b)));
    const start = q.cursor ? all.findIndex((s) => s.id === q.cursor) + 1 : 0;
    const page = all.slice(start, start + q.limit);
    const more = start + q.limit < all.length;
    return { submissions: page.map(copy), ...(more ? { nextCursor: page.at(-1)?.id ?? "" } : {}) };
  }

  async decide(w: DecisionWrite): Promise<void> {
    await tick();
    const { transition } = w.change;
    const world = this.world;
    const ok = world.tx(
      [
        () => world.transitionHolds(transition),
        ...(w.release ? [() => releaseHolds(world, w.release as NonNullable<DecisionWrite["release"]>)] : []),
        ...(w.voided ?? []).map((t) => () => world.attachmentHolds(t)),
      ],
      () => {
        world.applyTransition(w.change);
        if (w.request)
          world.attachments.set(
            MemoryWorld.attachmentKey(w.request.submissionId, w.request.id),
            copy(w.request),
          );
        if (w.release) applyRelease(world, w.release);
        for (const t of w.voided ?? []) world.applyAttachment(t);
        world.putAudit(w.audit, `SUB#${transition.id}`);
        for (const m of w.mails) world.putMail(m, transition.at);
      },
    );
    if (ok) return;
    if (world.transitionHolds(transition)) {
      const slotMoved = (w.voided ?? []).some((t) => !world.attachmentHolds(t));
      throw slotMoved ? conflicts.submissionChanged() : conflicts.ledgerChanged();
    }
    const now = world.submissions.get(transition.id);
    throw now?.status === transition.from
      ? conflicts.submissionChanged()
      : conflicts.notDecidable(now?.status ?? "");
  }

  async proposePayment(w: PaymentProposalWrite): Promise<void> {
    await tick();
    const { transition } = w.change;
    const world = this.world;
    const ok = world.tx([() => world.transitionHolds(transition)], () => {
      world.applyTransition(w.change);
      world.putAudit(w.audit, `SUB#${transition.id}`);
    });
    if (ok) return;
    const now = world.submissions.get(transition.id);
    if (now?.payment) throw conflicts.paymentAlreadyRecorded();
    // Another officer proposed at the same time: reload and see their proposal.
    throw now?.status === transition.from || now?.status === "payment-proposed"
      ? conflicts.submissionChanged()
      : conflicts.paymentNotAllowed(now?.status ?? transition.from);
  }

  async attestPayment(w: PaymentWrite): Promise<void> {
    await tick();
    const { transition } = w.change;
    const world = this.world;
    const ok = world.tx(
      [
        () => world.transitionHolds(transition),
        () => world.allocation(w.programmeId, w.kommunkod) !== undefined,
      ],
      () => {
        world.applyTransition(w.change);
        const row = world.allocation(w.programmeId, w.kommunkod) as AllocationState;
        world.setAllocation({
          ...row,
          paid: (row.paid ?? 0) + w.payment.amount,
          lastPaidOn: w.payment.paidOn,
        });
        world.putAudit(w.audit, `SUB#${transition.id}`);
        for (const m of w.mails) world.putMail(m, transition.at);
      },
    );
    if (ok) return;
    const now = world.submissions.get(transition.id);
    if (now?.payment) throw conflicts.paymentAlreadyRecorded();
    if (now?.paymentProposal && now.paymentProposal.id !== w.payment.proposalId)
      throw conflicts.proposalSuperseded();
    throw conflicts.paymentNotAllowed(now?.status ?? transition.from);
  }

  async proposeRepayment(w: RepaymentProposalWrite): Promise<"recorded" | "replayed"> {
    await tick();
    const r = w.repayment;
    const world = this.world;
    const key = `${r.programmeId}#${r.kommunkod}#${r.id}`;
    if (world.repayments.has(key)) return "replayed";
    const row = world.allocation(r.programmeId, r.kommunkod);
    if (!row?.baseRequisitionId) throw conflicts.nothingToRepay();
    world.repayments.set(key, copy(r));
    world.setAllocation({ ...row, repaymentProposed: (row.repaymentProposed ?? 0) + r.amount });
    world.putAudit(w.audit, `PROG#${r.programmeId}`);
    return "recorded";
  }

  async attestRepayment(w: RepaymentAttestWrite): Promise<"recorded" | "attested" | "stale"> {
    await tick();
    const r = w.repayment;
    const world = this.world;
    const key = `${r.programmeId}#${r.kommunkod}#${r.id}`;
    if (world.repayments.get(key)?.status !== "proposed") return "attested";
    const row = world.allocation(r.programmeId, r.kommunkod);
    if (!row?.baseRequisitionId || (row.repaid ?? 0) !== w.previousRepaid) return "stale";
    world.repayments.set(key, copy(r));
    world.setAllocation({
      ...row,
      repaid: (row.repaid ?? 0) + r.amount,
      repaymentProposed: (row.repaymentProposed ?? 0) - r.amount,
      lastRepaidOn: r.date,
    });
    world.putAudit(w.audit, `PROG#${r.programmeId}`);
    return "recorded";
  }

  async getRepayment(programmeId: string, kommunkod: string, id: string): Promise<Repayment | undefined> {
    await tick();
    const r = this.world.repayments.get(`${programmeId}#${kommunkod}#${id}`);
    return r ? copy(r) : undefined;
  }

  async listRepayments(programmeId: string): Promise<Repayment[]> {
    await tick();
    return [...this.world.repayments.values()].filter((r) => r.programmeId === programmeId).map(copy);
  }

  async listLedger(programmeId: string): Promise<AllocationState[]> {
    await tick();
    return [...this.world.allocations.values()].filter((r) => r.programmeId === programmeId).map(copy);
  }
}
