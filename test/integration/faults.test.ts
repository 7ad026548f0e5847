/**
 * Fault injection, scripted and bounded, on loopback only. This file runs its own copy of the
 * local system so each dependency can be stopped and restarted on the same port:
 *
 * - DynamoDB Local: a separate instance, file-backed (so its data survives a restart), started
 *   here; the global setup's instance stays up for the other files.
 * - s3rver: started here on a fixed port with a data directory, restartable.
 * - SES: the global setup's emulator, stopped and restarted through test/helpers/ses.ts.
 *
 * The gateway and the real handlers run in this worker as in infra/local/stack.ts (which cannot
 * stop its own S3), without the outbox timer: the tests run the outbox consumer themselves.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Event, ScheduledEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAllocationInvariants } from "../../bench/lib/ledger.ts";
import { createDevIssuer, type DevIssuer } from "../../infra/local/dev-issuer.ts";
import {
  awsEnvFor,
  type Emulator,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamo,
  startS3,
} from "../../infra/local/emulators.ts";
import { loadFunction, startGateway } from "../../infra/local/gateway.ts";
import { freePort } from "../../infra/local/ports.ts";
import { createTable } from "../../infra/local/provision.ts";
import { publishSeedProgrammes } from "../../infra/local/seed-programmes.ts";
import { bucketName, tableName } from "../../infra/table-definition.ts";
import { outboxDeps, submissionDeps } from "../../shared/composition-root.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { dispatchMail } from "../../shared/mail/outbox.ts";
import type { OutboxStore } from "../../shared/mail/ports.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { AllocationState, Submission } from "../../shared/submissions/model.ts";
import type { FileStorage } from "../../shared/submissions/ports.ts";
import { submitRequisition } from "../../shared/submissions/submit.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { requireEnv } from "../helpers/env.ts";
import { type ApiResponse, smallPdf, uploadWith } from "../helpers/local-stack.ts";
import { mailsTo, readMails } from "../helpers/mail.ts";
import { municipalPrincipal } from "../helpers/principals.ts";
import { startSes, stopSes } from "../helpers/ses.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error(`${PROGRAMME} missing`);
  return found;
})();
const TODAY = "2022-11-20";
/** A day later: past every outbox backoff (30 s after a first failure) and lease (60 s). */
const LATER = "2022-11-21";
const STAGE = "test";
const kommunkoder = programme.allocations.map((a) => a.kommunkod);
/** Disjoint slices of the programme's municipalities, one per scenario (this table is private). */
const SES_BURST = kommunkoder.slice(0, 20);
const CRASH = kommunkoder.slice(20, 24);
const S3_FAULT = kommunkoder.slice(24, 28);
const DYNAMO_BURST = kommunkoder.slice(40, 80);

// ── A restartable local system ────────────────────────────────────────────────────────────────

interface Restartable {
  endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

let work: string;
let dynamo: Restartable;
let s3: Restartable;
let gateway: { url: string; stop(): Promise<void> };
let issuer: DevIssuer;
let outboxHandler: (event: ScheduledEvent) => Promise<unknown>;
let apiUrl: string;

function scheduled(): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.scheduler",
    account: "000000000000",
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: [],
    detail: {},
  };
}

/** One run of the outbox consumer, as the schedule would trigger it; returns its counts. */
const dispatchOutbox = () => outboxHandler(scheduled()) as Promise<Record<string, number>>;

async function restartableDynamo(dataDir: string): Promise<Restartable> {
  const port = await freePort();
  let current: Emulator | undefined = await startDynamo({ port, inMemory: false, dataDir });
  return {
    endpoint: current.endpoint,
    async stop() {
      await current?.stop();
      current = undefined;
    },
    async start() {
      current ??= await startDynamo({ port, inMemory: false, dataDir });
    },
  };
}

