import { addDays, type IsoDate } from "../dates.ts";
import { nextBusinessDay } from "../holidays.ts";
import type { Programme } from "./schema.ts";

export interface EffectiveDeadlines {
  requisition: IsoDate;
  preferredRequisition?: IsoDate;
  report: IsoDate | null;
  repayment: IsoDate | null;
}

/**
 * The deadlines that count: as written, or (per programme) moved to the next business day when
 * they fall on a weekend, a public holiday or a non-business eve. The default is as written, which
 * is what the agreements say.
 */
export function effectiveDeadlines(programme: Programme): EffectiveDeadlines {
  const move = programme.nonBusinessDayDeadlines === "next-business-day";
  const adjust = (date: IsoDate) => (move ? nextBusinessDay(date) : date);
  const { requisition, preferredRequisition, report, repayment } = programme.deadlines;
  return {
    requisition: adjust(requisition),
    ...(preferredRequisition ? { preferredRequisition: adjust(preferredRequisition) } : {}),
    report: report === null ? null : adjust(report),
    repayment: repayment === null ? null : adjust(repayment),
  };
}

/** The programme with its effective deadlines in place of the written ones, for rules that read them. */
export function withEffectiveDeadlines(programme: Programme): Programme {
  return { ...programme, deadlines: { ...programme.deadlines, ...effectiveDeadlines(programme) } };
}

/**
 * A requisition counts as made by the deadline when its form arrives; its signed original may
 * follow, and a returned requisition may be corrected, within this many days after it.
 */
export const DEFAULT_GRACE_DAYS = 14;

export function graceDays(programme: Programme): number {
  return programme.originalGraceDays ?? DEFAULT_GRACE_DAYS;
}

/** The last day of the grace period after the effective requisition deadline. */
export function graceEnds(programme: Programme): IsoDate {
  return addDays(effectiveDeadlines(programme).requisition, graceDays(programme));
}
