import type { ScheduledEvent } from "aws-lambda";
import { deadlineDeps } from "#shared/composition-root";
import { type DailyReport, runDaily } from "#shared/deadlines/daily";
import { logger } from "#shared/logger";

const deps = deadlineDeps();

/**
 * EventBridge Scheduler, daily at 06:15 Europe/Stockholm (the input is the schedule's
 * SCHEDULE_INPUT.daily; a plain ScheduledEvent works as well). The day is the clock's;
 * `statsbidrag daily --at` runs the same use case for another day. A failure throws, so the
 * scheduler retries; the job is idempotent.
 */
export const handler = async (_event: ScheduledEvent | Record<string, unknown>): Promise<DailyReport> => {
  const report = await runDaily(deps);
  logger.info("daily job done", { day: report.day, programmes: report.programmes });
  return report;
};
