import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { submissionDeps } from "../../shared/composition-root.ts";
import { sampleReport, sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { ATTESTANT_SUBJECT } from "../helpers/four-eyes.ts";
import { payOverHttp } from "../helpers/four-eyes-http.ts";
import { call, smallPdf, startTestStack, uploadWith } from "../helpers/local-stack.ts";
import { mailsTo, readMails } from "../helpers/mail.ts";
import { startSes, stopSes } from "../helpers/ses.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error("programme missing");
  return found;
})();
const TODAY = "2022-11-20";

let stack: LocalStack;
const store = () => submissionDeps().submissions;
/** Mail about a submission goes to the register and to the signed-in submitter: `email` tells tests' mails apart. */
const tokenFor = (kommunkod: string, email?: string) =>
  stack.issuer.mint({ kommunkod, ...(email ? { email } : {}) });
const officerToken = () => stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });

/** A valid requisition; `contact` is also the submitter's signed-in address, so its mails can be told apart. */
function requisition(
  kommunkod: string,
  contact: string,
  overrides: { amount?: number; kind?: "base" | "model-extra" } = {},
) {
  const form = sampleRequisition(programme, kommunkod, TODAY);
  form.recipient.email = contact;
  if (overrides.amount !== undefined) form.grant.amount = overrides.amount;
  if (overrides.kind) form.grant.kind = overrides.kind;
  return form;
}

/** A 201 receipt, or an error body (code, errors) for refused requests. */
interface Receipt {
  id: string;
  reference: string;
  status: string;
  upload: UploadSlot;
  code?: string;
  errors?: unknown[];
}

async function submit(
  kommunkod: string,
  contact: string,
  overrides = {},
  headers: Record<string, string> = {},
) {
  return call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token: await tokenFor(kommunkod, contact),
    body: requisition(kommunkod, contact, overrides),
    headers,
  });
}

async function statusOf(kommunkod: string, id: string): Promise<string> {
  const res = await call<{ submission: { status: string } }>(stack, "GET", `/submissions/${id}`, {
    token: await tokenFor(kommunkod),
  });
  return res.body.submission.status;
}

beforeAll(async () => {
  stack = await startTestStack(TODAY);
});

afterAll(async () => {
  process.env.STATSBIDRAG_TODAY = TODAY;
  await stack?.stop();
});

describe("a requisition from form to receipt", () => {
  it("stores the requisition, accepts the signed PDF and mails a receipt and the officers", async () => {
    // Prepare
    const contact = "ekonomi@lund-flow.example";
    // Act
    const created = await submit("1281", contact);
    const uploaded = await uploadWith(created.body.upload, smallPdf(), "underskriven.pdf", "application/pdf");
    // Assess
    expect(created.status).toBe(201);
    expect(created.body.reference).toBe("SB-2022-1281-R1");
    expect(created.body.status).toBe("awaiting-original");
    expect(uploaded).toBe(204);
    await waitFor(async () => (await statusOf("1281", created.body.id)) === "received", 10_000);
    const receipt = await waitFor(
      async () => (await mailsTo(contact)).find((m) => m.subject.startsWith("Kvitto")),
      10_000,
    );
    expect(receipt.body.text).toContain("SB-2022-1281-R1");
    expect(receipt.body.text).toContain("1 530 608 kr");
    expect(receipt.body.text).toMatch(/SHA-256 för originalet: [0-9a-f]{64}/);
    expect(receipt.body.text).toContain("2023-03-31");
    const officer = await waitFor(async () =>
      // Other test files use the same mail emulator (and Lund's first reference): match the id.
      (await mailsTo("statsbidrag@kammarkollegiet.example")).find((m) =>
        (m.body.text ?? "").includes(created.body.id),
      ),
    );
    // The officers' mail links the review page, where they act.
    expect(officer.body.text).toContain(`officer-submission.html?id=${created.body.id}`);
    const detail = await call<{ submission: { original: { contentType: string; size: number } } }>(
      stack,
      "GET",
      `/submissions/${created.body.id}`,
      { token: await tokenFor("1281") },
    );
    expect(detail.body.submission.original.contentType).toBe("application/pdf");
    expect(detail.body.submission.original.size).toBe(smallPdf().length);
  });

  it("lets Lund requisition its model extra after its base share", async () => {
    const res = await submit("1281", "extra@lund.example", { kind: "model-extra", amount: 1_500_000 });
    expect(res.status).toBe(201);
    expect(res.body.reference).toBe("SB-2022-1281-M1");
  });
});

