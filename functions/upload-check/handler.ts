import type { S3Event } from "aws-lambda";
import { uploadCheckDeps } from "#shared/composition-root";
import { logger } from "#shared/logger";
import { checkUpload } from "#shared/submissions/upload-check";
import { countUploads } from "../commons/metrics.ts";

const deps = uploadCheckDeps();

/** S3 encodes keys in notifications ("+" for space, %XX for the rest). */
export const decodeS3Key = (key: string) => decodeURIComponent(key.replace(/\+/g, " "));

/**
 * One S3 notification may carry several records, each naming the exact version created (ETag and,
 * on a versioned bucket, VersionId): that version, and no other, is checked. A failure throws, so
 * Lambda retries the event (and finally sends it to the on-failure destination); the check is
 * idempotent per version, and the upload sweep is the backstop for anything the retries drop.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const { object } = record.s3;
    const key = decodeS3Key(object.key);
    const outcome = await checkUpload(deps, {
      key,
      etag: object.eTag,
      ...(object.versionId ? { versionId: object.versionId } : {}),
      size: object.size,
    });
    logger.info("upload checked", { key, outcome, size: object.size });
    countUploads({ [outcome]: 1 });
  }
};
