import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import type { S3Event } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Attachment, Submission } from "../../../shared/submissions/model.ts";
import {
  BUCKET,
  s3Event,
  silenceLogs,
  storedAttachment,
  storedSubmission,
  stubFunctionEnv,
  TABLE,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
let handler: (event: S3Event) => Promise<void>;
let decodeS3Key: (key: string) => string;

beforeAll(async () => {
  stubFunctionEnv();
  silenceLogs();
  ({ handler, decodeS3Key } = await import("../../../functions/upload-check/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", "latin1"),
]);
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);

const submission = storedSubmission();
const attachment = storedAttachment(submission);

beforeEach(() => {
  ddb.reset();
  s3.reset();
  ddb.on(TransactWriteCommand).resolves({});
  s3.on(CopyObjectCommand).resolves({});
  s3.on(DeleteObjectCommand).resolves({});
});

/** The table holds `sub` and `att`; GetItem answers by key. */
function table(sub: Submission, att: Attachment | undefined) {
  ddb.on(GetCommand).callsFake((input: GetCommandInput) => {
    const { PK, SK } = input.Key ?? {};
    if (PK === `SUB#${sub.id}` && SK === "SUB") return { Item: { PK, SK, ...sub } };
    if (att && PK === `SUB#${att.submissionId}` && SK === `ATT#${att.id}`)
      return { Item: { PK, SK, ...att } };
    return {};
  });
}

/** The bucket holds `bytes` under any key, tagged with `tags`, and streams them in `chunks`. */
function bucket(bytes: Buffer, tags: Record<string, string> = {}, chunks: Buffer[] = [bytes]) {
  s3.on(HeadObjectCommand).resolves({ ContentLength: bytes.length, ContentType: "application/pdf" });
  s3.on(GetObjectTaggingCommand).resolves({
    TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  });
  s3.on(GetObjectCommand).callsFake(() => ({
    Body: Readable.from(chunks) as unknown as GetObjectCommandOutput["Body"],
  }));
}

const settleItems = () => {
  const calls = ddb.commandCalls(TransactWriteCommand);
  expect(calls).toHaveLength(1);
  return calls[0]?.args[0].input.TransactItems ?? [];
};

function expectQuarantined(key: string, target: string) {
  const copies = s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input);
  expect(copies).toEqual([
    {
      Bucket: BUCKET,
      Key: target,
      CopySource: `${BUCKET}/${key.split("/").map(encodeURIComponent).join("/")}`,
    },
  ]);
  expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
    { Bucket: BUCKET, Key: key },
  ]);
}

describe("decodeS3Key", () => {
  it("decodes '+' as a space and %XX escapes, and keeps an encoded plus a plus", () => {
    // Prepare
    const raw = "originals/skanning+av+blankett+%C3%A5%C3%A4%C3%B6%2B1.pdf";
    // Act
    const key = decodeS3Key(raw);
    // Assess
    expect(key).toBe("originals/skanning av blankett åäö+1.pdf");
  });
});

