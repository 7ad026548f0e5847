import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleReport, sampleRequisition } from "../../../shared/forms/samples.ts";
import type { ReportForm } from "../../../shared/forms/schema.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import type { SubmissionReceipt } from "../../../shared/submissions/submit.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  STOCKHOLM,
  silenceLogs,
} from "../../helpers/events.ts";
import { payWithFourEyes } from "../../helpers/four-eyes.ts";
import {
  freshSystem,
  municipality,
  OFFICER,
  PDF,
  paid,
  programme2022,
  received,
  uploadChecked,
} from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let handler: ApiHandlerFn;
let sys: FakeSystem;
const programme: Programme = programme2022();
const LUND_BASE = 1_530_608;
const LUND_EXTRA = 1_500_000;

// The report is sent in November, signed a few days before.
const NOVEMBER = "2022-11-15T11:00:00.000Z";
const SIGNED = "2022-11-10";

beforeAll(async () => {
  silenceLogs();
  ({ handler } = await import("../../../functions/create-report/handler.ts"));
});

beforeEach(() => {
  sys = freshSystem(coldStart);
});

interface Refused {
  code: string;
  message: { sv: string; en: string };
  errors?: { path: string; code: string }[];
}

function report(body: unknown, claims: Claims = municipalityClaims(LUND), idempotencyKey?: string) {
  return apiEvent({
    route: "POST /programmes/{programmeId}/reports",
    pathParameters: { programmeId: PROGRAMME_2022 },
    body,
    claims,
    ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
  });
}

/** Lund's report of the base grant as paid (1 530 608 kr), with these costs. */
function lundReport(costs: number, signed = SIGNED, paidOut = LUND_BASE): ReportForm {
  const form = sampleReport(programme, LUND, signed);
  form.grant.totalGrant = LUND_BASE;
  form.grant.totalPaid = paidOut;
  form.accounting = { ...form.accounting, received: paidOut, costs, unspent: Math.max(0, paidOut - costs) };
  return form;
}

/** Lund's base requisition paid in full on 2022-06-01; the clock then in November. */
async function basePaid() {
  const requisition = await paid(sys);
  sys.clock.set(NOVEMBER);
  return requisition;
}

/** Lund's model-extra requisition, received and approved but not yet paid. */
async function extraApproved() {
  const form = sampleRequisition(programme, LUND);
  form.grant = { ...form.grant, kind: "model-extra", amount: LUND_EXTRA };
  const { receipt } = await submitRequisition(sys.submissionDeps, municipality(), programme.id, form);
  await uploadChecked(sys, receipt.upload.fields.key ?? "", PDF);
  await decide(sys.officerDeps, OFFICER, receipt.id, { decision: "approve" });
  return receipt.id;
}

const reports = () => [...sys.world.submissions.values()].filter((s) => s.kind === "report");

describe("create-report handler: accepted", () => {
  it("answers 201 with reference SB-2022-1281-E1 and stores the report with the repayment due computed from the payment", async () => {
    // Prepare
    await basePaid();
    // Act
    const res = await invoke<SubmissionReceipt>(handler, report(lundReport(1_200_000)));
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.reference).toBe("SB-2022-1281-E1");
    expect(res.body.status).toBe("awaiting-original");
    expect(await sys.submissions.getSubmission(res.body.id)).toMatchObject({
      kind: "report",
      amount: LUND_BASE,
      unspent: 330_608,
      late: false,
    });
    expect(await sys.submissions.getAllocation(PROGRAMME_2022, LUND)).toMatchObject({
      reportId: res.body.id,
      repaymentDue: 330_608,
      paid: LUND_BASE,
    });
  });

  it("owes nothing back when the costs exceed what was paid: the repayment due is never below 0 kr", async () => {
    // Prepare
    await basePaid();
    // Act
    const res = await invoke<SubmissionReceipt>(handler, report(lundReport(LUND_BASE + 100_000)));
    // Assess
    expect(res.status).toBe(201);
    expect((await sys.submissions.getAllocation(PROGRAMME_2022, LUND))?.repaymentDue).toBe(0);
    expect((await sys.submissions.getSubmission(res.body.id))?.unspent).toBe(0);
  });

  it("mails the registration of the report to the signed-in submitter, not to the certifier's e-mail on the form", async () => {
    // Prepare
    await basePaid();
    const form = lundReport(1_200_000);
    form.certification.email = "anyone@elsewhere.example";
    // Act
    const res = await invoke<SubmissionReceipt>(handler, report(form));
    // Assess
    const mail = sys.world.queued().find((m) => m.topic === "registered" && m.submissionId === res.body.id);
    expect(mail?.to).toEqual([`handlaggare@${LUND}.example`]);
  });

  it("marks a report after the report deadline late but still takes it", async () => {
    // Prepare
    await paid(sys);
    sys.clock.set("2023-04-10T10:00:00.000Z");
    // Act
    const res = await invoke<SubmissionReceipt>(handler, report(lundReport(1_200_000, "2023-04-05")));
    // Assess
    expect(res.status).toBe(201);
    expect((await sys.submissions.getSubmission(res.body.id))?.late).toBe(true);
  });
});