async function restartableS3(
  dataDir: string,
  bucket: string,
  onObjectCreated: (event: S3Event) => Promise<void>,
): Promise<Restartable> {
  let current: Emulator | undefined = await startS3({ dataDir, buckets: [bucket], onObjectCreated });
  const port = Number(new URL(current.endpoint).port);
  return {
    endpoint: current.endpoint,
    async stop() {
      await current?.stop();
      current = undefined;
    },
    async start() {
      current ??= await startS3({ port, dataDir, buckets: [bucket], onObjectCreated });
    },
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "statsbidrag-faults-"));
  const table = tableName(STAGE);
  const bucket = bucketName(STAGE);
  let s3Handler: ((event: S3Event) => Promise<void>) | undefined;
  [dynamo, s3] = await Promise.all([
    restartableDynamo(join(work, "dynamodb")),
    restartableS3(join(work, "s3"), bucket, async (event) => {
      await s3Handler?.(event);
    }),
  ]);
  // Handlers build their clients from these at first import, so set them before loading any.
  Object.assign(
    process.env,
    awsEnvFor({ dynamodb: dynamo.endpoint, s3: s3.endpoint, ses: requireEnv("AWS_ENDPOINT_URL_SES") }),
    {
      STATSBIDRAG_STAGE: STAGE,
      TABLE_NAME: table,
      BUCKET_NAME: bucket,
      MAIL_FROM: "noreply@statsbidrag.example",
      // These tests stop S3, DynamoDB and SES, not the scanner: files settle at the check.
      MALWARE_SCAN: "none",
      STATSBIDRAG_TODAY: TODAY,
    },
  );
  const db = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  await createTable(db, table);
  db.destroy();
  await publishSeedProgrammes(table);
  s3Handler = await loadFunction<(event: S3Event) => Promise<void>>("upload-check");
  outboxHandler = await loadFunction<(event: ScheduledEvent) => Promise<unknown>>("outbox-dispatch");
  issuer = await createDevIssuer();
  gateway = await startGateway({ port: 0, issuer });
  apiUrl = gateway.url;
}, 60_000);

