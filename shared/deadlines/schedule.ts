import { addDays, daysBetween, type IsoDate } from "../dates.ts";
import type { Kronor } from "../money.ts";
import { type EffectiveDeadlines, effectiveDeadlines } from "../programmes/deadlines.ts";
import type { Programme } from "../programmes/schema.ts";
import type { AllocationState } from "../submissions/model.ts";
import type { ReminderKind } from "./model.ts";
import { reminderSettings } from "./reminder-settings.ts";

/** The record key of one reminder: per municipality, kind and offset (days). */
export const markerKey = (kommunkod: string, kind: ReminderKind, offset: number) =>
  `${kommunkod}#${kind}#${offset}`;

/**
 * Which countdown reminder is due on `today`: the one for the latest offset point already
 * reached. A missed point is caught up once, but never several at once (the older ones are stale),
 * never after the deadline, and never for a point before the programme was opened (a programme
 * opened 20 days before its deadline gets no "30 days left" mail).
 */
export function dueCountdownOffset(
  deadline: IsoDate,
  daysBefore: readonly number[],
  today: IsoDate,
  openedOn: IsoDate,
): number | undefined {
  if (today > deadline) return undefined;
  const reached = daysBefore.filter((days) => {
    const point = addDays(deadline, -days);
    return point <= today && point >= openedOn;
  });
  return reached.length > 0 ? Math.min(...reached) : undefined;
}

/** Same for overdue reminders after a deadline; none once the last one's day has passed. */
export function dueOverdueOffset(
  deadline: IsoDate,
  daysAfter: readonly number[],
  today: IsoDate,
): number | undefined {
  if (today <= deadline || reclaimDue(deadline, daysAfter, today)) return undefined;
  const reached = daysAfter.filter((days) => addDays(deadline, days) <= today);
  return reached.length > 0 ? Math.max(...reached) : undefined;
}

/** After the last overdue reminder's day (or the day after the deadline when there are none). */
export function reclaimDue(deadline: IsoDate, daysAfter: readonly number[], today: IsoDate): boolean {
  const last = daysAfter.length > 0 ? Math.max(...daysAfter) : 0;
  return today > addDays(deadline, last);
}

export interface ReminderDue {
  kommunkod: string;
  kind: Exclude<ReminderKind, "announcement">;
  offset: number;
  deadline: IsoDate;
  /** Days from today to the deadline; negative when overdue. */
  daysLeft: number;
  /** What is still to requisition (requisition and preferred reminders). */
  base: Kronor;
  extra: Kronor;
}

export interface LapseDue {
  kommunkod: string;
  allocated: Kronor;
  modelExtra: Kronor;
  /** Base and extra not requisitioned by the deadline. */
  lapsedAmount: Kronor;
  /** True when nothing was requisitioned: the whole right lapses. */
  whole: boolean;
  /** The model extra lapses (not requisitioned). */
  extra: boolean;
  /** What the plan saw, so the write can refuse if the ledger moved meanwhile. */
  requisitioned: Kronor;
  modelExtraRequisitioned: Kronor;
}

export interface DayPlan {
  today: IsoDate;
  deadlines: EffectiveDeadlines;
  reminders: ReminderDue[];
  lapses: LapseDue[];
  reportOverdue: string[];
  reclaims: string[];
  repaymentOverdue: string[];
}

/**
 * Everything the daily job should do today for one opened programme, from the ledger rows and
 * the reminders already sent. Pure: the same inputs always give the same plan, so running the job
 * twice on a day plans nothing new the second time.
 */
