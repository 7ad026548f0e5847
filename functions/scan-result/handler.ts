import { appConfig, scanVerdictDeps } from "#shared/composition-root";
import { logger } from "#shared/logger";
import { type GuardDutyScanEvent, scanResultOf } from "#shared/submissions/guardduty-event";
import { recordScanVerdict } from "#shared/submissions/scan-verdict";
import { countUploads } from "../commons/metrics.ts";

const deps = scanVerdictDeps();
const bucket = appConfig().BUCKET_NAME;

/**
 * EventBridge → GuardDuty Malware Protection for S3's scan result for one object version. It
 * settles the upload that waits for it (or is kept until the check has run). A failure throws, so
 * EventBridge retries; the upload sweep is the backstop for a verdict that never comes.
 */
export const handler = async (event: GuardDutyScanEvent): Promise<void> => {
  const scan = scanResultOf(event, bucket);
  if (!scan) {
    logger.warn("scan result skipped: not a scan of this bucket");
    return;
  }
  const outcome = await recordScanVerdict(deps, scan);
  logger.info("scan result handled", { key: scan.key, result: scan.result, outcome });
  countUploads({ [outcome]: 1 });
};
