import type { ScheduledEvent } from "aws-lambda";
import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { loadConfig } from "#shared/config";
import { type DailyReport, runDaily } from "#shared/deadlines/daily";
import { logger } from "#shared/logger";

const deps = officerDeps(loadConfig());

/**
 * EventBridge Scheduler, daily at 06:15 Europe/Stockholm (the input is SCHEDULE_INPUT.daily; a
 * plain ScheduledEvent works as well). The day is the clock's; `statsbidrag daily --at` runs the
 * same function for another day. A failure throws, so the scheduler retries; the job is idempotent.
 */
export const handler = async (_event: ScheduledEvent | Record<string, unknown>): Promise<DailyReport> => {
  const report = await runDaily(deps);
  logger.info("daily job done", { day: report.day, programmes: report.programmes });
  return report;
};