afterAll(async () => {
  process.env.STATSBIDRAG_TODAY = TODAY;
  await startSes().catch(() => undefined);
  await gateway?.stop();
  await Promise.allSettled([s3?.stop(), dynamo?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────

const store = () => submissionDeps().submissions;
const contactOf = (k: string, scenario: string) => `${scenario}-${k}@faults.example`;

async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { kommunkod?: string; email?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.kommunkod) {
    const who = { kommunkod: options.kommunkod, ...(options.email ? { email: options.email } : {}) };
    headers.authorization = `Bearer ${await issuer.mint(who)}`;
  }
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

interface Receipt {
  id: string;
  reference: string;
  status: string;
  upload: UploadSlot & { attachmentId: string };
}

function requisition(k: string, contact: string) {
  const form = sampleRequisition(programme, k, TODAY);
  form.recipient.email = contact;
  return form;
}

/** `contact` is the submitter's signed-in address: mail about the submission goes there first. */
const submit = (k: string, contact: string, headers: Record<string, string> = {}) =>
  api<Receipt>("POST", `/programmes/${PROGRAMME}/requisitions`, {
    kommunkod: k,
    email: contact,
    body: requisition(k, contact),
    headers,
  });

async function statusOf(k: string, id: string): Promise<string> {
  const res = await api<{ submission: { status: string } }>("GET", `/submissions/${id}`, { kommunkod: k });
  return res.body.submission.status;
}

/** Runs the outbox until nothing more is sent (bounded), so "exactly once" is checked after it settled. */
async function drainOutbox(): Promise<number> {
  let sent = 0;
  for (let i = 0; i < 10; i++) {
    const counts = await dispatchOutbox();
    sent += counts.sent ?? 0;
    if ((counts.sent ?? 0) === 0 && (counts.retry ?? 0) === 0) break;
  }
  return sent;
}

async function withDay<T>(day: string, run: () => Promise<T>): Promise<T> {
  process.env.STATSBIDRAG_TODAY = day;
  try {
    return await run();
  } finally {
    process.env.STATSBIDRAG_TODAY = TODAY;
  }
}

// ── SES ───────────────────────────────────────────────────────────────────────────────────────

describe("SES stops during a burst of submissions", () => {
  it("stores every submission and delivers each registered mail exactly once after SES is back", async () => {
    // Prepare: the first five go out while SES is up.
    const [first, rest] = [SES_BURST.slice(0, 5), SES_BURST.slice(5)];
    const before = await Promise.all(first.map((k) => submit(k, contactOf(k, "ses"))));
    expect(before.map((r) => r.status)).toEqual(first.map(() => 201));
    expect((await dispatchOutbox()).sent).toBe(first.length);

    // Act: SES goes down; the rest of the burst arrives and the consumer fails on each mail.
    await stopSes();
    let during: ApiResponse<Receipt>[];
    let failedSweep: Record<string, number>;
    try {
      during = await Promise.all(rest.map((k) => submit(k, contactOf(k, "ses"))));
      failedSweep = await dispatchOutbox();
    } finally {
      await startSes();
    }

    // Assess: nothing lost, nothing sent twice.
    expect(during.map((r) => r.status)).toEqual(rest.map(() => 201));
    expect(failedSweep).toMatchObject({ sent: 0, retry: rest.length });
    // Back up, but each failed mail waits for its backoff: nothing is sent early or twice.
    expect((await dispatchOutbox()).sent ?? 0).toBe(0);
    const early = await readMails();
    for (const k of rest)
      expect(early.filter((m) => m.destination.to.includes(contactOf(k, "ses")))).toEqual([]);
    // Past the backoff (the clock moves a day instead of the test waiting 30 s).
    const sent = await withDay(LATER, drainOutbox);
    expect(sent).toBe(rest.length);
    const all = await readMails();
    for (const k of SES_BURST) {
      const mails = all.filter((m) => m.destination.to.includes(contactOf(k, "ses")));
      expect(mails, k).toHaveLength(1);
      expect(mails[0]?.subject).toContain(`SB-2022-${k}-R1`);
    }
    const submissions = await store().listSubmissions({ programmeId: PROGRAMME });
    expect(submissions.filter((s) => SES_BURST.includes(s.kommunkod))).toHaveLength(SES_BURST.length);
  });
});

// ── A handler crashing between two steps ──────────────────────────────────────────────────────

describe("a handler crashes after its transaction", () => {
  it("a presign failure after the ledger write: the retried POST returns the stored submission and its mail still goes out", async () => {
    // Prepare: the create-requisition logic with a FileStorage whose first presign throws, as if
    // the function died between the transaction and the response.
    const k = CRASH[0] as string;
    const contact = contactOf(k, "crash");
    const real = submissionDeps();
    let crashes = 1;
    const files = Object.create(real.files) as FileStorage;
    files.presignUpload = async (key, max, ttl) => {
      if (crashes-- > 0) throw new Error("injected crash after the ledger transaction");
      return real.files.presignUpload(key, max, ttl);
    };
    const body = JSON.parse(JSON.stringify(requisition(k, contact))) as unknown;
    const principal = { ...municipalPrincipal(k, contact), sub: `kommun-${k}` };
    const key = `crash-${k}`;

    // Act: the first attempt dies; the client retries through the API with the same key.
    await expect(submitRequisition({ ...real, files }, principal, PROGRAMME, body, key)).rejects.toThrow(
      "injected crash",
    );
    const retried = await api<Receipt>("POST", `/programmes/${PROGRAMME}/requisitions`, {
      kommunkod: k,
      body,
      headers: { "idempotency-key": key },
    });

    // Assess
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    const own = await api<{ submissions: Submission[] }>("GET", `/submissions?programmeId=${PROGRAMME}`, {
      kommunkod: k,
    });
    expect(own.body.submissions.map((s) => s.id)).toEqual([retried.body.id]);
    expect(retried.body.upload.url).toContain(s3.endpoint.replace("http://", ""));
    expect((await store().getAllocation(PROGRAMME, k))?.baseRequisitionId).toBe(retried.body.id);
    await drainOutbox();
    expect(await mailsTo(contact)).toHaveLength(1);
  });

  it("the outbox consumer dies right after claiming a mail: the lease runs out and it is sent once", async () => {
    // Prepare: a requisition whose registered mail is pending.
    const k = CRASH[1] as string;
    const contact = contactOf(k, "lease");
    const created = await submit(k, contact);
    expect(created.status).toBe(201);
    const { outbox, ...rest } = outboxDeps();
    const due = await outbox.dueMails(new Date(Date.now() + 86_400_000).toISOString(), 50);
    const mail = due.find((m) => m.submissionId === created.body.id);
    expect(mail).toBeDefined();
    // The consumer's process dies the moment its claim is written.
    const dying = Object.create(outbox) as OutboxStore;
    dying.claim = async (id, now, until) => {
      await outbox.claim(id, now, until);
      throw new Error("injected crash after claim");
    };
    const deps = { ...rest, outbox: dying };

    // Act
    await expect(dispatchMail(deps, mail?.id ?? "")).rejects.toThrow("injected crash after claim");
    const whileLeased = await dispatchOutbox();

    // Assess: nobody sends it while the dead consumer's lease holds, then exactly one does.
    expect(await mailsTo(contact)).toHaveLength(0);
    expect(whileLeased.sent ?? 0).toBe(0);
    await withDay(LATER, drainOutbox);
    await withDay(LATER, drainOutbox);
    expect(await mailsTo(contact)).toHaveLength(1);
  });
});

// ── S3 ────────────────────────────────────────────────────────────────────────────────────────

describe("S3 stops", () => {
  it("fails the upload cleanly for the client and leaves the submission able to take a fresh slot", async () => {
    // Prepare: a requisition with its upload slot, made while S3 is up.
    const [k, k2] = S3_FAULT as [string, string];
    const created = await submit(k, contactOf(k, "s3"));
    expect(created.status).toBe(201);

    // Act: S3 goes down before the client uploads.
    await s3.stop();
    let uploadError: unknown;
    let madeWhileDown: ApiResponse<Receipt>;
    let slotWhileDown: ApiResponse<{ upload: UploadSlot }>;
    try {
      uploadError = await uploadWith(created.body.upload, smallPdf(), "scan.pdf", "application/pdf").then(
        (status) => new Error(`upload answered ${status} while S3 was down`),
        (error: unknown) => error,
      );
      // Presigning is a local signature, so the API still answers while S3 is down.
      madeWhileDown = await submit(k2, contactOf(k2, "s3"));
      slotWhileDown = await api("POST", `/submissions/${created.body.id}/original`, {
        kommunkod: k,
        body: {},
      });
    } finally {
      await s3.start();
    }

    // Assess: the client saw the failure; the submission waits for its original, as before.
    expect(uploadError).toBeInstanceOf(TypeError); // fetch: connection refused
    expect(await statusOf(k, created.body.id)).toBe("awaiting-original");
    expect(madeWhileDown.status).toBe(201);
    expect(slotWhileDown.status).toBe(201);
    // Once S3 is back, a fresh slot works, and so does the slot handed out while it was down.
    const fresh = await api<{ upload: UploadSlot }>("POST", `/submissions/${created.body.id}/original`, {
      kommunkod: k,
      body: {},
    });
    expect(fresh.status).toBe(201);
    expect(await uploadWith(fresh.body.upload, smallPdf(), "scan.pdf", "application/pdf")).toBe(204);
    await waitFor(async () => (await statusOf(k, created.body.id)) === "received", 10_000);
    expect(await uploadWith(madeWhileDown.body.upload, smallPdf(), "scan.pdf", "application/pdf")).toBe(204);
    await waitFor(async () => (await statusOf(k2, madeWhileDown.body.id)) === "received", 10_000);
  });
});

// ── DynamoDB ──────────────────────────────────────────────────────────────────────────────────

describe("DynamoDB stops mid-burst", () => {
  it("answers 503 with a retryable message (never 500), writes nothing by halves, and the retries complete", async () => {
    // Prepare: 40 requisitions, 8 in flight, each with its own Idempotency-Key.
    const results = new Map<string, ApiResponse<Receipt & { code?: string; message?: { en: string } }>>();
    let done = 0;
    let stopping: Promise<void> | undefined;
    const queue = [...DYNAMO_BURST];
    // Act: DynamoDB Local is stopped (SIGTERM) once ten answers are in; the rest keep coming.
    const worker = async () => {
      for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
        const res = await submit(k, contactOf(k, "ddb"), { "idempotency-key": `burst-${k}` });
        results.set(k, res);
        if (++done === 10) stopping = dynamo.stop();
      }
    };
    let health: ApiResponse;
    try {
      await Promise.all(Array.from({ length: 8 }, worker));
      await stopping;
      health = await api("GET", "/health");
    } finally {
      await dynamo.start();
    }

    // Assess: only 201 and 503; every 503 says to retry.
    const statuses = [...results.values()].map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const unavailable = [...results.values()].filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const r of unavailable) {
      expect(r.body.code).toBe("SERVICE_UNAVAILABLE");
      expect(r.body.message?.en).toMatch(/try again/i);
      expect(r.headers.get("retry-after")).toBe("5");
    }
    expect(health.status).toBe(503);

    // Nothing by halves: every accepted one is whole, and every ledger row is consistent.
    const ledger = store();
    const rows = (await Promise.all(DYNAMO_BURST.map((k) => ledger.getAllocation(PROGRAMME, k)))).filter(
      (r): r is AllocationState => r !== undefined,
    );
    const submissions = (await ledger.listSubmissions({ programmeId: PROGRAMME })).filter((s) =>
      DYNAMO_BURST.includes(s.kommunkod),
    );
    expect(checkAllocationInvariants(rows, submissions).violations).toEqual([]);
    // A row exists exactly for the municipalities with a stored submission, and vice versa.
    expect(rows.map((r) => r.kommunkod).sort()).toEqual(submissions.map((s) => s.kommunkod).sort());
    for (const [k, r] of results) {
      if (r.status !== 201) continue;
      const detail = await ledger.getSubmissionDetail(r.body.id);
      expect(detail?.submission.kommunkod, k).toBe(k);
      expect(detail?.attachments, k).toHaveLength(1);
      expect(detail?.audit.length, k).toBeGreaterThan(0);
      expect(rows.find((row) => row.kommunkod === k)?.baseRequisitionId).toBe(r.body.id);
    }

    // Retried with the same keys, every refused request now completes, each exactly once.
    const retried = await Promise.all(
      [...results.entries()]
        .filter(([, r]) => r.status === 503)
        .map(
          async ([k]) =>
            [k, await submit(k, contactOf(k, "ddb"), { "idempotency-key": `burst-${k}` })] as const,
        ),
    );
    expect(retried.map(([, r]) => r.status)).toEqual(retried.map(() => 201));
    const after = (await ledger.listSubmissions({ programmeId: PROGRAMME })).filter((s) =>
      DYNAMO_BURST.includes(s.kommunkod),
    );
    expect(after.map((s) => s.kommunkod).sort()).toEqual([...DYNAMO_BURST].sort());
    const finalRows = (await Promise.all(DYNAMO_BURST.map((k) => ledger.getAllocation(PROGRAMME, k)))).filter(
      (r): r is AllocationState => r !== undefined,
    );
    expect(checkAllocationInvariants(finalRows, after).violations).toEqual([]);
    for (const row of finalRows) expect(row.requisitioned).toBe(row.allocated);
  });
});
