import { overview, positions } from "../officer/overview.ts";
import type { Programme } from "../programmes/schema.ts";
import type { AllocationState, Submission } from "../submissions/model.ts";
import { amountDue } from "../submissions/reconciliation.ts";

/** One broken invariant: where, which, and the two sides that should agree. */
export interface Drift {
  programmeId: string;
  kommunkod?: string;
  invariant: string;
  expected: number | string;
  actual: number | string;
}

/** A requisition holds its reservation until it is replaced, refused or lapsed (paid still holds it). */
const RELEASED: readonly Submission["status"][] = ["replaced", "refused", "lapsed"];
const holdsReservation = (s: Submission) => s.kind === "requisition" && !RELEASED.includes(s.status);

/**
 * The money invariants, checked from the records alone, for one programme:
 * - the ledger row of each municipality is the sum of its live requisitions (and names them);
 * - remaining = allocated − requisitioned, for the own share and the model extra;
 * - paid = the payments on paid requisitions, each at most the approved amount;
 * - after the deadline, lapsed = everything not requisitioned; before it, nothing has lapsed;
 * - repaid ≤ what is due; the due is the live report's computed unspent funds;
 * - the overview's totals agree, to the krona, with the ledger rows they are built from.
 * Pure: the same records always give the same drift.
 */
export function reconcile(
  programme: Programme,
  rows: readonly AllocationState[],
  submissions: readonly Submission[],
): Drift[] {
  const drift: Drift[] = [];
  const found = (
    kommunkod: string | undefined,
    invariant: string,
    expected: number | string,
    actual: number | string,
  ) => {
    if (expected !== actual) {
      drift.push({
        programmeId: programme.id,
        ...(kommunkod ? { kommunkod } : {}),
        invariant,
        expected,
        actual,
      });
    }
  };
  const own = submissions.filter((s) => s.programmeId === programme.id);
  const rowOf = new Map(rows.map((r) => [r.kommunkod, r]));
  const kommuner = new Set([...rows.map((r) => r.kommunkod), ...own.map((s) => s.kommunkod)]);
  for (const kommunkod of kommuner) {
    const row = rowOf.get(kommunkod);
    const mine = own.filter((s) => s.kommunkod === kommunkod);
    const live = (grantKind: "base" | "model-extra") =>
      mine.filter(
        (s) => s.kind === "requisition" && (s.grantKind ?? "base") === grantKind && holdsReservation(s),
      );
    const sum = (list: Submission[]) => list.reduce((total, s) => total + s.amount, 0);
    const base = live("base");
    const extra = live("model-extra");
    if (base.length > 1) found(kommunkod, "at most one live requisition of the own share", 1, base.length);
    if (extra.length > 1) found(kommunkod, "at most one live model-extra requisition", 1, extra.length);
    found(kommunkod, "requisitioned = live requisitions", sum(base), row?.requisitioned ?? 0);
    found(kommunkod, "modelExtraRequisitioned = live extra", sum(extra), row?.modelExtraRequisitioned ?? 0);
    found(
      kommunkod,
      "the ledger names the live requisition",
      base[0]?.id ?? "none",
      row?.baseRequisitionId ?? "none",
    );
    found(
      kommunkod,
      "the ledger names the live model-extra requisition",
      extra[0]?.id ?? "none",
      row?.extraRequisitionId ?? "none",
    );
    if (row) {
      found(
        kommunkod,
        "remaining = allocated − requisitioned",
        row.allocated - row.requisitioned,
        row.remaining,
      );
      found(
        kommunkod,
        row.lapsedAt
          ? "lapsed = allocated − requisitioned, after the deadline"
          : "nothing lapses before the deadline",
        row.lapsedAt ? row.allocated + row.modelExtra - row.requisitioned - row.modelExtraRequisitioned : 0,
        row.lapsedAmount ?? 0,
      );
      if (row.modelExtraRemaining !== undefined) {
        found(
          kommunkod,
          "modelExtraRemaining = modelExtra − modelExtraRequisitioned",
          row.modelExtra - row.modelExtraRequisitioned,
          row.modelExtraRemaining,
        );
      }
    }
    const paid = mine.filter((s) => s.status === "paid");
    found(
      kommunkod,
      "paid = payments on paid requisitions",
      paid.reduce((t, s) => t + (s.payment?.amount ?? 0), 0),
      row?.paid ?? 0,
    );
    for (const s of mine.filter((x) => x.payment)) {
      if ((s.payment?.amount ?? 0) > s.amount)
        found(kommunkod, `payment ≤ approved (${s.reference})`, s.amount, s.payment?.amount ?? 0);
      found(kommunkod, `only paid requisitions carry a payment (${s.reference})`, "paid", s.status);
    }
    const report = mine.find((s) => s.kind === "report" && s.id === row?.reportId);
    if (row?.reportId) {
      found(
        kommunkod,
        "repaymentDue = the report's unspent funds",
        report?.unspent ?? -1,
        row.repaymentDue ?? 0,
      );
    }
    const due = amountDue(row);
    if ((row?.repaid ?? 0) > due) found(kommunkod, "repaid ≤ due", due, row?.repaid ?? 0);
  }
  // The overview and the export are built from positions(); compare their totals with the raw rows.
  const sums = overview(programme, positions(programme, rows, own), "");
  const total = (f: (r: AllocationState) => number | undefined) => rows.reduce((t, r) => t + (f(r) ?? 0), 0);
  found(
    undefined,
    "overview requisitioned = ledger requisitioned",
    total((r) => r.requisitioned + r.modelExtraRequisitioned),
    sums.requisitioned.amount,
  );
  found(
    undefined,
    "overview lapsed = ledger lapsed",
    total((r) => r.lapsedAmount),
    sums.lapsed.amount,
  );
  found(
    undefined,
    "overview paid = ledger paid",
    rows.reduce((t, r) => t + (r.paid ?? 0), 0),
    sums.paid.amount,
  );
  return drift;
}