describe("ledger rules", () => {
  it("accepts exactly one of 50 concurrent requisitions for the same municipality", async () => {
    // Prepare: Eskilstuna (0484), 50 identical requests at once
    const token = await tokenFor("0484");
    const body = requisition("0484", "ekonomi@eskilstuna-race.example");
    // Act
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, { token, body }),
      ),
    );
    // Assess
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(["ALREADY_REQUISITIONED"]),
    );
    const state = await store().getAllocation(PROGRAMME, "0484");
    expect(state?.requisitioned).toBe(state?.allocated);
    expect(state?.remaining).toBe(0);
  });

  it("returns the first response for a retried POST with the same Idempotency-Key", async () => {
    const key = "retry-0114-1";
    const first = await submit("0114", "a@upplandsvasby.example", {}, { "idempotency-key": key });
    const second = await submit("0114", "a@upplandsvasby.example", {}, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const list = await call<{ submissions: unknown[] }>(
      stack,
      "GET",
      `/submissions?programmeId=${PROGRAMME}`,
      {
        token: await tokenFor("0114"),
      },
    );
    expect(list.body.submissions).toHaveLength(1);
  });

  it("refuses an Idempotency-Key reused for a different request", async () => {
    const key = "retry-0115-1";
    await submit("0115", "a@vallentuna.example", { amount: 100_000 }, { "idempotency-key": key });
    const other = await submit(
      "0115",
      "a@vallentuna.example",
      { amount: 200_000 },
      { "idempotency-key": key },
    );
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("rejects a model extra for Malmö, which is not a model municipality", async () => {
    const res = await submit("1280", "a@malmo.example", { kind: "model-extra", amount: 1_500_000 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("NOT_A_MODEL_MUNICIPALITY");
  });

  it("refuses a model extra before the base requisition", async () => {
    const res = await submit("1490", "a@boras.example", { kind: "model-extra", amount: 1_500_000 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("BASE_REQUISITION_REQUIRED");
  });

  it("rejects an amount 1 kr above the allocation", async () => {
    const allocation = programme.allocations.find((a) => a.kommunkod === "0117");
    const res = await submit("0117", "a@osteraker.example", { amount: (allocation?.amount ?? 0) + 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: "grant.amount", code: "AMOUNT_EXCEEDS_ALLOCATION" }),
    ]);
    expect(await store().getAllocation(PROGRAMME, "0117")).toBeUndefined();
  });

  it("refuses a requisition after the deadline", async () => {
    process.env.STATSBIDRAG_TODAY = "2022-12-02";
    try {
      const res = await submit("0120", "a@varmdo.example");
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("DEADLINE_PASSED");
    } finally {
      process.env.STATSBIDRAG_TODAY = TODAY;
    }
  });

  it("accepts a requisition on the deadline day itself", async () => {
    process.env.STATSBIDRAG_TODAY = "2022-12-01";
    try {
      const res = await submit("0123", "a@jarfalla.example");
      expect(res.status).toBe(201);
    } finally {
      process.env.STATSBIDRAG_TODAY = TODAY;
    }
  });

  it("forbids a municipality to read another municipality's submission", async () => {
    const created = await submit("0125", "a@ekero.example");
    const res = await call(stack, "GET", `/submissions/${created.body.id}`, {
      token: await tokenFor("0126"),
    });
    expect(res.status).toBe(403);
  });
});

describe("signed originals", () => {
  it("rejects an .exe renamed .pdf, mails why, and accepts a new scan", async () => {
    // Prepare
    const contact = "ekonomi@huddinge-exe.example";
    const created = await submit("0126", contact);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
    // Act
    await uploadWith(created.body.upload, exe, "rekvisition.pdf", "application/pdf");
    // Assess
    await waitFor(async () => (await statusOf("0126", created.body.id)) === "original-rejected", 10_000);
    const mail = await waitFor(
      async () => (await mailsTo(contact)).find((m) => m.subject.includes("kunde inte tas emot")),
      10_000,
    );
    expect(mail.body.text).toContain("inte en PDF, JPEG, PNG eller TIFF");
    const again = await call<{ upload: UploadSlot }>(
      stack,
      "POST",
      `/submissions/${created.body.id}/original`,
      {
        token: await tokenFor("0126"),
        body: {},
      },
    );
    expect(again.status).toBe(201);
    expect(await statusOf("0126", created.body.id)).toBe("awaiting-original");
    await uploadWith(again.body.upload, smallPdf(), "scan.pdf", "application/pdf");
    await waitFor(async () => (await statusOf("0126", created.body.id)) === "received", 10_000);
  });

  it("rejects a truncated PDF", async () => {
    const created = await submit("0127", "a@botkyrka.example");
    await uploadWith(
      created.body.upload,
      new TextEncoder().encode("%PDF-1.4\n1 0 obj"),
      "cut.pdf",
      "application/pdf",
    );
    await waitFor(async () => (await statusOf("0127", created.body.id)) === "original-rejected", 10_000);
  });
});

describe("financial report", () => {
  it("accepts one report with unspent funds as repayment due, and refuses a second", async () => {
    // Prepare: Salem (0128) requisitioned, its original received, approved and paid in full.
    const created = await submit("0128", "a@salem.example");
    await uploadWith(created.body.upload, smallPdf(), "scan.pdf", "application/pdf");
    await waitFor(async () => (await statusOf("0128", created.body.id)) === "received", 10_000);
    const officer = await officerToken();
    await call(stack, "POST", `/submissions/${created.body.id}/decision`, {
      token: officer,
      body: { decision: "approve" },
    });
    const allocation = programme.allocations.find((a) => a.kommunkod === "0128")?.amount ?? 0;
    const attestant = await stack.issuer.mint(ATTESTANT_SUBJECT);
    const paid = await payOverHttp(stack, { proposer: officer, attestant }, created.body.id, {
      paidOn: TODAY,
      amount: allocation,
    });
    expect(paid.status).toBe(200);
    const token = await tokenFor("0128");
    const report = sampleReport(programme, "0128", TODAY);
    report.accounting.costs = report.accounting.received - 12_345;
    report.accounting.unspent = 12_345;
    // Act
    const first = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/reports`, {
      token,
      body: report,
    });
    const second = await call(stack, "POST", `/programmes/${PROGRAMME}/reports`, { token, body: report });
    // Assess
    expect(first.status).toBe(201);
    expect(first.body.reference).toBe("SB-2022-0128-E1");
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("ALREADY_REPORTED");
    expect((await store().getAllocation(PROGRAMME, "0128"))?.repaymentDue).toBe(12_345);
  });

  it("refuses a report before any requisition", async () => {
    const res = await call(stack, "POST", `/programmes/${PROGRAMME}/reports`, {
      token: await tokenFor("0136"),
      body: sampleReport(programme, "0136", TODAY),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("REQUISITION_REQUIRED");
  });
});

describe("mail outbox", () => {
  it("keeps a submission made while SES is down and delivers its mail exactly once after", async () => {
    // Prepare
    const contact = "ekonomi@haninge-ses.example";
    await stopSes();
    let created: Awaited<ReturnType<typeof submit>>;
    try {
      // Act: submit while SES is down, and let the consumer fail at least once
      created = await submit("0136", contact);
      expect(created.status).toBe(201);
      await waitFor(async () => {
        const due = await store().listSubmissions({ kommunkod: "0136" });
        return due.length === 1;
      });
      // The consumer runs every 200 ms; give it time to fail against the stopped emulator.
      await new Promise((r) => setTimeout(r, 800));
    } finally {
      await startSes();
    }
    // Failed once, so not resent before its backoff has passed.
    await stack.dispatchOutbox();
    expect(await mailsTo(contact)).toHaveLength(0);
    // The retry is due after its backoff; move the clock past it instead of waiting.
    process.env.STATSBIDRAG_TODAY = "2022-11-21";
    try {
      await waitFor(async () => (await mailsTo(contact)).length > 0, 10_000);
      await stack.dispatchOutbox();
      await stack.dispatchOutbox();
    } finally {
      process.env.STATSBIDRAG_TODAY = TODAY;
    }
    // Assess
    const mails = (await readMails()).filter((m) => m.destination.to.includes(contact));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("SB-2022-0136-R1");
  });
});

describe("HTTP errors", () => {
  it("answers 401 without a token, 415 for non-JSON, 400 for malformed JSON and 404 for an unknown programme", async () => {
    const token = await tokenFor("0138");
    const path = `/programmes/${PROGRAMME}/requisitions`;
    expect((await call(stack, "POST", path, { body: {} })).status).toBe(401);
    expect(
      (
        await call(stack, "POST", path, {
          token,
          rawBody: "amount=1",
          headers: { "content-type": "text/plain" },
        })
      ).status,
    ).toBe(415);
    const malformed = await call(stack, "POST", path, {
      token,
      rawBody: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("MALFORMED_JSON");
    expect((await call(stack, "POST", "/programmes/nope/requisitions", { token, body: {} })).status).toBe(
      404,
    );
    const big = await call(stack, "POST", path, { token, body: { padding: "x".repeat(100_000) } });
    expect(big.status).toBe(413);
  });
});
