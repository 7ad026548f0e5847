import type { S3Event } from "aws-lambda";
import { intakeDeps } from "#shared/composition-root";
import { receiveMail } from "#shared/intake/receive";
import { logger } from "#shared/logger";
import { decodeS3Key } from "../upload-check/handler.ts";

const deps = intakeDeps();

/**
 * S3 ObjectCreated under intake/: the raw messages the SES receipt rule writes. Each is handled
 * once (shared/intake/receive.ts); a failure throws, so Lambda retries the event. The log names
 * the key and the outcome only, never the sender.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const { object } = record.s3;
    const key = decodeS3Key(object.key);
    const outcome = await receiveMail(deps, {
      key,
      etag: object.eTag,
      ...(object.versionId ? { versionId: object.versionId } : {}),
    });
    logger.info("intake message", { key, outcome });
  }
};
