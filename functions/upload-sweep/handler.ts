import type { ScheduledEvent } from "aws-lambda";
import { uploadCheckDeps } from "#shared/composition-root";
import { logger } from "#shared/logger";
import { sweepUploads } from "#shared/submissions/upload-sweep";
import { countUploads } from "../commons/metrics.ts";

const deps = uploadCheckDeps();

/** Uploads older than this are no longer in the hands of their own ObjectCreated event. */
const SETTLE_WINDOW_MS = 10 * 60 * 1000;

/** Scheduled backstop (every 15 minutes): checks any stored upload no check has settled. */
export const handler = async (_event: ScheduledEvent | Record<string, unknown>) => {
  const counts = await sweepUploads(deps, SETTLE_WINDOW_MS);
  logger.info("upload sweep done", counts);
  countUploads(counts);
  return counts;
};
