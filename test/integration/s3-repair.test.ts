/**
 * s3rver's store after an unclean stop (infra/local/s3-repair.ts). Real s3rver writes the objects;
 * the test then damages its files the ways a kill -9 between its non-atomic writes can, and
 * checks that s3rver itself fails on them (so the repair is needed), that the repair brings
 * every listing back, keeps the bytes and ETags of what it rebuilt, and moves aside, unchanged,
 * what it cannot vouch for.
 */
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, LOCAL_CREDENTIALS, LOCAL_REGION, startS3 } from "../../infra/local/emulators.ts";
import { describeS3Repair, repairS3Store, type S3RepairReport } from "../../infra/local/s3-repair.ts";

const BUCKET = "repair-test";
const root = mkdtempSync(join(tmpdir(), "statsbidrag-s3-repair-"));
const store = join(root, "s3");
const aside = join(root, "s3-damaged");
const bytes = (name: string) => Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
const KEYS = {
  healthy: "records/p/1281/healthy",
  emptyMetadata: "records/p/1281/empty-metadata",
  garbageMetadata: "originals/p/1281/garbage-metadata",
  emptyMd5: "originals/p/1281/empty-md5",
  orphanMetadata: "originals/p/1281/orphan-metadata",
  overwrittenBytes: "originals/p/1281/overwritten-bytes",
  neverCompleted: "originals/p/1281/never-completed",
} as const;
const file = (key: string, suffix: "object" | "object.md5" | "metadata.json") =>
  join(store, BUCKET, `${key}._S3rver_${suffix}`);
const etags: Record<string, string> = {};
let s3: Emulator | undefined;
let client: S3Client;
let beforeRepair: number;
let report: S3RepairReport;

async function serve(): Promise<void> {
  s3 = await startS3({ dataDir: store, buckets: [BUCKET] });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
}

async function halt(): Promise<void> {
  client.destroy();
  await s3?.stop();
}

const statusOf = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;

beforeAll(async () => {
  // Prepare: real objects, written by s3rver
  await serve();
  for (const key of Object.values(KEYS)) {
    const out = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes(key) }));
    etags[key] = out.ETag ?? "";
  }
  await halt();
  // … damaged while stopped, as a kill -9 between s3rver's writes leaves them
  truncateSync(file(KEYS.emptyMetadata, "metadata.json"), 0);
  writeFileSync(file(KEYS.garbageMetadata, "metadata.json"), '{"content-type": "appl');
  truncateSync(file(KEYS.emptyMd5, "object.md5"), 0);
  unlinkSync(file(KEYS.orphanMetadata, "object"));
  writeFileSync(file(KEYS.overwrittenBytes, "object"), bytes("the next upload, cut short"));
  const md5Time = statSync(file(KEYS.overwrittenBytes, "object.md5")).mtime;
  utimesSync(file(KEYS.overwrittenBytes, "object"), md5Time, new Date(md5Time.getTime() + 1000));
  unlinkSync(file(KEYS.neverCompleted, "metadata.json"));
  unlinkSync(file(KEYS.neverCompleted, "object.md5"));
  await serve();
  beforeRepair = await client.send(new HeadBucketCommand({ Bucket: BUCKET })).then(() => 200, statusOf);
  await halt();
  // Act
  report = await repairS3Store(store, aside, new Date("2026-12-01T12:00:00Z"));
  await serve();
});

afterAll(async () => {
  await halt();
  rmSync(root, { recursive: true, force: true });
});

describe("repairing s3rver's store at start", () => {
  it("is needed: s3rver answers 500 for the whole bucket while one metadata file is damaged", () => {
    expect(beforeRepair).toBe(500);
  });

  it("rebuilds damaged metadata and .md5 files from the object, keeping bytes and ETag", async () => {
    // Act
    const head = await client.send(new HeadBucketCommand({ Bucket: BUCKET })).then(() => 200, statusOf);
    const rebuilt = [KEYS.emptyMetadata, KEYS.garbageMetadata, KEYS.emptyMd5, KEYS.healthy];
    const reads = await Promise.all(
      rebuilt.map((Key) => client.send(new GetObjectCommand({ Bucket: BUCKET, Key }))),
    );
    // Assess
    expect(head).toBe(200);
    expect(report.repaired.sort()).toEqual(
      [KEYS.emptyMetadata, KEYS.garbageMetadata, KEYS.emptyMd5].map((k) => `${BUCKET}/${k}`).sort(),
    );
    for (const [i, key] of rebuilt.entries()) {
      const read = reads[i];
      expect(Buffer.from((await read?.Body?.transformToByteArray()) ?? []).equals(bytes(key))).toBe(true);
      expect(read?.ETag).toBe(etags[key]);
    }
    expect(reads[0]?.ContentType).toBe("application/octet-stream");
  });

  it("moves aside, unchanged, what it cannot vouch for, and lists the rest", async () => {
    // Act
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    // Assess
    expect(Object.fromEntries(report.movedAside.map((m) => [m.key, m.reason]))).toEqual({
      [`${BUCKET}/${KEYS.orphanMetadata}`]: "no object file",
      [`${BUCKET}/${KEYS.overwrittenBytes}`]: "bytes do not match their ETag",
      [`${BUCKET}/${KEYS.neverCompleted}`]: "write never completed",
    });
    const movedTo = join(aside, "2026-12-01T12-00-00-000Z", BUCKET);
    expect(readFileSync(join(movedTo, `${KEYS.overwrittenBytes}._S3rver_object`))).toEqual(
      bytes("the next upload, cut short"),
    );
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(
      [KEYS.healthy, KEYS.emptyMetadata, KEYS.garbageMetadata, KEYS.emptyMd5].sort(),
    );
  });

  it("says what it did in two plain lines", () => {
    // Act
    const lines = describeS3Repair(report);
    // Assess
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^S3 store: rebuilt the metadata of 3 objects/);
    expect(lines[1]).toMatch(/^S3 store: moved 3 entries that could not be repaired to .*s3-damaged/);
  });

  it("finds nothing to do in a sound store", async () => {
    // Act
    await halt();
    const again = await repairS3Store(store, aside);
    await serve();
    // Assess
    expect(again).toEqual({ repaired: [], movedAside: [] });
    expect(describeS3Repair(again)).toEqual([]);
  });
});
