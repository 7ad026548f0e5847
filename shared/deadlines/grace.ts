import { addDays, type IsoDate } from "../dates.ts";
import { effectiveDeadlines, graceDays, graceEnds } from "../programmes/deadlines.ts";
import type { Programme } from "../programmes/schema.ts";
import { AWAITING_ORIGINAL } from "../submissions/lifecycle.ts";
import type { Submission } from "../submissions/model.ts";
import { markerKey } from "./schedule.ts";

export interface GracePlan {
  /** The last day of the grace period. */
  graceEnds: IsoDate;
  /** Municipalities to remind that a signed original is missing, with the reminder's offset. */
  originalReminders: { kommunkod: string; offset: number; references: string[] }[];
  /** Requisitions still without their signed original after the grace period: for the officers. */
  originalsOverdue: Submission[];
  /** Returned requisitions not corrected within the grace period: they lapse today. */
  lapseReturned: Submission[];
}

/**
 * What the grace period after the requisition deadline asks of the daily job today. Pure, like
 * planDay: reminders already sent (`done`) are not planned again.
 */
export function planGrace(
  programme: Programme,
  submissions: readonly Submission[],
  done: ReadonlySet<string>,
  today: IsoDate,
): GracePlan {
  const deadline = effectiveDeadlines(programme).requisition;
  const ends = graceEnds(programme);
  const plan: GracePlan = { graceEnds: ends, originalReminders: [], originalsOverdue: [], lapseReturned: [] };
  if (today <= deadline) return plan;
  const live = submissions.filter(
    (s) => s.programmeId === programme.id && s.kind === "requisition" && !s.replacedBy,
  );
  const waiting = live.filter((s) => AWAITING_ORIGINAL.includes(s.status));
  if (today > ends) {
    plan.originalsOverdue = waiting;
    plan.lapseReturned = live.filter((s) => s.status === "returned");
    return plan;
  }
  // Once the day after the deadline, and again three days before the grace period ends.
  const offsets = [1, graceDays(programme) - 3].filter((o) => o >= 1 && addDays(deadline, o) <= today);
  const offset = offsets.length > 0 ? Math.max(...offsets) : undefined;
  if (offset === undefined) return plan;
  const byKommun = new Map<string, string[]>();
  for (const s of [...waiting, ...live.filter((s) => s.status === "returned")]) {
    byKommun.set(s.kommunkod, [...(byKommun.get(s.kommunkod) ?? []), s.reference]);
  }
  for (const [kommunkod, references] of byKommun) {
    if (!done.has(markerKey(kommunkod, "original", offset))) {
      plan.originalReminders.push({ kommunkod, offset, references });
    }
  }
  return plan;
}