export function planDay(
  programme: Programme,
  rows: ReadonlyMap<string, AllocationState>,
  done: ReadonlySet<string>,
  openedOn: IsoDate,
  today: IsoDate,
): DayPlan {
  const deadlines = effectiveDeadlines(programme);
  const { daysBefore, daysAfterReportDeadline } = reminderSettings(programme);
  const plan: DayPlan = {
    today,
    deadlines,
    reminders: [],
    lapses: [],
    reportOverdue: [],
    reclaims: [],
    repaymentOverdue: [],
  };
  const requisitionOffset = dueCountdownOffset(deadlines.requisition, daysBefore, today, openedOn);
  const preferred =
    deadlines.preferredRequisition && deadlines.preferredRequisition < deadlines.requisition
      ? deadlines.preferredRequisition
      : undefined;
  const preferredOffset = preferred ? dueCountdownOffset(preferred, daysBefore, today, openedOn) : undefined;
  const report = deadlines.report;
  const reportOffset = report ? dueCountdownOffset(report, daysBefore, today, openedOn) : undefined;
  const overdueOffset = report ? dueOverdueOffset(report, daysAfterReportDeadline, today) : undefined;
  const reclaim = report ? reclaimDue(report, daysAfterReportDeadline, today) : false;

  const remind = (due: Omit<ReminderDue, "daysLeft">) => {
    if (!done.has(markerKey(due.kommunkod, due.kind, due.offset))) {
      plan.reminders.push({ ...due, daysLeft: daysBetween(today, due.deadline) });
    }
  };

  for (const allocation of programme.allocations) {
    const { kommunkod } = allocation;
    const row = rows.get(kommunkod);
    const hasBase = Boolean(row?.baseRequisitionId);
    const hasExtra = Boolean(row?.extraRequisitionId);
    const lapsed = row?.lapsed === true;
    const base = !hasBase && !lapsed ? allocation.amount : 0;
    const extra =
      allocation.modelExtra > 0 && !hasExtra && !lapsed && !row?.extraLapsed ? allocation.modelExtra : 0;
    const outstanding = base > 0 || extra > 0;

    if (outstanding && requisitionOffset !== undefined) {
      remind({
        kommunkod,
        kind: "requisition",
        offset: requisitionOffset,
        deadline: deadlines.requisition,
        base,
        extra,
      });
    }
    if (outstanding && preferred && preferredOffset !== undefined) {
      remind({ kommunkod, kind: "preferred", offset: preferredOffset, deadline: preferred, base, extra });
    }
    if (today > deadlines.requisition && !row?.lapsedAt) {
      const requisitioned = row?.requisitioned ?? 0;
      const modelExtraRequisitioned = row?.modelExtraRequisitioned ?? 0;
      const lapsedAmount =
        allocation.amount - (hasBase ? requisitioned : 0) + allocation.modelExtra - modelExtraRequisitioned;
      if (lapsedAmount > 0) {
        plan.lapses.push({
          kommunkod,
          allocated: allocation.amount,
          modelExtra: allocation.modelExtra,
          lapsedAmount,
          whole: !hasBase,
          extra: allocation.modelExtra > 0 && !hasExtra,
          requisitioned,
          modelExtraRequisitioned,
        });
      }
    }

    const reportMissing = hasBase && !row?.reportId;
    if (report && reportMissing) {
      if (reportOffset !== undefined) {
        remind({ kommunkod, kind: "report", offset: reportOffset, deadline: report, base: 0, extra: 0 });
      }
      if (today > report && !row?.reportOverdueAt) plan.reportOverdue.push(kommunkod);
      if (overdueOffset !== undefined && !row?.reclaimListedAt) {
        remind({ kommunkod, kind: "overdue", offset: overdueOffset, deadline: report, base: 0, extra: 0 });
      }
      if (reclaim && !row?.reclaimListedAt) plan.reclaims.push(kommunkod);
    }

    const repaymentOutstanding = (row?.repaymentDue ?? 0) - (row?.repaid ?? 0);
    if (
      deadlines.repayment &&
      today > deadlines.repayment &&
      repaymentOutstanding > 0 &&
      !row?.repaymentOverdueAt
    ) {
      plan.repaymentOverdue.push(kommunkod);
    }
  }
  return plan;
}
