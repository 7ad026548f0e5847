import type { IsoDate } from "../dates.ts";
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
