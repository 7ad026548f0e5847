import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { afterEach, describe, expect, it, vi } from "vitest";
import { S3FileStorage } from "../../../shared/adapters/s3/file-storage.ts";
import { type PostPolicyCondition, presignedPost } from "../../../shared/adapters/s3/presigned-post.ts";

/**
 * The upload slot's presigned POST is signed by shared/adapters/s3/presigned-post.ts. s3rver
 * accepts any policy and any signature (../shared/notes/local-emulators.md), so these tests read
 * the policy it writes and hold the whole answer to @aws-sdk/s3-presigned-post's for the same
 * input, credentials and clock.
 */

const NOW = Date.parse("2022-11-20T10:00:00.456Z");
const KEY = "originals/0b0f6f0e/Årsrapport 2022+bilaga.pdf";
const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const SESSION = { ...CREDENTIALS, sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//session+token=" };

function client(config: S3ClientConfig): S3Client {
  return new S3Client({ region: "eu-north-1", ...config });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("presigned POST (our SigV4 policy signer)", () => {
  it.each<[string, S3ClientConfig, PostPolicyCondition[]]>([
    [
      "on AWS with a role's session credentials",
      { credentials: SESSION },
      [
        ["content-length-range", 1, 20 * 1024 * 1024],
        ["eq", "$key", KEY],
      ],
    ],
    [
      "on a local endpoint by path with long-term credentials",
      { credentials: CREDENTIALS, endpoint: "http://127.0.0.1:4569", forcePathStyle: true },
      [["content-length-range", 1, 1024]],
    ],
    [
      "in another region, with a condition the signing fields repeat",
      { credentials: SESSION, region: "us-east-1" },
      [{ bucket: "statsbidrag-originals" }, ["starts-with", "$Content-Type", "application/"]],
    ],
  ])(
    "gives what @aws-sdk/s3-presigned-post gives for the same input and clock: %s",
    async (_case, config, conditions) => {
      // Prepare
      vi.spyOn(Date, "now").mockReturnValue(NOW);
      const s3 = client(config);
      // Act
      const ours = await presignedPost(s3, {
        bucket: "statsbidrag-originals",
        key: KEY,
        conditions,
        expiresInSeconds: 900,
      });
      // Assess
      const theirs = await createPresignedPost(s3, {
        Bucket: "statsbidrag-originals",
        Key: KEY,
        Conditions: conditions,
        Expires: 900,
      });
      expect(ours).toEqual(theirs);
    },
  );

  it("lets the upload slot's policy admit only its own key, 1 byte to the slot's maximum, until it expires", async () => {
    // Prepare
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    const files = new S3FileStorage(client({ credentials: SESSION }), "statsbidrag-originals");
    // Act
    const { fields } = await files.presignUpload(KEY, 5_000_000, 900);
    // Assess
    const policy = JSON.parse(Buffer.from(fields.Policy ?? "", "base64").toString("utf8"));
    expect(policy).toEqual({
      expiration: "2022-11-20T10:15:00Z",
      conditions: [
        ["content-length-range", 1, 5_000_000],
        ["eq", "$key", KEY],
        { bucket: "statsbidrag-originals" },
        { "X-Amz-Algorithm": "AWS4-HMAC-SHA256" },
        { "X-Amz-Credential": "AKIDEXAMPLE/20221120/eu-north-1/s3/aws4_request" },
        { "X-Amz-Date": "20221120T100000Z" },
        { "X-Amz-Security-Token": SESSION.sessionToken },
        { key: KEY },
      ],
    });
    expect(fields.key).toBe(KEY);
    expect(fields["X-Amz-Signature"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("signs with the client's clock offset, as the SDK corrects a skewed clock", async () => {
    // Prepare
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    const s3 = client({ credentials: CREDENTIALS, systemClockOffset: 3_600_000 });
    // Act
    const { fields } = await presignedPost(s3, {
      bucket: "statsbidrag-originals",
      key: KEY,
      conditions: [],
      expiresInSeconds: 60,
    });
    // Assess
    expect(fields["X-Amz-Date"]).toBe("20221120T110000Z");
  });
});
