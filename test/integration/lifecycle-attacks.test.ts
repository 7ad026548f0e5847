/**
 * The attacks a security review ran against `npm start`, replayed on the emulators: each now
 * fails to do harm. The real handlers run behind the local gateway; uploads go through the
 * presigned POST to s3rver, whose events reach the upload check and the local malware scanner.
 */
import { createHash } from "node:crypto";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../infra/local/emulators.ts";
import { EICAR } from "../../infra/local/local-malware-scan.ts";
import type { LocalStack } from "../../infra/local/stack.ts";
import { bucketName } from "../../infra/table-definition.ts";
import { submissionDeps } from "../../shared/composition-root.ts";
import { sampleReport, sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { Attachment, Submission } from "../../shared/submissions/model.ts";
import { ATTESTANT_SUBJECT } from "../helpers/four-eyes.ts";
import { payOverHttp } from "../helpers/four-eyes-http.ts";
import { call, smallPdf, startTestStack, type UploadSlot, uploadWith } from "../helpers/local-stack.ts";
import { readMails } from "../helpers/mail.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const TODAY = "2022-11-20";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error("programme missing");
  return found;
})();
const HTML = new TextEncoder().encode("<html><body><script>alert(1)</script></body></html>");

let stack: LocalStack;
let s3: S3Client;
let officer: string;
let attestant: string;
const tokenFor = (kommunkod: string, email = `user-${kommunkod}@kommun.example`) =>
  stack.issuer.mint({ kommunkod, email });

interface Receipt {
  id: string;
  reference: string;
  upload: UploadSlot;
  code?: string;
}

interface Detail {
  submission: Submission;
  attachments: Attachment[];
}

