/**
 * A crash between S3's 204 and the upload check loses nothing: `npm start` on a data dir, a
 * requisition (201) and its signed original (204) with S3 notifications dropped by the test knob
 * STATSBIDRAG_LOCAL_S3_EVENTS=drop, so the check cannot run before the kill; then kill -9 of the
 * whole process tree, and `npm start` again on the same data without the knob. The start-up sweep
 * and the local malware scanner must settle the upload before "running" is printed, and every
 * mail the submission queued must go out. The SES emulator keeps mail in memory, so mail is
 * followed in the table's outbox items, where it cannot be lost with the process.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../infra/local/emulators.ts";
import { bucketName, tableName } from "../../infra/table-definition.ts";
import { smallPdf, uploadWith } from "../helpers/local-stack.ts";
import {
  freeNpmStartPorts,
  type NpmStart,
  type NpmStartPorts,
  npmStartEnv,
  portsClosed,
  spawnNpmStart,
} from "../helpers/npm-start.ts";
import {
  type CreatedSubmission,
  createRequisition,
  readSubmission,
  signIn,
} from "../helpers/requisition-flow.ts";
import { waitFor } from "../helpers/wait.ts";

const TODAY = "2022-11-20";
const LUND = "1281";
const SUBMITTER = "crash@lund.example";
const dir = mkdtempSync(join(tmpdir(), "statsbidrag-crash-"));
const args = ["--data-dir", join(dir, "data"), "--today", TODAY];
const pdf = smallPdf("Signed Bilaga 2, uploaded just before the crash");
let ports: NpmStartPorts;
let first: NpmStart;
let second: NpmStart | undefined;
let token: string;
let created: CreatedSubmission;

interface OutboxItem {
  topic: string;
  status: string;
  to: string[];
  subject: string;
  messageId?: string;
}

/** The outbox items of one submission, read from the table itself. */
async function outboxOf(submissionId: string): Promise<OutboxItem[]> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${ports.dynamodb}`,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  try {
    const out = await db.send(
      new ScanCommand({
        TableName: tableName("local"),
        FilterExpression: "begins_with(PK, :outbox) AND submissionId = :id",
        ExpressionAttributeValues: { ":outbox": "OUTBOX#", ":id": submissionId },
      }),
    );
    return (out.Items ?? []) as OutboxItem[];
  } finally {
    db.destroy();
  }
}

async function storedInS3(key: string): Promise<boolean> {
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${ports.s3}`,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucketName("local"), Key: key }));
    return true;
  } catch {
    return false;
  } finally {
    s3.destroy();
  }
}

const api = () => `http://localhost:${ports.api}`;

beforeAll(async () => {
  ports = await freeNpmStartPorts();
  first = spawnNpmStart(
    args,
    npmStartEnv(ports, join(dir, "key.json"), { STATSBIDRAG_LOCAL_S3_EVENTS: "drop" }),
  );
  await first.running();
  token = await signIn(api(), LUND, SUBMITTER);
});

afterAll(async () => {
  // Only if a test failed before stopping them: never leave a tree running.
  first?.ensureStopped();
  second?.ensureStopped();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start after kill -9 between S3's 204 and the upload check", () => {
  it("holds the check back while the knob drops S3 notifications: the upload is stored, unchecked", async () => {
    // Prepare
    created = await createRequisition(api(), token, LUND, TODAY);
    // Act
    const status = await uploadWith(created.upload, pdf, "signed.pdf", "application/pdf");
    // Assess: the 204 is S3's acknowledgement; nothing has looked at the file
    expect(status).toBe(204);
    const read = await readSubmission(api(), token, created.id);
    expect(read.submission.status).toBe("awaiting-original");
    const slot = read.attachments.find((a) => a.id === created.upload.attachmentId);
    expect(slot?.status).toBe("pending");
    expect(await storedInS3(slot?.key ?? "")).toBe(true);
    expect(first.output()).toContain("STATSBIDRAG_LOCAL_S3_EVENTS=drop");
    // The registration mail went out before the crash (so no lease is left held by the kill).
    await waitFor(
      async () => (await outboxOf(created.id)).some((m) => m.topic === "registered" && m.status === "sent"),
      15_000,
    );
  });

  it("checks and scans the upload at the next start: received before 'running', every mail sent", async () => {
    // Act: kill -9 of the whole tree (npm, tsx, node, java), then start again without the knob
    const killed = await first.signalGroup("SIGKILL");
    await portsClosed(ports);
    second = spawnNpmStart(args, npmStartEnv(ports, join(dir, "key.json")));
    await second.running();
    // Assess: settled by the start-up sweep and the local scanner before the API opened
    expect(killed.signal ?? killed.code).toBeTruthy();
    expect(second.output()).toMatch(
      /Uploads at start: checked 1 upload .*waiting for the malware scan 1.*clean 1/,
    );
    const health = await fetch(`${api()}/health`);
    expect(health.status).toBe(200);
    const read = await readSubmission(api(), token, created.id);
    expect(read.submission.status).toBe("received");
    expect(read.submission.original?.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    const attachment = read.attachments.find((a) => a.id === created.upload.attachmentId);
    expect(attachment?.scan?.result).toBe("NO_THREATS_FOUND");
    // No acknowledged mail lost: the registration (sent before the kill) and the receipt and the
    // officers' notification (queued by the sweep's check) are all sent.
    const mails = await waitFor(async () => {
      const items = await outboxOf(created.id);
      return items.length === 3 && items.every((m) => m.status === "sent") && items;
    }, 20_000);
    expect(mails.map((m) => m.topic).sort()).toEqual(["officer-notification", "receipt", "registered"]);
    expect(mails.find((m) => m.topic === "receipt")?.to).toContain(SUBMITTER);
    const store = (await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as {
      emails: { subject: string }[];
    };
    expect(store.emails.some((m) => m.subject.includes(created.reference))).toBe(true);
  });

  it("stops on Ctrl-C and frees every port", async () => {
    // Act
    await second?.signalGroup("SIGINT");
    // Assess: npm itself dies of the SIGINT; the stack says it stops and lets go of every port
    expect(second?.output()).toContain("stopping");
    await portsClosed(ports);
  });
});
