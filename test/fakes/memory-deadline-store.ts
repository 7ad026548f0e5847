import type {
  DeadlineStore,
  DigestWrite,
  FlagMark,
  LapseMark,
  MarkedMail,
  ReturnedLapse,
} from "../../shared/deadlines/ports.ts";
import type { AllocationState } from "../../shared/submissions/model.ts";
import { applyRelease, releaseHolds } from "./memory-ledger.ts";
import type { MemoryWorld } from "./memory-world.ts";
import { tick } from "./tick.ts";

const copy = <T>(value: T): T => structuredClone(value);
const DUE_AT_ONCE = "0000-01-01T00:00:00.000Z";

/** DeadlineStore in memory, with the conditions of adapters/dynamodb/deadline-store.ts. */
export class MemoryDeadlineStore implements DeadlineStore {
  constructor(readonly world: MemoryWorld) {}

  async listLedger(programmeId: string): Promise<AllocationState[]> {
    await tick();
    return [...this.world.allocations.values()].filter((r) => r.programmeId === programmeId).map(copy);
  }

  async listReminderKeys(programmeId: string): Promise<Set<string>> {
    await tick();
    return new Set(
      [...this.world.reminders.values()]
        .filter((r) => r.programmeId === programmeId)
        .map((r) => `${r.kommunkod}#${r.kind}#${r.offset}`),
    );
  }

  async sendOnce(items: MarkedMail[]): Promise<number> {
    await tick();
    let written = 0;
    for (const { record, mail } of items) {
      const key = `${record.programmeId}#${record.kommunkod}#${record.kind}#${record.offset}`;
      const ok = this.world.tx(
        [() => !this.world.reminders.has(key), () => this.world.mailAbsent(mail)],
        () => {
          this.world.reminders.set(key, copy(record));
          this.world.putMail(mail, record.at, DUE_AT_ONCE);
        },
      );
      if (ok) written++;
    }
    return written;
  }

  async markLapses(marks: LapseMark[]): Promise<number> {
    await tick();
    let done = 0;
    for (const m of marks) {
      const row = this.world.allocation(m.programmeId, m.kommunkod);
      if (m.whole) {
        if (row?.baseRequisitionId || row?.lapsedAt) continue;
        if (row && row.allocated !== m.allocated) continue;
        this.world.setAllocation({
          programmeId: m.programmeId,
          kommunkod: m.kommunkod,
          allocated: m.allocated,
          modelExtra: m.modelExtra,
          requisitioned: row?.requisitioned ?? 0,
          remaining: row?.remaining ?? m.allocated,
          modelExtraRequisitioned: row?.modelExtraRequisitioned ?? 0,
          ...row,
          lapsed: true,
          extraLapsed: m.extra,
          lapsedAmount: m.lapsedAmount,
          lapsedAt: m.at,
        });
        done++;
        continue;
      }
      if (
        !row?.baseRequisitionId ||
        row.lapsedAt ||
        row.requisitioned !== m.requisitioned ||
        row.modelExtraRequisitioned !== m.modelExtraRequisitioned ||
        row.allocated !== m.allocated
      ) {
        continue;
      }
      this.world.setAllocation({
        ...row,
        extraLapsed: m.extra,
        lapsedAmount: m.lapsedAmount,
        lapsedAt: m.at,
      });
      done++;
    }
    return done;
  }

  async markFlags(marks: FlagMark[]): Promise<number> {
    await tick();
    let done = 0;
    for (const m of marks) {
      const row = this.world.allocation(m.programmeId, m.kommunkod);
      if (!row || row[m.flag]) continue;
      if (m.flag !== "repaymentOverdueAt" && (!row.baseRequisitionId || row.reportId)) continue;
      this.world.setAllocation({ ...row, [m.flag]: m.at });
      done++;
    }
    return done;
  }

  async getDigestCursor(programmeId: string): Promise<string | undefined> {
    await tick();
    return this.world.digests.get(programmeId);
  }

  async saveDigest(d: DigestWrite): Promise<boolean> {
    await tick();
    return this.world.tx(
      [() => this.world.digests.get(d.programmeId) === d.previousAt, () => this.world.mailAbsent(d.mail)],
      () => {
        this.world.digests.set(d.programmeId, d.at);
        this.world.putMail(d.mail, d.at, DUE_AT_ONCE);
      },
    );
  }

  async lapseReturned(l: ReturnedLapse): Promise<boolean> {
    await tick();
    const { transition } = l.change;
    return this.world.tx(
      [() => this.world.transitionHolds(transition), () => releaseHolds(this.world, l.release)],
      () => {
        this.world.applyTransition(l.change);
        applyRelease(this.world, l.release);
        this.world.putAudit(l.audit, `SUB#${transition.id}`);
        for (const m of l.mails) this.world.putMail(m, transition.at, DUE_AT_ONCE);
      },
    );
  }
}
