import { stockholmDate } from "../dates.ts";
import type { Kronor } from "../money.ts";
import { effectiveDeadlines } from "../programmes/deadlines.ts";
import type { Programme } from "../programmes/schema.ts";
import type { AllocationState, Submission, SubmissionStatus } from "../submissions/model.ts";

export type PositionStatus =
  | "not-requisitioned"
  | "lapsed"
  | "requisitioned"
  | "report-overdue"
  | "reclaim-listed"
  | "reported"
  | "repayment-due"
  | "repayment-overdue";

interface SubmissionRef {
  id: string;
  reference: string;
  status: SubmissionStatus;
  receivedOn: string;
}

/** One municipality's standing in a programme: the row of the CSV export, the unit of the overview. */
export interface Position {
  kommunkod: string;
  kommun: string;
  allocation: Kronor;
  modelExtra: Kronor;
  requisitioned: Kronor;
  modelExtraRequisitioned: Kronor;
  /** Lapsed at the requisition deadline (base and extra not requisitioned). */
  lapsed: Kronor;
  /** allocation + modelExtra − requisitioned − modelExtraRequisitioned − lapsed. */
  notYetRequisitioned: Kronor;
  status: PositionStatus;
  requisition?: SubmissionRef;
  extraRequisition?: SubmissionRef;
  lapsedOn?: string;
  /** Attested payments only: what the agency has paid out. */
  paid: Kronor;
  paidOn?: string;
  /** Payments proposed and not yet attested: not paid, shown so nothing waits unseen. */
  paymentProposed: Kronor;
  report?: SubmissionRef & { received: Kronor; costs?: Kronor; unspent: Kronor; late: boolean };
  reportOverdueSince?: string;
  reclaimListedOn?: string;
  /** Unspent funds in the report. */
  repaymentDue: Kronor;
  /** The repayment deadline, where something is due. */
  repaymentDueBy?: string;
  /** Attested repayments only. */
  repaid: Kronor;
  repaidOn?: string;
  /** Repayments proposed and not yet attested (they do not lower what is outstanding). */
  repaymentProposed: Kronor;
  repaymentOutstanding: Kronor;
  repaymentOverdue: boolean;
}

const day = (iso: string | undefined) => (iso ? stockholmDate(new Date(iso)) : undefined);
const proposedPayment = (s: Submission | undefined): Kronor =>
  s?.status === "payment-proposed" ? (s.paymentProposal?.amount ?? 0) : 0;
const ref = (s: Submission | undefined): SubmissionRef | undefined =>
  s ? { id: s.id, reference: s.reference, status: s.status, receivedOn: s.receivedOn } : undefined;

function statusOf(row: AllocationState | undefined, p: Omit<Position, "status">): PositionStatus {
  if (!row?.baseRequisitionId) return row?.lapsed ? "lapsed" : "not-requisitioned";
  if (!row.reportId) {
    if (row.reclaimListedAt) return "reclaim-listed";
    return row.reportOverdueAt ? "report-overdue" : "requisitioned";
  }
  if (p.repaymentOutstanding > 0) return p.repaymentOverdue ? "repayment-overdue" : "repayment-due";
  return "reported";
}

/** Every municipality of the programme, whether or not it has a ledger row yet. */
export function positions(
  programme: Programme,
  rows: readonly AllocationState[],
  submissions: readonly Submission[],
): Position[] {
  const rowOf = new Map(rows.map((r) => [r.kommunkod, r]));
  const byId = new Map(submissions.map((s) => [s.id, s]));
  const get = (id: string | undefined) => (id ? byId.get(id) : undefined);
  const repaymentDeadline = effectiveDeadlines(programme).repayment;
  return programme.allocations.map((a) => {
    const row = rowOf.get(a.kommunkod);
    const requisitioned = row?.baseRequisitionId ? row.requisitioned : 0;
    const modelExtraRequisitioned = row?.modelExtraRequisitioned ?? 0;
    const lapsed = row?.lapsedAmount ?? 0;
    const report = get(row?.reportId);
    const costs = (report?.form as { accounting?: { costs?: number } } | undefined)?.accounting?.costs;
    const repaymentDue = row?.repaymentDue ?? 0;
    const repaid = row?.repaid ?? 0;
    const base: Omit<Position, "status"> = {
      kommunkod: a.kommunkod,
      kommun: a.kommun,
      allocation: a.amount,
      modelExtra: a.modelExtra,
      requisitioned,
      modelExtraRequisitioned,
      lapsed,
      notYetRequisitioned: a.amount + a.modelExtra - requisitioned - modelExtraRequisitioned - lapsed,
      ...(ref(get(row?.baseRequisitionId)) ? { requisition: ref(get(row?.baseRequisitionId)) } : {}),
      ...(ref(get(row?.extraRequisitionId)) ? { extraRequisition: ref(get(row?.extraRequisitionId)) } : {}),
      ...(row?.lapsedAt ? { lapsedOn: day(row.lapsedAt) } : {}),
      paid: row?.paid ?? 0,
      ...(row?.lastPaidOn ? { paidOn: row.lastPaidOn } : {}),
      paymentProposed:
        proposedPayment(get(row?.baseRequisitionId)) + proposedPayment(get(row?.extraRequisitionId)),
      ...(report
        ? {
            report: {
              id: report.id,
              reference: report.reference,
              status: report.status,
              receivedOn: report.receivedOn,
              received: report.amount,
              ...(costs !== undefined ? { costs } : {}),
              unspent: report.unspent ?? 0,
              late: report.late,
            },
          }
        : {}),
      ...(row?.reportOverdueAt ? { reportOverdueSince: day(row.reportOverdueAt) } : {}),
      ...(row?.reclaimListedAt ? { reclaimListedOn: day(row.reclaimListedAt) } : {}),
      repaymentDue,
      ...(repaymentDue > 0 && repaymentDeadline ? { repaymentDueBy: repaymentDeadline } : {}),
      repaid,
      ...(row?.lastRepaidOn ? { repaidOn: row.lastRepaidOn } : {}),
      repaymentProposed: row?.repaymentProposed ?? 0,
      repaymentOutstanding: Math.max(0, repaymentDue - repaid),
      repaymentOverdue: Boolean(row?.repaymentOverdueAt) && repaymentDue > repaid,
    };
    return { ...base, status: statusOf(row, base) };
  });
}