beforeAll(async () => {
  // Its own table: these municipalities' ledgers must not meet another test file's.
  stack = await startTestStack(TODAY, { tableName: "statsbidrag-test-lifecycle-attacks" });
  s3 = new S3Client({
    endpoint: stack.s3Endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
  attestant = await stack.issuer.mint(ATTESTANT_SUBJECT);
});

afterAll(async () => {
  process.env.STATSBIDRAG_TODAY = TODAY;
  s3?.destroy();
  await stack?.stop();
});

async function requisition(kommunkod: string, amount?: number) {
  const form = sampleRequisition(programme, kommunkod, TODAY);
  if (amount !== undefined) form.grant.amount = amount;
  const res = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token: await tokenFor(kommunkod),
    body: form,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function detail(kommunkod: string, id: string): Promise<Detail> {
  return (await call<Detail>(stack, "GET", `/submissions/${id}`, { token: await tokenFor(kommunkod) })).body;
}

async function settled(kommunkod: string, id: string, status: string): Promise<Detail> {
  return waitFor(async () => {
    const d = await detail(kommunkod, id);
    return d.submission.status === status ? d : undefined;
  }, 15_000);
}

/**
 * Waits until every upload check and scan has run (no attachment pending with a file, none scanning).
 * Locally the check and the scanner hear of a version through s3rver's notification, which a
 * replayed POST can abort (ECONNRESET); the stack's sweep then does what the notification did not.
 * `allowLostVerdict`: a try whose file still waits after the sweep has no record to compare, so it
 * is skipped (the test still needs at least one try that got through).
 */
async function quiet(kommunkod: string, id: string, allowLostVerdict = false): Promise<Detail> {
  await new Promise((r) => setTimeout(r, 300));
  let last: Detail | undefined;
  const settled = () =>
    waitFor(async () => {
      last = await detail(kommunkod, id);
      return last.attachments.some((a) => a.status === "scanning") ? undefined : last;
    }, 8_000);
  try {
    return await settled();
  } catch {
    // What a lost notification leaves waiting, the stack's periodic sweep (every minute under
    // npm start, as the scheduled sweep on AWS) checks and scans: run it now rather than wait.
    await stack.sweepUploads();
  }
  try {
    return await settled();
  } catch {
    if (allowLostVerdict && last) return last;
    const files = last?.attachments.map((a) => `${a.status} ${a.object?.etag ?? ""} ${a.scan?.result ?? ""}`);
    throw new Error(`still scanning after the sweep: ${last?.submission.status}; ${files?.join("; ")}`);
  }
}

async function decide(id: string, body: Record<string, unknown>) {
  return call<{ code?: string }>(stack, "POST", `/submissions/${id}/decision`, { token: officer, body });
}

/** Proposed by one officer, attested by another (README "Four eyes on money"). */
async function pay(id: string, amount: number) {
  return payOverHttp(stack, { proposer: officer, attestant }, id, { paidOn: TODAY, amount });
}

async function newSlot(kommunkod: string, id: string): Promise<UploadSlot> {
  const res = await call<{ upload: UploadSlot }>(stack, "POST", `/submissions/${id}/original`, {
    token: await tokenFor(kommunkod),
    body: {},
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.upload;
}

async function objectBytes(key: string): Promise<Uint8Array> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucketName("test"), Key: key }));
  return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
}

describe("1. a stale upload slot cannot undo a decision or swap the evidence", () => {
  it("quarantines a good file and junk uploaded to an older slot after approval and payment", async () => {
    // Prepare: Lund holds two slots; the newer one's original is received, approved and paid.
    const created = await requisition("1281");
    const stale = created.upload;
    const current = await newSlot("1281", created.id);
    await uploadWith(current, smallPdf("current"), "scan.pdf", "application/pdf");
    const received = await settled("1281", created.id, "received");
    expect((await decide(created.id, { decision: "approve" })).status).toBe(200);
    expect((await pay(created.id, 1_530_608)).status).toBe(200);
    // Act
    const good = await uploadWith(stale, smallPdf("stale but valid"), "old.pdf", "application/pdf");
    const junk = await uploadWith(stale, HTML, "old.pdf", "application/pdf");
    // Assess: S3 took both (it does not know the slot is void); the application changed nothing.
    expect([good, junk]).toEqual([204, 204]);
    const after = await quiet("1281", created.id);
    expect(after.submission.status).toBe("paid");
    expect(after.submission.original).toEqual(received.submission.original);
    expect(after.attachments.find((a) => a.key === stale.fields.key)?.status).toBe("void");
  });
});

describe("2. a corrected (replaced) version never comes back", () => {
  it("keeps R1 replaced after a stale upload to its slot, and refuses its approval and payment", async () => {
    // Prepare: R1 of Malmö returned and corrected as R2, R1's first slot kept by the client.
    const r1 = await requisition("1280", 100_000);
    const r1Slot = r1.upload;
    const fresh = await newSlot("1280", r1.id);
    await uploadWith(fresh, smallPdf("r1"), "r1.pdf", "application/pdf");
    await settled("1280", r1.id, "received");
    await decide(r1.id, { decision: "return", reason: "Beloppet stämmer inte med beslutet." });
    const form = sampleRequisition(programme, "1280", TODAY);
    form.grant.amount = 100_000;
    const r2 = await call<Receipt>(stack, "POST", `/submissions/${r1.id}/corrections`, {
      token: await tokenFor("1280"),
      body: form,
    });
    expect(r2.status, JSON.stringify(r2.body)).toBe(201);
    // Act
    await uploadWith(r1Slot, smallPdf("stale r1"), "r1-again.pdf", "application/pdf");
    const afterUpload = await quiet("1280", r1.id);
    const approve = await decide(r1.id, { decision: "approve" });
    const payment = await pay(r1.id, 100_000);
    // Assess
    expect(afterUpload.submission.status).toBe("replaced");
    expect(afterUpload.submission.replacedBy).toBe(r2.body.id);
    expect(approve.status).toBe(409);
    expect(payment.status).toBe(409);
    const row = await submissionDeps().submissions.getAllocation(PROGRAMME, "1280");
    expect(row).toMatchObject({ requisitioned: 100_000, baseRequisitionId: r2.body.id });
    expect(row?.paid ?? 0).toBe(0);
  });
});

describe("3. the stored record is the file that was checked", () => {
  it("never stores other bytes than those whose SHA-256 the submission names, however fast the replay", async () => {
    // Prepare
    const tries = 8;
    const results: { sha256: string; record: string }[] = [];
    for (let i = 0; i < tries; i++) {
      const kommunkod = ["0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127"][i] ?? "";
      const created = await requisition(kommunkod);
      const pdf = smallPdf(`try ${i}`);
      // Act: the valid upload, then the same presigned POST replayed at once with HTML.
      await Promise.all([
        uploadWith(created.upload, pdf, "scan.pdf", "application/pdf"),
        new Promise((r) => setTimeout(r, i * 15)).then(() =>
          uploadWith(created.upload, HTML, "scan.pdf", "application/pdf"),
        ),
      ]);
      const d = await quiet(kommunkod, created.id, true);
      const accepted = d.attachments.find((a) => a.status === "accepted");
      if (d.submission.status !== "received" || !accepted?.storedKey) continue;
      const record = createHash("sha256")
        .update(await objectBytes(accepted.storedKey))
        .digest("hex");
      results.push({ sha256: d.submission.original?.sha256 ?? "", record });
    }
    // Assess: whichever file won, the record holds exactly it.
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.record).toBe(r.sha256);
  });
});

