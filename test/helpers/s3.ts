/**
 * Per-test-file S3: s3rver runs inside the test worker so its object-created events can call the
 * handler under test directly (as S3 → Lambda would on AWS).
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { LOCAL_CREDENTIALS, LOCAL_REGION, s3ClientOptions, startS3 } from "../../infra/local/emulators.ts";
import { allowAllCors, createBucket } from "../../infra/local/provision.ts";
import { requireEnv } from "./env.ts";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Path-style client on the emulator, for arranging and asserting objects. */
  client: S3Client;
  /** Stops s3rver, deletes its temp data and unsets AWS_ENDPOINT_URL_S3. */
  stop(): Promise<void>;
}

/**
 * Starts s3rver on a free port, points AWS_ENDPOINT_URL_S3 at it (so app code creating S3 clients
 * afterwards uses it) and creates BUCKET_NAME with allow-all CORS. Call in beforeAll, stop in afterAll.
 */
export async function startTestS3(
  onObjectCreated?: (event: S3Event) => void | Promise<void>,
): Promise<TestS3> {
  const bucket = requireEnv("BUCKET_NAME");
  const s3 = await startS3(onObjectCreated === undefined ? {} : { onObjectCreated });
  const previous = process.env.AWS_ENDPOINT_URL_S3;
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    ...s3ClientOptions(),
  });
  try {
    await createBucket(client, bucket);
    await allowAllCors(client, bucket);
  } catch (err) {
    client.destroy();
    await s3.stop();
    throw err;
  }
  return {
    endpoint: s3.endpoint,
    bucket,
    client,
    async stop() {
      client.destroy();
      await s3.stop();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_S3;
      else process.env.AWS_ENDPOINT_URL_S3 = previous;
    },
  };
}