interface Tally {
  amount: Kronor;
  municipalities: number;
}

function tally(
  list: readonly Position[],
  amount: (p: Position) => Kronor,
  counts = (p: Position) => amount(p) > 0,
): Tally {
  return {
    amount: list.reduce((sum, p) => sum + amount(p), 0),
    municipalities: list.filter(counts).length,
  };
}

/**
 * GET /programmes/{id}/overview: sums in kronor and counts of municipalities. The allocation
 * splits, to the krona, into requisitioned + lapsed + not yet requisitioned (`balanced`).
 */
const overdue = (p: Position) => p.status === "report-overdue" || p.status === "reclaim-listed";

export function overview(programme: Programme, list: readonly Position[], asOf: string) {
  const allocated = tally(list, (p) => p.allocation + p.modelExtra);
  const requisitioned = tally(list, (p) => p.requisitioned + p.modelExtraRequisitioned);
  const lapsed = tally(list, (p) => p.lapsed);
  const notYetRequisitioned = tally(list, (p) => p.notYetRequisitioned);
  return {
    programmeId: programme.id,
    title: programme.title,
    asOf,
    currency: "SEK",
    total: programme.totalBase + (programme.modelExtra?.total ?? 0),
    allocated: {
      ...allocated,
      base: programme.totalBase,
      modelExtra: programme.modelExtra?.total ?? 0,
    },
    requisitioned: {
      ...requisitioned,
      base: requisitioned.amount - list.reduce((s, p) => s + p.modelExtraRequisitioned, 0),
      modelExtra: list.reduce((s, p) => s + p.modelExtraRequisitioned, 0),
    },
    lapsed: { ...lapsed, whole: list.filter((p) => p.status === "lapsed").length },
    notYetRequisitioned,
    /** Attested payments; `paymentProposed` waits for an attestant and is not paid. */
    paid: tally(list, (p) => p.paid),
    paymentProposed: tally(list, (p) => p.paymentProposed),
    reported: tally(
      list,
      (p) => p.report?.received ?? 0,
      (p) => p.report !== undefined,
    ),
    unspent: tally(list, (p) => p.report?.unspent ?? 0),
    repaymentDue: {
      ...tally(list, (p) => p.repaymentOutstanding),
      overdue: list.filter((p) => p.repaymentOverdue).length,
    },
    repaid: tally(list, (p) => p.repaid),
    repaymentProposed: tally(list, (p) => p.repaymentProposed),
    /** Who still owes a repayment, and how much: the repayment form offers these only. */
    owing: list
      .filter((p) => p.repaymentOutstanding > 0)
      .map((p) => ({ kommunkod: p.kommunkod, kommun: p.kommun, outstanding: p.repaymentOutstanding })),
    reportOverdue: tally(
      list,
      (p) => (overdue(p) ? p.requisitioned + p.modelExtraRequisitioned : 0),
      overdue,
    ),
    reclaimListed: tally(
      list,
      (p) => (p.status === "reclaim-listed" ? p.paid || p.requisitioned + p.modelExtraRequisitioned : 0),
      (p) => p.status === "reclaim-listed",
    ),
    balanced: allocated.amount === requisitioned.amount + lapsed.amount + notYetRequisitioned.amount,
  };
}
