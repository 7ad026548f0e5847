import { clockFromEnv } from "../clock.ts";
import type { Config } from "../config.ts";
import type { SubmissionDeps } from "../submissions/common.ts";
import { createDocumentClient } from "./dynamodb/client.ts";
import { DynamoLedgerStore } from "./dynamodb/submission-store.ts";
import { createS3Client, S3FileStorage } from "./s3/file-storage.ts";

/** What every submission-handling function needs, built once per cold start. */
export function submissionDeps(config: Config): SubmissionDeps {
  return {
    store: new DynamoLedgerStore(createDocumentClient(), config.TABLE_NAME),
    storage: new S3FileStorage(createS3Client(), config.BUCKET_NAME),
    clock: clockFromEnv(),
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    uploadTtlSeconds: config.UPLOAD_TTL_SECONDS,
  };
}