describe("upload-check handler", () => {
  it("quarantines an object under an unknown key (copy to quarantine/, then delete) and touches no ledger row", async () => {
    // Prepare
    table(submission, undefined);
    // Act
    await handler(s3Event("originals/stray+file%C3%A5.pdf"));
    // Assess
    expectQuarantined("originals/stray fileå.pdf", "quarantine/stray fileå.pdf");
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("leaves objects outside originals/ alone, so its own records/ and quarantine/ writes cannot loop", async () => {
    // Prepare
    table(submission, undefined);
    // Act
    await handler(s3Event(`records/skr-aldreomsorg-2022/1281/${submission.id}/${attachment.id}`));
    await handler(s3Event("quarantine/stray.pdf"));
    // Assess
    expect(s3.calls()).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("quarantines an object under a well-formed key that no attachment owns", async () => {
    // Prepare
    table(submission, undefined);
    const key = `originals/skr-aldreomsorg-2022/1281/${submission.id}/00000000-0000-4000-8000-000000000000`;
    // Act
    await handler(s3Event(key));
    // Assess
    expectQuarantined(
      key,
      `quarantine/skr-aldreomsorg-2022/1281/${submission.id}/00000000-0000-4000-8000-000000000000`,
    );
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("accepts a PNG: attachment accepted, submission received with its SHA-256, receipt and officer mail queued", async () => {
    // Prepare
    table(submission, attachment);
    bucket(PNG);
    const sha256 = createHash("sha256").update(PNG).digest("hex");
    // Act
    await handler(s3Event({ key: attachment.key, size: PNG.length }));
    // Assess
    const items = settleItems();
    expect(items[0]?.Put).toMatchObject({
      TableName: TABLE,
      ConditionExpression: "#status = :pending",
      Item: {
        SK: `ATT#${attachment.id}`,
        status: "accepted",
        contentType: "image/png",
        sha256,
        size: PNG.length,
      },
    });
    const update = items.find((i) => i.Update)?.Update;
    expect(update).toMatchObject({
      Key: { PK: `SUB#${submission.id}`, SK: "SUB" },
      ExpressionAttributeValues: {
        ":status": "received",
        ":original": { attachmentId: attachment.id, sha256, contentType: "image/png", pdfSigned: false },
      },
    });
    const mails = items.filter((i) => String(i.Put?.Item?.PK).startsWith("OUTBOX#")).map((i) => i.Put?.Item);
    expect(mails).toHaveLength(2);
    expect(mails).toContainEqual(
      expect.objectContaining({ topic: "receipt", to: [submission.contactEmail] }),
    );
    expect(mails).toContainEqual(
      expect.objectContaining({ topic: "officer-notification", to: ["statsbidrag@kammarkollegiet.example"] }),
    );
    expect(String(mails.find((m) => m?.topic === "receipt")?.text)).toContain(sha256);
    // The accepted scan is copied write-once to records/ and the upload slot emptied.
    const copies = s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input);
    expect(copies).toEqual([
      expect.objectContaining({ Key: attachment.key.replace(/^originals\//, "records/") }),
    ]);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([attachment.key]);
  });

  it("rejects an EXE renamed .pdf: quarantined, submission original-rejected, one mail saying why", async () => {
    // Prepare
    table(submission, attachment);
    bucket(EXE);
    // Act
    await handler(s3Event(attachment.key));
    // Assess
    expectQuarantined(attachment.key, attachment.key.replace(/^originals\//, "quarantine/"));
    const items = settleItems();
    const refusal = {
      code: "NOT_A_SCAN",
      message: {
        sv: "filen är inte en PDF, JPEG, PNG eller TIFF.",
        en: "the file is not a PDF, JPEG, PNG or TIFF.",
      },
    };
    expect(items[0]?.Put?.Item).toMatchObject({
      status: "rejected",
      refusal,
    });
    const audit = items.find((i) => String(i.Put?.Item?.SK).startsWith("AUDIT#"))?.Put?.Item;
    expect(audit?.details).toMatchObject({ type: "original", refusal });
    expect(items.find((i) => i.Update)?.Update?.ExpressionAttributeValues).toMatchObject({
      ":status": "original-rejected",
      ":reason": "the file is not a PDF, JPEG, PNG or TIFF.",
    });
    const mails = items.filter((i) => String(i.Put?.Item?.PK).startsWith("OUTBOX#")).map((i) => i.Put?.Item);
    expect(mails).toEqual([
      expect.objectContaining({ topic: "original-rejected", to: [submission.contactEmail] }),
    ]);
  });

  it("rejects an object GuardDuty tagged THREATS_FOUND without reading its content", async () => {
    // Prepare
    table(submission, attachment);
    bucket(PNG, { GuardDutyMalwareScanStatus: "THREATS_FOUND" });
    // Act
    await handler(s3Event(attachment.key));
    // Assess
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expectQuarantined(attachment.key, attachment.key.replace(/^originals\//, "quarantine/"));
    expect(settleItems()[0]?.Put?.Item).toMatchObject({
      status: "rejected",
      refusal: { code: "MALWARE_FOUND", message: { sv: "filen innehåller skadlig kod." } },
    });
  });

  it("accepts an object GuardDuty tagged NO_THREATS_FOUND", async () => {
    // Prepare
    table(submission, attachment);
    bucket(PNG, { GuardDutyMalwareScanStatus: "NO_THREATS_FOUND" });
    // Act
    await handler(s3Event(attachment.key));
    // Assess
    expect(settleItems()[0]?.Put?.Item).toMatchObject({ status: "accepted" });
  });

  it("rejects a PDF without %%EOF as incomplete", async () => {
    // Prepare
    table(submission, attachment);
    bucket(Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1"));
    // Act
    await handler(s3Event(attachment.key));
    // Assess
    expect(settleItems()[0]?.Put?.Item).toMatchObject({
      status: "rejected",
      refusal: { code: "PDF_INCOMPLETE", message: { sv: "PDF-filen är ofullständig." } },
    });
  });

  it("rejects a file larger than the slot's maximum without reading it", async () => {
    // Prepare
    table(submission, { ...attachment, maxBytes: 4 });
    bucket(PNG);
    // Act
    await handler(s3Event(attachment.key));
    // Assess
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(settleItems()[0]?.Put?.Item).toMatchObject({
      status: "rejected",
      refusal: { code: "FILE_TOO_LARGE", message: { sv: "filen är större än 4 byte." } },
    });
  });

  it("ignores a repeated notification for an attachment that is already settled", async () => {
    // Prepare: the accepted scan was moved to records/, so the slot is empty
    table(submission, { ...attachment, status: "accepted" });
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error("NotFound"), { name: "NotFound" }));
    // Act
    await handler(s3Event(attachment.key));
    // Assess
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("quarantines a replayed upload to a slot that is already settled, leaving the ledger alone", async () => {
    // Prepare: a second object under an accepted slot's key
    table(submission, { ...attachment, status: "accepted" });
    bucket(PNG);
    // Act
    await handler(s3Event(attachment.key));
    // Assess
    const copies = s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input.Key);
    expect(copies).toEqual([expect.stringMatching(/^quarantine\//)]);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([attachment.key]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("throws when the ledger write fails, so Lambda retries the event", async () => {
    // Prepare
    table(submission, attachment);
    bucket(PNG);
    ddb.on(TransactWriteCommand).rejects(new Error("socket hang up"));
    // Act
    const run = handler(s3Event(attachment.key));
    // Assess
    await expect(run).rejects.toThrow("socket hang up");
  });

  describe("PDF signature markers", () => {
    // A signature dictionary with a long /Contents between its /Type /Sig and its /ByteRange.
    const head =
      "%PDF-1.7\n5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Contents <";
    const tail = "> /ByteRange [0 1000 9000 500] >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    const hex = "0".repeat(300);
    const signedPdf = Buffer.from(head + hex + tail, "latin1");
    const pdfSignedFlag = () => settleItems()[0]?.Put?.Item?.pdfSigned;

    it("flags a digitally signed PDF as signed when it arrives in one chunk", async () => {
      // Prepare
      table(submission, attachment);
      bucket(signedPdf);
      // Act
      await handler(s3Event(attachment.key));
      // Assess
      expect(settleItems()[0]?.Put?.Item).toMatchObject({
        status: "accepted",
        contentType: "application/pdf",
      });
      expect(pdfSignedFlag()).toBe(true);
    });

    // BUG (shared/ledger/uploads.ts, inspect()): markers are searched per chunk plus a 64-character
    // carry, so /Type /Sig in one chunk and /ByteRange in the next (more than 64 characters apart)
    // are never seen together, and the same file is reported unsigned depending on how S3 chunks
    // the stream. Expected pdfSigned true, actual false.
    it("flags the same PDF as signed when S3 streams it in two chunks", async () => {
      // Prepare
      table(submission, attachment);
      const cut = head.length + 200;
      bucket(signedPdf, {}, [signedPdf.subarray(0, cut), signedPdf.subarray(cut)]);
      // Act
      await handler(s3Event(attachment.key));
      // Assess
      expect(pdfSignedFlag()).toBe(true);
    });
  });
});
