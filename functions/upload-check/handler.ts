import type { S3Event } from "aws-lambda";
import { uploadCheckDeps } from "#shared/composition-root";
import { logger } from "#shared/logger";
import { checkUpload } from "#shared/submissions/upload-check";

const deps = uploadCheckDeps();

/** S3 encodes keys in notifications ("+" for space, %XX for the rest). */
export const decodeS3Key = (key: string) => decodeURIComponent(key.replace(/\+/g, " "));

/**
 * One S3 notification may carry several records. A failure throws, so Lambda retries the event
 * (and finally sends it to the on-failure destination); checkUpload is idempotent per object.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const key = decodeS3Key(record.s3.object.key);
    const outcome = await checkUpload(deps, key);
    logger.info("upload checked", { key, outcome, size: record.s3.object.size });
  }
};
