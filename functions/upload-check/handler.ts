import type { S3Event } from "aws-lambda";
import { createDocumentClient } from "#shared/adapters/dynamodb/client";
import { DynamoLedgerStore } from "#shared/adapters/dynamodb/submission-store";
import { createS3Client, S3FileStorage } from "#shared/adapters/s3/file-storage";
import { clockFromEnv } from "#shared/clock";
import { loadConfig } from "#shared/config";
import { logger } from "#shared/logger";
import { checkUpload } from "#shared/submissions/uploads";

const config = loadConfig();
const deps = {
  store: new DynamoLedgerStore(createDocumentClient(), config.TABLE_NAME),
  storage: new S3FileStorage(createS3Client(), config.BUCKET_NAME),
  clock: clockFromEnv(),
};

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
