import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { ObjectVersion } from "../../submissions/model.ts";
import type {
  FileStorage,
  ObjectHead,
  PresignedUpload,
  Retention,
  StoredObject,
} from "../../submissions/ports.ts";
import { presignedPost } from "./presigned-post.ts";

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
    return presignedPost(this.s3, {
      bucket: this.bucket,
      key,
      // S3 refuses a larger body itself; the check handler measures again because emulators don't.
      conditions: [
        ["content-length-range", 1, maxBytes],
        ["eq", "$key", key],
      ],
      expiresInSeconds,
    });
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
        etag: bareEtag(out.ETag),
        ...(out.VersionId ? { versionId: out.VersionId } : {}),
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(key: string, version: ObjectVersion): Promise<Uint8Array> {
    const out = await this.s3.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        // Exactly this version: by id where the bucket keeps versions, else refused if it changed
        // (S3 answers 412; emulators may not, so callers compare the bytes with the ETag too).
        ...(version.versionId ? { VersionId: version.versionId } : { IfMatch: `"${version.etag}"` }),
      }),
    );
    if (!out.Body) throw new Error("empty body");
    return out.Body.transformToByteArray();
  }

  async put(key: string, bytes: Uint8Array, sha256: string, retention?: Retention): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        // Write-once, and S3 refuses a body whose checksum is not the one the check computed.
        IfNoneMatch: "*",
        ChecksumSHA256: Buffer.from(sha256, "hex").toString("base64"),
        ...lockUntil(retention),
      }),
    );
  }

  async copy(fromKey: string, toKey: string, retention?: Retention): Promise<void> {
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: toKey,
        CopySource: this.copySource(fromKey),
        ...lockUntil(retention),
      }),
    );
  }

  async remove(key: string, version?: ObjectVersion): Promise<void> {
    await this.s3.send(
      new DeleteObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(version?.versionId ? { VersionId: version.versionId } : {}),
      }),
    );
  }

  private copySource(key: string, version?: ObjectVersion): string {
    const path = `${this.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
    return version?.versionId ? `${path}?versionId=${encodeURIComponent(version.versionId)}` : path;
  }

  async quarantine(key: string, version?: ObjectVersion): Promise<string> {
    const target = `quarantine/${key.replace(/^originals\//, "")}`;
    try {
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: target,
          CopySource: this.copySource(key, version),
        }),
      );
    } catch (error) {
      if (isNotFound(error)) return target; // already moved by an earlier delivery of the same event
      throw error;
    }
    await this.remove(key, version);
    return target;
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const out = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of out.Contents ?? []) {
        if (!o.Key) continue;
        yield {
          key: o.Key,
          etag: bareEtag(o.ETag),
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? new Date(0),
        };
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }
}

/** S3 quotes ETags in HTTP answers and not in events; the domain compares them bare. */
function bareEtag(etag: string | undefined): string {
  return (etag ?? "").replaceAll('"', "");
}

/** Records are locked in GOVERNANCE mode: an administrator with the bypass right can still correct a mistake. */
function lockUntil(retention: Retention | undefined) {
  return retention
    ? { ObjectLockMode: "GOVERNANCE" as const, ObjectLockRetainUntilDate: retention.retainUntil }
    : {};
}