describe("4. the malware check fails closed", () => {
  it("refuses a PDF carrying the EICAR test file as malware, after it passed the check, and keeps it out of records/", async () => {
    // Prepare: a complete PDF (it passes the check) with EICAR's test string in it.
    const created = await requisition("0180");
    const eicar = new TextEncoder().encode(
      `%PDF-1.4\n% ${EICAR}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    );
    // Act
    await uploadWith(created.upload, eicar, "scan.pdf", "application/pdf");
    const d = await settled("0180", created.id, "original-rejected");
    // Assess
    const refused = d.attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.code).toBe("MALWARE_FOUND");
    expect(refused?.scan?.result).toBe("THREATS_FOUND");
    const records = await s3.send(
      new ListObjectsV2Command({ Bucket: bucketName("test"), Prefix: `records/${PROGRAMME}/0180/` }),
    );
    expect(records.Contents ?? []).toHaveLength(0);
  });
});

describe("5. a report is reconciled with the payments on record", () => {
  it("refuses a report saying 0 kr paid after a payment, and computes the repayment due itself", async () => {
    // Prepare: Lidingö (0186) requisitioned, received, approved and paid in full.
    const amount = programme.allocations.find((a) => a.kommunkod === "0186")?.amount ?? 0;
    const created = await requisition("0186");
    await uploadWith(created.upload, smallPdf("0186"), "scan.pdf", "application/pdf");
    await settled("0186", created.id, "received");
    await decide(created.id, { decision: "approve" });
    await pay(created.id, amount);
    const token = await tokenFor("0186");
    const zero = sampleReport(programme, "0186", TODAY);
    zero.grant.totalGrant = amount;
    zero.grant.totalPaid = 0;
    zero.accounting = { ...zero.accounting, received: 0, costs: 0, unspent: 0 };
    const honest = sampleReport(programme, "0186", TODAY);
    honest.grant.totalGrant = amount;
    honest.grant.totalPaid = amount;
    honest.accounting = { ...honest.accounting, received: amount, costs: amount - 30_000, unspent: 30_000 };
    // Act
    const refused = await call<{ errors: { code: string }[] }>(
      stack,
      "POST",
      `/programmes/${PROGRAMME}/reports`,
      {
        token,
        body: zero,
      },
    );
    const accepted = await call(stack, "POST", `/programmes/${PROGRAMME}/reports`, { token, body: honest });
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(["TOTAL_PAID_NOT_AS_RECORDED", "RECEIVED_NOT_AS_RECORDED"]),
    );
    expect(accepted.status).toBe(201);
    expect((await submissionDeps().submissions.getAllocation(PROGRAMME, "0186"))?.repaymentDue).toBe(30_000);
  });
});

describe("6. no unsolicited attachments, no mail to any address", () => {
  it("refuses bank-statement slots nobody asked for, and mails refusals to the signed-in user, not the form's e-mail", async () => {
    // Prepare
    const form = sampleRequisition(programme, "0187", TODAY);
    form.recipient.email = "third-party@elsewhere.example";
    const created = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
      token: await tokenFor("0187", "ekonomi@vaxholm-test.example"),
      body: form,
    });
    // Act
    const slots = await Promise.all(
      Array.from({ length: 5 }, async () =>
        call(stack, "POST", `/submissions/${created.body.id}/attachments`, {
          token: await tokenFor("0187"),
          body: { type: "bank-statement" },
        }),
      ),
    );
    await uploadWith(created.body.upload, HTML, "scan.pdf", "application/pdf");
    await settled("0187", created.body.id, "original-rejected");
    // Assess
    expect(slots.map((s) => s.status)).toEqual([409, 409, 409, 409, 409]);
    const mails = await waitFor(async () => {
      const all = (await readMails()).filter((m) => m.subject.includes("SB-2022-0187-R1"));
      return all.some((m) => m.subject.includes("kunde inte tas emot")) ? all : undefined;
    }, 15_000);
    const recipients = mails.flatMap((m) => m.destination.to);
    expect(recipients).not.toContain("third-party@elsewhere.example");
    expect(recipients).toContain("ekonomi@vaxholm-test.example");
  });
});

describe("7. the form's recipient is the caller", () => {
  it("refuses Malmö posting Lund's form unchanged", async () => {
    // Act
    const res = await call<{ errors: { code: string }[] }>(
      stack,
      "POST",
      `/programmes/${PROGRAMME}/requisitions`,
      {
        token: await tokenFor("1280"),
        body: sampleRequisition(programme, "1281", TODAY),
      },
    );
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.code)).toContain("RECIPIENT_NOT_CALLER");
  });
});

describe("8. a correction cannot raise the amount after the deadline", () => {
  it("refuses a raise the day after the deadline, before the daily job has marked any lapse", async () => {
    // Prepare: Sollentuna (0163) asks for less, is returned on the deadline day.
    const allocation = programme.allocations.find((a) => a.kommunkod === "0163")?.amount ?? 0;
    const created = await requisition("0163", allocation - 50_000);
    await uploadWith(created.upload, smallPdf("0163"), "scan.pdf", "application/pdf");
    await settled("0163", created.id, "received");
    await decide(created.id, { decision: "return", reason: "Fel belopp, kontrollera." });
    const raised = sampleRequisition(programme, "0163", "2022-12-01");
    process.env.STATSBIDRAG_TODAY = "2022-12-02";
    try {
      // Act
      const res = await call<{ code: string }>(stack, "POST", `/submissions/${created.id}/corrections`, {
        token: await tokenFor("0163"),
        body: raised,
      });
      // Assess
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("DEADLINE_PASSED");
    } finally {
      process.env.STATSBIDRAG_TODAY = TODAY;
    }
  });
});

describe("9. signature markers are not a signature", () => {
  it("records a text file with signature markers as not a scan, and a PDF with markers as unverified markers only", async () => {
    // Prepare
    const created = await requisition("0184");
    const markers = new TextEncoder().encode(
      "/Type /Sig /ByteRange [0 1 2 3] /SubFilter /adbe.pkcs7.detached",
    );
    // Act
    await uploadWith(created.upload, markers, "signed.pdf", "application/pdf");
    const refused = await settled("0184", created.id, "original-rejected");
    const again = await newSlot("0184", created.id);
    const pdf = new TextEncoder().encode(
      "%PDF-1.7\n1 0 obj << /Type /Sig /ByteRange [0 1 2 3] /SubFilter /adbe.pkcs7.detached >> endobj\n%%EOF\n",
    );
    await uploadWith(again, pdf, "signed.pdf", "application/pdf");
    const received = await settled("0184", created.id, "received");
    // Assess
    expect(refused.attachments.find((a) => a.status === "refused")?.refusal?.code).toBe("NOT_A_SCAN");
    expect(received.submission.original).toMatchObject({ pdfSignatureMarkers: true });
    expect(received.submission.original).not.toHaveProperty("pdfSigned");
  });
});
