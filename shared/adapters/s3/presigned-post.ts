import { createHmac } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getEndpointFromInstructions } from "@smithy/core/endpoints";
import type { PresignedUpload } from "../../submissions/ports.ts";

/** A condition of a POST policy, in AWS's format. */
export type PostPolicyCondition =
  | Record<string, string>
  | ["eq" | "starts-with", string, string]
  | ["content-length-range", number, number];

export interface PresignedPostInput {
  bucket: string;
  key: string;
  conditions: readonly PostPolicyCondition[];
  expiresInSeconds: number;
}

/** Without milliseconds, as SigV4 and POST policies write times. */
const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/**
 * An S3 presigned POST (a browser-based upload), signed with Signature Version 4 as AWS documents
 * it: a policy document of the conditions and the signing fields, base64-encoded, and its HMAC
 * under the day's signing key. It gives what @aws-sdk/s3-presigned-post gives for the same input
 * (same fields, same policy, same signature; test/unit/submissions/presigned-post.test.ts), with
 * the S3 client's own credentials, region, clock offset and endpoint, but without that package's
 * pinned copy of the whole S3 client (~80 kB in every function that opens an upload slot).
 */
export async function presignedPost(s3: S3Client, input: PresignedPostInput): Promise<PresignedUpload> {
  const { config } = s3;
  const now = new Date(Date.now() + config.systemClockOffset);
  const amzDate = iso8601(now).replace(/[-:]/g, "");
  const day = amzDate.slice(0, 8);
  const region = await config.region();
  const credentials = await config.credentials();
  const scope = `${day}/${region}/s3/aws4_request`;
  const fields: Record<string, string> = {
    bucket: input.bucket,
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `${credentials.accessKeyId}/${scope}`,
    "X-Amz-Date": amzDate,
    ...(credentials.sessionToken ? { "X-Amz-Security-Token": credentials.sessionToken } : {}),
  };
  const conditions = unique([
    ...input.conditions,
    ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
    { key: input.key },
  ]);
  const expiration = iso8601(new Date(now.valueOf() + input.expiresInSeconds * 1000));
  const policy = Buffer.from(JSON.stringify({ expiration, conditions }), "utf8").toString("base64");
  const signingKey = [day, region, "s3", "aws4_request"].reduce<Buffer | string>(
    (key, part) => hmac(key, part),
    `AWS4${credentials.secretAccessKey}`,
  );
  const endpoint = await getEndpointFromInstructions(
    { Bucket: input.bucket, Key: input.key },
    PutObjectCommand,
    {
      ...config,
    },
  );
  return {
    url: endpoint.url.href,
    fields: {
      ...fields,
      key: input.key,
      Policy: policy,
      "X-Amz-Signature": hmac(signingKey, policy).toString("hex"),
    },
  };
}

/** A condition given twice is written once, where it first appears. */
function unique(conditions: readonly PostPolicyCondition[]): PostPolicyCondition[] {
  const seen = new Map(conditions.map((c) => [JSON.stringify(c), c] as const));
  return [...seen.values()];
}
