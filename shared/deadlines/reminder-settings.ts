import type { Programme } from "../programmes/schema.ts";

/** Days before a deadline that a reminder goes out, unless the programme says otherwise. */
export const DEFAULT_DAYS_BEFORE = [30, 14, 3] as const;
/** Days after a missed report deadline for overdue reminders; after the last, the case is listed for reclaim. */
export const DEFAULT_DAYS_AFTER_REPORT_DEADLINE = [7, 14, 30] as const;

export interface ReminderSettings {
  /** Descending, unique. */
  daysBefore: number[];
  /** Ascending, unique. */
  daysAfterReportDeadline: number[];
}

export function reminderSettings(programme: Programme): ReminderSettings {
  const before = programme.reminders?.daysBefore ?? [...DEFAULT_DAYS_BEFORE];
  const after = programme.reminders?.daysAfterReportDeadline ?? [...DEFAULT_DAYS_AFTER_REPORT_DEADLINE];
  return {
    daysBefore: [...new Set(before)].sort((a, b) => b - a),
    daysAfterReportDeadline: [...new Set(after)].sort((a, b) => a - b),
  };
}
