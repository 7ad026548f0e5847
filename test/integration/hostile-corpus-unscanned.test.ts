/**
 * Uploads whose malware verdict never comes, or comes for other bytes. This file's stack loses
 * every S3 notification (the local stack's `s3Events: "drop"` knob, as a crash would), so the
 * test itself hands upload-check the S3 event and scan-result the GuardDuty-shaped verdict, each
 * when it chooses: a file that passed the check waits as `scanning` and is accepted only on a
 * NO_THREATS_FOUND for the very bytes that were checked. Shared machinery:
 * test/fixtures/hostile/harness.ts.
 */
import { createHash } from "node:crypto";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFunction } from "../../infra/local/gateway.ts";
import {
  type LocalScanEvent,
  type LocalScanResult,
  scanResultEvent,
} from "../../infra/local/local-malware-scan.ts";
import {
  attachmentOf,
  BUCKET,
  detailOf,
  objectExists,
  quarantined,
  requisition,
  type Slot,
  startHostileStack,
  stopHostileStack,
} from "../fixtures/hostile/harness.ts";
import { smallPdf, uploadWith } from "../helpers/local-stack.ts";

type UploadCheck = (event: S3Event) => Promise<void>;
type ScanResult = (event: LocalScanEvent) => Promise<void>;

let uploadCheck: UploadCheck;
let scanResult: ScanResult;

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/** The ObjectCreated event S3 would have sent for `bytes` in `key` (single part: ETag = MD5). */
function objectCreated(key: string, bytes: Uint8Array): S3Event {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "eu-north-1",
        eventTime: new Date().toISOString(),
        eventName: "ObjectCreated:Post",
        userIdentity: { principalId: "AWS:CORPUS" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { "x-amz-request-id": "CORPUS", "x-amz-id-2": "CORPUS" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "upload-check",
          bucket: { name: BUCKET, ownerIdentity: { principalId: "CORPUS" }, arn: `arn:aws:s3:::${BUCKET}` },
          object: { key, size: bytes.length, eTag: md5(bytes), sequencer: "0" },
        },
      },
    ],
  };
}

const verdict = (key: string, bytes: Uint8Array, result: LocalScanResult) =>
  scanResult(scanResultEvent({ bucket: BUCKET, key, etag: md5(bytes), result }));

/** A requisition whose signed original S3 took and the check passed; no verdict yet. */
async function waitingForVerdict(kommunkod: string, text: string) {
  const { id, slot } = await requisition(kommunkod);
  const bytes = smallPdf(text);
  await uploadWith(slot, bytes, "scan.pdf", "application/pdf");
  const key = slot.fields.key ?? "";
  await uploadCheck(objectCreated(key, bytes));
  return { id, slot, key, bytes };
}

async function stateOf(kommunkod: string, id: string, slot: Slot) {
  const detail = await detailOf(kommunkod, id);
  return {
    submission: detail.submission.status,
    attachment: attachmentOf(detail, slot.attachmentId)?.status,
    original: detail.submission.original,
  };
}

const recordOf = (key: string) => key.replace(/^originals\//, "records/");

beforeAll(async () => {
  await startHostileStack("unscanned", { s3Events: "drop" });
  uploadCheck = await loadFunction<UploadCheck>("upload-check");
  scanResult = await loadFunction<ScanResult>("scan-result");
}, 60_000);

afterAll(stopHostileStack);

describe("an upload without its malware verdict is never accepted", () => {
  it("a file that passed the check waits as scanning, however often its event comes, and is not received", async () => {
    // Prepare
    const { id, slot, key, bytes } = await waitingForVerdict("0380", "checked, never scanned");

    // Act: the same event again (S3 delivers at least once), and time for anything that would settle it.
    await uploadCheck(objectCreated(key, bytes));
    await new Promise((r) => setTimeout(r, 1_000));

    // Assess
    expect(await stateOf("0380", id, slot)).toEqual({
      submission: "awaiting-original",
      attachment: "scanning",
      original: undefined,
    });
    expect(await objectExists(recordOf(key))).toBe(false);
  });

  it("a clean verdict for other bytes than the checked ones accepts nothing", async () => {
    // Prepare
    const { id, slot, key } = await waitingForVerdict("0381", "checked, scanned as someone else");

    // Act
    await verdict(key, smallPdf("some other file"), "NO_THREATS_FOUND");

    // Assess
    expect(await stateOf("0381", id, slot)).toMatchObject({
      submission: "awaiting-original",
      attachment: "scanning",
    });
    expect(await objectExists(recordOf(key))).toBe(false);
  });

  it("a verdict that is not clean refuses the waiting file as malware", async () => {
    // Prepare
    const { id, slot, key, bytes } = await waitingForVerdict("0382", "checked, then a threat");

    // Act
    await verdict(key, bytes, "THREATS_FOUND");

    // Assess
    const detail = await detailOf("0382", id);
    expect(detail.submission.status).toBe("original-rejected");
    expect(attachmentOf(detail, slot.attachmentId)?.refusal?.code).toBe("MALWARE_FOUND");
    await quarantined(key, bytes);
    expect(await objectExists(recordOf(key))).toBe(false);
  });

  it("only a clean verdict for the checked bytes accepts the file (the control for the cases above)", async () => {
    // Prepare
    const { id, slot, key, bytes } = await waitingForVerdict("0428", "checked and scanned clean");

    // Act
    await verdict(key, bytes, "NO_THREATS_FOUND");

    // Assess
    expect(await stateOf("0428", id, slot)).toMatchObject({ submission: "received", attachment: "accepted" });
    expect(await objectExists(recordOf(key))).toBe(true);
  });
});

describe("other bytes uploaded to a slot whose file waits for its verdict", () => {
  it("are checked without an error, never accepted, and quarantined", async () => {
    // Prepare: the first file waits for its verdict; the same presigned POST is used again.
    const first = await waitingForVerdict("0461", "the first file");
    const second = smallPdf("the second file, uploaded while the first was scanned");
    await uploadWith(first.slot, second, "scan.pdf", "application/pdf");

    // Act: the second upload's event, then a clean verdict for the second file's bytes.
    const checked = await uploadCheck(objectCreated(first.key, second)).then(
      () => "checked",
      (error: unknown) => `threw ${String(error)}`,
    );
    await verdict(first.key, second, "NO_THREATS_FOUND");

    // Assess
    expect(checked).toBe("checked");
    expect(await stateOf("0461", first.id, first.slot)).toMatchObject({
      submission: "awaiting-original",
      attachment: "scanning",
    });
    await quarantined(first.key, second, 2_000);
  });
});