describe("create-report handler: reconciled with the payments on record", () => {
  it("answers 409 PAYMENT_NOT_RECORDED while the requisition is received but nothing has been paid, and stores no report", async () => {
    // Prepare
    await received(sys);
    sys.clock.set(NOVEMBER);
    // Act
    const res = await invoke<Refused>(handler, report(lundReport(1_200_000)));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("PAYMENT_NOT_RECORDED");
    expect(reports()).toEqual([]);
  });

  it("refuses a report stating other sums as paid and received than the payment on record", async () => {
    // Prepare
    await basePaid();
    const form = sampleReport(programme, LUND, SIGNED); // paid and received: base and extra
    // Act
    const res = await invoke<Refused>(handler, report(form));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.code)).toEqual(
      expect.arrayContaining(["TOTAL_PAID_NOT_AS_RECORDED", "RECEIVED_NOT_AS_RECORDED"]),
    );
    expect(reports()).toEqual([]);
  });

  it("refuses a report that states less received than was paid, to owe less back", async () => {
    // Prepare
    await basePaid();
    const form = lundReport(1_200_000);
    form.accounting = { ...form.accounting, received: 1_200_000, unspent: 0 };
    // Act
    const res = await invoke<Refused>(handler, report(form));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ path: "accounting.received", code: "RECEIVED_NOT_AS_RECORDED" }),
    );
    expect((await sys.submissions.getAllocation(PROGRAMME_2022, LUND))?.repaymentDue).toBeUndefined();
  });

  it("answers 409 LEDGER_CHANGED, storing nothing, when a payment is recorded between reading the ledger and writing the report", async () => {
    // Prepare: base paid, extra approved; its payment lands while the report is being taken
    await paid(sys);
    const extra = await extraApproved();
    sys.clock.set(NOVEMBER);
    const read = sys.submissions.getAllocation.bind(sys.submissions);
    vi.spyOn(sys.submissions, "getAllocation").mockImplementationOnce(async (programmeId, kommunkod) => {
      const row = await read(programmeId, kommunkod);
      await payWithFourEyes(sys.officerDeps, OFFICER, extra, { paidOn: "2022-11-15", amount: LUND_EXTRA });
      return row;
    });
    // Act
    const res = await invoke<Refused>(handler, report(lundReport(1_200_000)));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("LEDGER_CHANGED");
    expect(reports()).toEqual([]);
    expect(await sys.submissions.getAllocation(PROGRAMME_2022, LUND)).toMatchObject({
      paid: LUND_BASE + LUND_EXTRA,
    });
  });
});

describe("create-report handler: refused", () => {
  it("answers 409 REQUISITION_REQUIRED when nothing has been requisitioned yet", async () => {
    // Prepare
    sys.clock.set(NOVEMBER);
    // Act
    const res = await invoke<Refused>(handler, report(sampleReport(programme, LUND, SIGNED)));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("REQUISITION_REQUIRED");
    expect(reports()).toEqual([]);
  });

  it("answers 409 ALREADY_REPORTED to a second report, keeping the first and its repayment due", async () => {
    // Prepare
    await basePaid();
    const first = await invoke<SubmissionReceipt>(handler, report(lundReport(1_200_000)));
    // Act
    const res = await invoke<Refused>(handler, report(lundReport(LUND_BASE)));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ALREADY_REPORTED");
    expect(reports().map((r) => r.id)).toEqual([first.body.id]);
    expect((await sys.submissions.getAllocation(PROGRAMME_2022, LUND))?.repaymentDue).toBe(330_608);
  });

  it("answers 400 when the accounting does not add up", async () => {
    // Prepare
    await basePaid();
    const form = lundReport(1_200_000);
    form.accounting.unspent += 1;
    // Act
    const res = await invoke<Refused>(handler, report(form));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.path)).toContain("accounting.unspent");
    expect(reports()).toEqual([]);
  });

  it("answers 403 for an officer, and stores nothing", async () => {
    // Prepare
    await basePaid();
    // Act
    const res = await invoke(handler, report(lundReport(1_200_000), officerClaims(["officer"])));
    // Assess
    expect(res.status).toBe(403);
    expect(reports()).toEqual([]);
  });

  it("refuses Stockholm sending Lund's report: the recipient must be the caller", async () => {
    // Prepare
    await basePaid();
    // Act
    const res = await invoke<Refused>(handler, report(lundReport(1_200_000), municipalityClaims(STOCKHOLM)));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ path: "recipient.name", code: "RECIPIENT_NOT_CALLER" }),
    );
    expect(reports()).toEqual([]);
  });
});

describe("create-report handler: Idempotency-Key", () => {
  const KEY = "report-retry-1";

  it("replays the first answer when the same report is retried with the same key", async () => {
    // Prepare
    await basePaid();
    const first = await invoke<SubmissionReceipt>(
      handler,
      report(lundReport(1_200_000), municipalityClaims(), KEY),
    );
    // Act
    const res = await invoke<SubmissionReceipt>(
      handler,
      report(lundReport(1_200_000), municipalityClaims(), KEY),
    );
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers["idempotent-replayed"]).toBe("true");
    expect(res.body.id).toBe(first.body.id);
    expect(reports()).toHaveLength(1);
  });

  it("answers 409 IDEMPOTENCY_KEY_REUSED when the key comes back with other costs, keeping the first repayment due", async () => {
    // Prepare
    await basePaid();
    await invoke(handler, report(lundReport(1_200_000), municipalityClaims(), KEY));
    // Act
    const res = await invoke<Refused>(handler, report(lundReport(LUND_BASE), municipalityClaims(), KEY));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(reports()).toHaveLength(1);
    expect((await sys.submissions.getAllocation(PROGRAMME_2022, LUND))?.repaymentDue).toBe(330_608);
  });
});
