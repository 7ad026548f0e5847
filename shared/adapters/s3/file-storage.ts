import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { FileStorage, ObjectHead, PresignedUpload } from "../../submissions/ports.ts";

/**
 * S3 emulators serve buckets by path, not by host name; AWS takes either. Path style is
 * chosen exactly when an endpoint override is configured.
 */
export function createS3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  const local = Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);
  return new S3Client({ forcePathStyle: local, maxAttempts: 3 });
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error.name === "NotFound" || error.name === "NoSuchKey");
}

export class S3FileStorage implements FileStorage {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(key: string, maxBytes: number, expiresInSeconds: number): Promise<PresignedUpload> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      // S3 refuses a larger body itself; the check handler measures again because emulators don't.
      Conditions: [
        ["content-length-range", 1, maxBytes],
        ["eq", "$key", key],
      ],
      Expires: expiresInSeconds,
    });
    return { url, fields };
  }

  presignDownload(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: out.ContentLength ?? 0,
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
        ...(out.ETag ? { etag: out.ETag } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(key: string): Promise<AsyncIterable<Uint8Array>> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const body = out.Body as AsyncIterable<Uint8Array> | undefined;
    if (!body) throw new Error(`empty body for ${key}`);
    return body;
  }

  async tags(key: string): Promise<Record<string, string>> {
    try {
      const out = await this.s3.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
      return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
    } catch (error) {
      // Emulators may not implement tagging; no tags means no malware verdict, which is not a rejection.
      if (isNotFound(error) || (error instanceof Error && error.name === "NotImplemented")) return {};
      throw error;
    }
  }

  async copy(fromKey: string, toKey: string, ifMatch?: string): Promise<void> {
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: toKey,
        CopySource: this.copySource(fromKey),
        ...(ifMatch ? { CopySourceIfMatch: ifMatch } : {}),
      }),
    );
  }

  async remove(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  private copySource(key: string): string {
    return `${this.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
  }

  async quarantine(key: string): Promise<string> {
    const target = `quarantine/${key.replace(/^originals\//, "")}`;
    try {
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: target,
          CopySource: this.copySource(key),
        }),
      );
    } catch (error) {
      if (isNotFound(error)) return target; // already moved by an earlier delivery of the same event
      throw error;
    }
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return target;
  }
}
