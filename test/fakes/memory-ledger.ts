import type { LedgerRowCorrection } from "../../shared/programmes/ports.ts";
import type { LedgerRelease } from "../../shared/submissions/ports.ts";
import type { MemoryWorld } from "./memory-world.ts";

/** The conditions and effect of adapters/dynamodb/ledger-ops.ts releaseOp, in memory. */
export function releaseHolds(world: MemoryWorld, r: LedgerRelease): boolean {
  const row = world.allocation(r.programmeId, r.kommunkod);
  const id = r.grantKind === "model-extra" ? row?.extraRequisitionId : row?.baseRequisitionId;
  return id === r.submissionId && Boolean(row?.lapsedAt) === r.afterLapse;
}

export function applyRelease(world: MemoryWorld, r: LedgerRelease): void {
  const row = world.allocation(r.programmeId, r.kommunkod);
  if (!row) throw new Error("release of a missing allocation row");
  const next = { ...row };
  if (r.grantKind === "model-extra") {
    next.modelExtraRequisitioned -= r.amount;
    next.modelExtraRemaining = (next.modelExtraRemaining ?? 0) + r.amount;
    delete next.extraRequisitionId;
  } else {
    next.requisitioned -= r.amount;
    next.remaining += r.amount;
    delete next.baseRequisitionId;
  }
  if (r.afterLapse) {
    next.lapsedAmount = (next.lapsedAmount ?? 0) + r.amount;
    if (r.grantKind === "base") next.lapsed = true;
    else next.extraLapsed = true;
  }
  world.setAllocation(next);
}

/** The conditions of adapters/dynamodb/ledger-ops.ts allocationCorrectionOp, in memory. */
export function correctionHolds(world: MemoryWorld, programmeId: string, c: LedgerRowCorrection): boolean {
  const row = world.allocation(programmeId, c.kommunkod);
  if (!c.read) return row === undefined;
  return (
    row !== undefined &&
    row.allocated === c.read.allocated &&
    row.requisitioned === c.read.requisitioned &&
    row.remaining === c.read.remaining &&
    Boolean(row.lapsedAt) === c.read.afterLapse
  );
}

export function applyCorrection(world: MemoryWorld, programmeId: string, c: LedgerRowCorrection): void {
  const row = world.allocation(programmeId, c.kommunkod);
  if (!row || !c.read) return;
  const delta = c.to - c.read.allocated;
  world.setAllocation({
    ...row,
    allocated: c.to,
    remaining: c.read.remaining + delta,
    ...(c.read.afterLapse ? { lapsedAmount: (row.lapsedAmount ?? 0) + delta } : {}),
  });
}
