import type { ScheduledEvent } from "aws-lambda";
import { deadlineDeps } from "#shared/composition-root";
import { type DailyReport, runDaily } from "#shared/deadlines/daily";
import { logger } from "#shared/logger";
import { METRIC } from "#shared/metric-names";
import { countMetric } from "../commons/metrics.ts";

const deps = deadlineDeps();

/**
 * EventBridge Scheduler, daily at 06:15 Europe/Stockholm (the input is the schedule's
 * SCHEDULE_INPUT.daily; a plain ScheduledEvent works as well). The day is the clock's;
 * `statsbidrag daily --at` runs the same use case for another day. A failure throws, so the
 * scheduler retries; the job is idempotent. Money that does not reconcile is an error log and a
 * ReconciliationDrift metric, which raises an alarm. Both metrics are written every run, zero too,
 * so a day without data means the job did not run.
 */
export const handler = async (_event: ScheduledEvent | Record<string, unknown>): Promise<DailyReport> => {
  const report = await runDaily(deps);
  logger.info("daily job done", { day: report.day, programmes: report.programmes });
  if (report.drift.length > 0)
    logger.error("money does not reconcile", new Error("drift"), { drift: report.drift });
  const reminders = report.programmes.reduce((sum, p) => sum + p.reminders, 0);
  countMetric(METRIC.remindersSent, reminders);
  countMetric(METRIC.reconciliationDrift, report.drift.length);
  return report;
};
