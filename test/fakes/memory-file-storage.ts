import { createHash } from "node:crypto";
import type { ObjectVersion } from "../../shared/submissions/model.ts";
import type {
  FileStorage,
  ObjectHead,
  PresignedUpload,
  Retention,
  StoredObject,
} from "../../shared/submissions/ports.ts";
import { tick } from "./tick.ts";

interface Stored {
  bytes: Uint8Array;
  etag: string;
  lastModified: Date;
  retainUntil?: Date;
}

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/**
 * The bucket in memory, without versions (like s3rver): an upload replaces the object, reads by
 * ETag fail once it changed, writes to records are write-once and checksummed.
 */
export class MemoryFileStorage implements FileStorage {
  readonly objects = new Map<string, Stored>();
  /** Presigned POSTs handed out, by key. */
  readonly presigned: { key: string; maxBytes: number; expiresInSeconds: number }[] = [];

  /** What a presigned POST upload does: store the bytes under the key. */
  upload(key: string, bytes: Uint8Array | string, at = new Date()): ObjectVersion {
    const data = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes;
    const stored = { bytes: data, etag: md5(data), lastModified: at };
    this.objects.set(key, stored);
    return { etag: stored.etag };
  }

  async presignUpload(key: string, maxBytes: number, expiresInSeconds: number): Promise<PresignedUpload> {
    this.presigned.push({ key, maxBytes, expiresInSeconds });
    return { url: "https://s3.example/bucket", fields: { key } };
  }

  async presignDownload(key: string, expiresInSeconds: number): Promise<string> {
    return `https://s3.example/bucket/${key}?expires=${expiresInSeconds}`;
  }

  async head(key: string): Promise<ObjectHead | undefined> {
    await tick();
    const o = this.objects.get(key);
    return o ? { size: o.bytes.length, etag: o.etag } : undefined;
  }

  async read(key: string, version: ObjectVersion): Promise<Uint8Array> {
    await tick();
    const o = this.objects.get(key);
    if (!o) throw Object.assign(new Error("NoSuchKey"), { name: "NoSuchKey" });
    if (o.etag !== version.etag)
      throw Object.assign(new Error("PreconditionFailed"), { name: "PreconditionFailed" });
    return new Uint8Array(o.bytes);
  }

  async put(key: string, bytes: Uint8Array, sha256: string, retention?: Retention): Promise<void> {
    await tick();
    if (this.objects.has(key))
      throw Object.assign(new Error("PreconditionFailed"), { name: "PreconditionFailed" });
    if (createHash("sha256").update(bytes).digest("hex") !== sha256) throw new Error("BadDigest");
    this.objects.set(key, {
      bytes: new Uint8Array(bytes),
      etag: md5(bytes),
      lastModified: new Date(),
      ...(retention ? { retainUntil: retention.retainUntil } : {}),
    });
  }

  async copy(fromKey: string, toKey: string, retention?: Retention): Promise<void> {
    await tick();
    const o = this.objects.get(fromKey);
    if (!o) throw Object.assign(new Error("NoSuchKey"), { name: "NoSuchKey" });
    this.objects.set(toKey, { ...o, ...(retention ? { retainUntil: retention.retainUntil } : {}) });
  }

  async quarantine(key: string, _version?: ObjectVersion): Promise<string> {
    await tick();
    const target = `quarantine/${key.replace(/^originals\//, "")}`;
    const o = this.objects.get(key);
    if (o) {
      this.objects.set(target, o);
      this.objects.delete(key);
    }
    return target;
  }

  async remove(key: string, _version?: ObjectVersion): Promise<void> {
    await tick();
    this.objects.delete(key);
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    for (const [key, o] of [...this.objects]) {
      if (key.startsWith(prefix))
        yield { key, etag: o.etag, size: o.bytes.length, lastModified: o.lastModified };
    }
  }
}
