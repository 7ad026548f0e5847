import { beforeAll, describe, expect, it, vi } from "vitest";
import { decide } from "../../../shared/officer/decisions.ts";
import { positions } from "../../../shared/officer/overview.ts";
import { reconcileProgramme } from "../../../shared/reconciliation/run.ts";
import { requestUpload } from "../../../shared/submissions/request-upload.ts";
import { submitReport } from "../../../shared/submissions/submit.ts";
import { checkUpload } from "../../../shared/submissions/upload-check.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { payWithFourEyes, repayWithFourEyes } from "../../helpers/four-eyes.ts";
import {
  approved,
  base,
  correct,
  DEADLINE,
  daily,
  extra,
  failure,
  GRACE_ENDS,
  LUND,
  MALMO,
  OFFICER,
  open,
  PDF,
  paid,
  programme,
  receive,
  received,
  rejectedOriginal,
  report,
  reportForm,
  requisition,
  requisitionForm,
  returned,
  statusOf,
} from "./scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

const RETURN = { decision: "return", reason: "Beloppet stämmer inte." } as const;
const row = (sys: FakeSystem) => sys.submissions.getAllocation(programme.id, LUND.kommunkod);
/** Lund's own share at `amount`, signed on the grant period's first day unless `signedOn` says. */
const lower = (amount: number, signedOn?: string) =>
  requisitionForm(LUND, { amount, ...(signedOn ? { signedOn } : {}) });
const drift = (sys: FakeSystem) => reconcileProgramme(sys.deadlineDeps, programme);
const lund = async (sys: FakeSystem) =>
  positions(
    programme,
    await sys.officer.listLedger(programme.id),
    await sys.submissions.listSubmissions({ programmeId: programme.id }),
  ).find((p) => p.kommunkod === LUND.kommunkod);

/** What a refused correction must leave as it was. */
async function snapshot(sys: FakeSystem) {
  return {
    submissions: await sys.submissions.listSubmissions({ programmeId: programme.id }),
    row: await row(sys),
    mails: sys.world.mails.size,
  };
}

describe("corrections: only a returned version, once", () => {
  it("replaces a returned requisition with the corrected version (-R2) and moves the reservation to it", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND, { amount: 1_000_000 });
    // Act
    const answer = await correct(sys, LUND, r1, requisitionForm(LUND, { amount: 1_200_000 }));
    // Assess
    const old = await sys.submissions.getSubmission(r1);
    const r2 = await sys.submissions.getSubmission(answer.id);
    expect(answer).toMatchObject({ replaces: r1, status: "awaiting-original", reference: "SB-2022-1281-R2" });
    expect(answer.upload.attachmentId).toBe(r2?.originalSlot);
    expect(old).toMatchObject({ status: "replaced", replacedBy: answer.id });
    expect(r2).toMatchObject({
      version: 2,
      replaces: r1,
      amount: 1_200_000,
      kind: "requisition",
      grantKind: "base",
    });
    expect(await row(sys)).toMatchObject({
      baseRequisitionId: answer.id,
      requisitioned: 1_200_000,
      remaining: base(LUND) - 1_200_000,
    });
    expect(sys.world.auditOf(r1).at(-1)).toMatchObject({ action: "submission.replaced", submissionId: r1 });
    expect(sys.world.auditOf(answer.id)).toEqual([
      expect.objectContaining({
        action: "requisition.corrected",
        details: expect.objectContaining({ replaces: r1 }),
      }),
    ]);
    expect(await drift(sys)).toEqual([]);
  });

  it("corrects a returned model-extra requisition within the extra's own reservation", async () => {
    // Prepare
    const sys = fakeSystem();
    await received(sys, LUND);
    const m1 = await received(sys, LUND, { kind: "model-extra" });
    await decide(sys.officerDeps, OFFICER, m1, RETURN);
    // Act
    const m2 = await correct(
      sys,
      LUND,
      m1,
      requisitionForm(LUND, { kind: "model-extra", amount: 1_000_000 }),
    );
    // Assess
    expect(m2.reference).toBe("SB-2022-1281-M2");
    expect(await row(sys)).toMatchObject({
      requisitioned: base(LUND),
      extraRequisitionId: m2.id,
      modelExtraRequisitioned: 1_000_000,
      modelExtraRemaining: extra(LUND) - 1_000_000,
    });
    expect(await drift(sys)).toEqual([]);
  });

  it.each([
    ["awaiting-original", (sys: FakeSystem) => requisition(sys, LUND)],
    ["original-rejected", (sys: FakeSystem) => rejectedOriginal(sys, LUND)],
    ["received", (sys: FakeSystem) => received(sys, LUND)],
    ["approved", (sys: FakeSystem) => approved(sys, LUND)],
    ["paid", (sys: FakeSystem) => paid(sys, LUND)],
    [
      "refused",
      async (sys: FakeSystem) => {
        const id = await received(sys, LUND);
        await decide(sys.officerDeps, OFFICER, id, { decision: "refuse", reason: "Fel kommun." });
        return id;
      },
    ],
  ] as const)(
    "refuses to correct a %s submission (409 NOT_RETURNED) and writes nothing",
    async (_state, make) => {
      // Prepare
      const sys = fakeSystem();
      const id = await make(sys);
      const before = await snapshot(sys);
      // Act
      const corrected = await failure(correct(sys, LUND, id, lower(1_000_000)));
      // Assess
      expect(corrected).toMatchObject({ status: 409, code: "NOT_RETURNED" });
      expect(await snapshot(sys)).toEqual(before);
    },
  );

  it("corrects once: the replaced version answers ALREADY_REPLACED, its replacement NOT_RETURNED", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND);
    const r2 = await correct(sys, LUND, r1, lower(1_000_000));
    const before = await snapshot(sys);
    // Act
    const again = await failure(correct(sys, LUND, r1, lower(900_000)));
    const ofTheCorrection = await failure(correct(sys, LUND, r2.id, lower(900_000)));
    // Assess
    expect(again).toMatchObject({ status: 409, code: "ALREADY_REPLACED" });
    expect(ofTheCorrection).toMatchObject({ status: 409, code: "NOT_RETURNED" });
    expect(await snapshot(sys)).toEqual(before);
  });

  it("two corrections at once: one replaces, the other gets ALREADY_REPLACED, and one reservation is held", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND);
    // Act
    const outcomes = await Promise.allSettled([
      correct(sys, LUND, r1, lower(1_100_000)),
      correct(sys, LUND, r1, lower(1_200_000)),
    ]);
    // Assess
    const won = outcomes.find((o) => o.status === "fulfilled");
    const lost = outcomes.find((o) => o.status === "rejected");
    expect(lost?.status === "rejected" ? lost.reason : undefined).toMatchObject({ code: "ALREADY_REPLACED" });
    const winner =
      won?.status === "fulfilled" ? await sys.submissions.getSubmission(won.value.id) : undefined;
    expect(await row(sys)).toMatchObject({ baseRequisitionId: winner?.id, requisitioned: winner?.amount });
    const all = await sys.submissions.listSubmissions({ programmeId: programme.id });
    expect(all.map((s) => s.status).sort()).toEqual(["awaiting-original", "replaced"]);
    expect(await drift(sys)).toEqual([]);
  });

  it("only the municipality that owns it may correct it (403), and an unknown one is 404", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND);
    // Act
    const foreign = await failure(correct(sys, MALMO, r1, requisitionForm(MALMO)));
    const unknown = await failure(correct(sys, LUND, "5b1f3a52-6f0e-4c4e-9a53-1f2f0b1c2d3e", lower(1)));
    // Assess
    expect(foreign).toMatchObject({ status: 403 });
    expect(unknown).toMatchObject({ status: 404 });
    expect(await statusOf(sys, r1)).toBe("returned");
  });

  it("a corrected version is for the same part of the grant (400 CORRECTION_KIND_MISMATCH)", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND);
    // Act
    const corrected = await failure(correct(sys, LUND, r1, requisitionForm(LUND, { kind: "model-extra" })));
    // Assess
    expect(corrected).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ code: "CORRECTION_KIND_MISMATCH" })]),
    });
    expect(await statusOf(sys, r1)).toBe("returned");
  });
});

describe("corrections and the requisition deadline", () => {
  it("may raise the amount up to and including the deadline day", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND, { amount: 1_000_000 });
    sys.clock.set(`${DEADLINE}T21:00:00.000Z`);
    // Act
    const r2 = await correct(sys, LUND, r1, lower(1_200_000));
    // Assess
    expect(await row(sys)).toMatchObject({ baseRequisitionId: r2.id, requisitioned: 1_200_000 });
  });

  it("refuses a raise after the effective deadline even before the daily job marked the lapse (409 DEADLINE_PASSED)", async () => {
    // Prepare: just past midnight in Stockholm, the daily job has not run.
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND, { amount: 1_000_000 });
    sys.clock.set(`${DEADLINE}T23:05:00.000Z`);
    const before = await snapshot(sys);
    // Act
    const raised = await failure(correct(sys, LUND, r1, lower(1_000_001)));
    // Assess
    expect(before.row?.lapsedAt).toBeUndefined();
    expect(raised).toMatchObject({ status: 409, code: "DEADLINE_PASSED" });
    expect(await snapshot(sys)).toEqual(before);
  });

  it("refuses a raise after the lapse was marked too", async () => {
    // Prepare
    const sys = fakeSystem();
    await open(sys);
    const r1 = await returned(sys, LUND, { amount: 1_000_000 });
    await daily(sys, "2022-12-02");
    // Act
    const raised = await failure(correct(sys, LUND, r1, lower(1_000_001)));
    // Assess
    expect(raised).toMatchObject({ status: 409, code: "DEADLINE_PASSED" });
    expect(await statusOf(sys, r1)).toBe("returned");
  });

  it("may lower the amount after the deadline before the lapse is marked: the daily job then lets the released part lapse", async () => {
    // Prepare
    const sys = fakeSystem();
    await open(sys);
    const r1 = await returned(sys, LUND);
    sys.clock.set("2022-12-02T08:00:00.000Z");
    // Act
    const r2 = await correct(sys, LUND, r1, lower(1_000_000));
    await daily(sys, "2022-12-02");
    // Assess
    expect(await row(sys)).toMatchObject({
      baseRequisitionId: r2.id,
      requisitioned: 1_000_000,
      lapsedAmount: base(LUND) - 1_000_000 + extra(LUND),
    });
    expect((await lund(sys))?.notYetRequisitioned).toBe(0);
    expect(await drift(sys)).toEqual([]);
  });

  it("may lower the amount after the lapse was marked: the released part lapses at once", async () => {
    // Prepare
    const sys = fakeSystem();
    await open(sys);
    const r1 = await returned(sys, LUND);
    await daily(sys, "2022-12-02");
    const marked = await row(sys);
    // Act
    await correct(sys, LUND, r1, lower(1_000_000));
    // Assess
    expect(marked?.lapsedAmount).toBe(extra(LUND));
    expect(await row(sys)).toMatchObject({
      requisitioned: 1_000_000,
      remaining: base(LUND) - 1_000_000,
      lapsedAmount: extra(LUND) + base(LUND) - 1_000_000,
    });
    expect((await lund(sys))?.notYetRequisitioned).toBe(0);
    expect(await drift(sys)).toEqual([]);
  });

  it("the daily job lapsing a returned requisition and its correction racing: exactly one happens", async () => {
    // Prepare
    const sys = fakeSystem();
    await open(sys);
    const r1 = await returned(sys, LUND);
    // Act
    const [job, correction] = await Promise.allSettled([
      daily(sys, "2022-12-16"),
      correct(sys, LUND, r1, lower(1_000_000)),
    ]);
    // Assess
    expect(job.status).toBe("fulfilled");
    const status = await statusOf(sys, r1);
    expect(status === "lapsed" ? "rejected" : "fulfilled").toBe(correction.status);
    expect(["lapsed", "replaced"]).toContain(status);
    expect(await drift(sys)).toEqual([]);
  });

  // Bug: the signature may not be dated after the requisition deadline (validateRequisition with
  // the programme's deadline), so a correction made honestly within the grace period, signed the
  // day it is sent, is refused with SIGNATURE_AFTER_DEADLINE: the municipality must backdate it.
  it("accepts a correction within the grace period signed on the day it is sent", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND);
    sys.clock.set("2022-12-05T10:00:00.000Z");
    // Act
    const r2 = await correct(sys, LUND, r1, lower(1_000_000, "2022-12-05"));
    // Assess
    expect(await statusOf(sys, r2.id)).toBe("awaiting-original");
  });

  // Bug: the grace period is enforced only by the daily job's lapse. The deadline is checked by
  // the correction itself "whether or not the daily job has marked it yet"; the end of the grace
  // period is not, so a correction sent after it, before the day's job has run, still replaces
  // the returned requisition and keeps its reservation alive.
  it("refuses a correction after the grace period even before the daily job lapsed the requisition", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND);
    sys.clock.set(`${GRACE_ENDS}T23:30:00.000Z`);
    // Act
    const corrected = await failure(correct(sys, LUND, r1, lower(1_000_000)));
    // Assess
    expect(corrected).toMatchObject({ status: 409 });
    expect(await statusOf(sys, r1)).toBe("returned");
  });
});

describe("corrections void what the returned version still had open", () => {
  it("voids an officer's request the returned version never filled", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND, { bankStatement: true });
    // Act
    await correct(sys, LUND, r1, lower(1_000_000));
    // Assess
    const statements = (await sys.submissions.getSubmissionDetail(r1))?.attachments.filter(
      (a) => a.type === "bank-statement",
    );
    expect(statements?.map((a) => a.status)).toEqual(["void"]);
  });

  it("voids an open upload slot: a file landing in it afterwards is quarantined and settles nowhere", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND, { bankStatement: true });
    const slot = await requestUpload(sys.submissionDeps, LUND, r1, "bank-statement");
    await correct(sys, LUND, r1, lower(1_000_000));
    const key = (await sys.submissions.getAttachment(r1, slot.attachmentId))?.key ?? "";
    // Act
    const { etag } = sys.files.upload(key, PDF);
    const checked = await checkUpload(sys.uploadCheckDeps, { key, etag });
    // Assess
    expect(checked).toBe("quarantined");
    expect((await sys.submissions.getAttachment(r1, slot.attachmentId))?.status).toBe("void");
    expect(await statusOf(sys, r1)).toBe("replaced");
  });

  it("the officer's request carries over: the corrected version may upload the bank statement", async () => {
    // Prepare
    const sys = fakeSystem();
    const r1 = await returned(sys, LUND, { bankStatement: true });
    const r2 = await correct(sys, LUND, r1, lower(1_000_000));
    // Act
    const slot = await requestUpload(sys.submissionDeps, LUND, r2.id, "bank-statement");
    // Assess
    expect(await sys.submissions.getAttachment(r2.id, slot.attachmentId)).toMatchObject({
      type: "bank-statement",
      status: "pending",
    });
  });
});

describe("report corrections are reconciled like reports", () => {
  /** Lund paid its own share, reported with 1 200 000 kr of costs, and the report was returned. */
  async function returnedReport(sys: FakeSystem) {
    await paid(sys, LUND);
    sys.clock.set("2023-03-01T10:00:00.000Z");
    const e1 = await receive(sys, await report(sys, LUND, 1_200_000));
    await decide(sys.officerDeps, OFFICER, e1, RETURN);
    return e1;
  }

  it("refuses a corrected report whose paid and received sums contradict the payments on record", async () => {
    // Prepare
    const sys = fakeSystem();
    const e1 = await returnedReport(sys);
    const form = await reportForm(sys, LUND, 0);
    form.grant.totalPaid = 1_000_000;
    form.accounting = { ...form.accounting, received: 1_000_000, costs: 1_000_000, unspent: 0 };
    const before = await snapshot(sys);
    // Act
    const corrected = await failure(correct(sys, LUND, e1, form));
    // Assess
    expect(corrected).toMatchObject({ status: 400 });
    const codes = (corrected as { errors: { code: string }[] }).errors.map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(["TOTAL_PAID_NOT_AS_RECORDED", "RECEIVED_NOT_AS_RECORDED"]));
    expect(await snapshot(sys)).toEqual(before);
  });

  it("refuses a corrected report that would owe less than has already been repaid, and changes nothing", async () => {
    // Prepare: 100 000 kr repaid against the returned report; the correction would owe 50 000 kr
    const sys = fakeSystem();
    const e1 = await returnedReport(sys);
    await repayWithFourEyes(sys.officerDeps, OFFICER, programme.id, {
      kommunkod: LUND.kommunkod,
      amount: 100_000,
      date: "2023-03-01",
    });
    const before = await snapshot(sys);
    // Act
    const corrected = await failure(correct(sys, LUND, e1, await reportForm(sys, LUND, base(LUND) - 50_000)));
    // Assess
    expect(corrected).toMatchObject({ status: 409, code: "REPAID_EXCEEDS_DUE" });
    expect(await snapshot(sys)).toEqual(before);
    expect(await drift(sys)).toEqual([]);
  });

  it("computes what is due from the payments and the corrected costs, and bounds repayments by it", async () => {
    // Prepare
    const sys = fakeSystem();
    const e1 = await returnedReport(sys);
    // Act
    const e2 = await correct(sys, LUND, e1, await reportForm(sys, LUND, 1_400_000));
    const tooMuch = await failure(
      repayWithFourEyes(sys.officerDeps, OFFICER, programme.id, {
        kommunkod: LUND.kommunkod,
        amount: base(LUND) - 1_400_000 + 1,
        date: "2023-03-01",
      }),
    );
    // Assess
    expect(e2.reference).toBe("SB-2022-1281-E2");
    expect(await sys.submissions.getSubmission(e2.id)).toMatchObject({ unspent: base(LUND) - 1_400_000 });
    expect(await row(sys)).toMatchObject({ reportId: e2.id, repaymentDue: base(LUND) - 1_400_000 });
    expect(tooMuch).toMatchObject({ code: "REPAYMENT_EXCEEDS_DUE" });
    expect(await drift(sys)).toEqual([]);
  });

  /**
   * Lund's own share is paid and its model extra approved but not yet paid. A payment that lands
   * between a report's read of the ledger and its write must fail the write: the report would
   * otherwise contradict the payments on record.
   */
  async function paymentLandsAfterTheRead(sys: FakeSystem) {
    await paid(sys, LUND);
    const extraId = await approved(sys, LUND, { kind: "model-extra" });
    sys.clock.set("2023-03-01T10:00:00.000Z");
    const read = sys.submissions.getAllocation.bind(sys.submissions);
    return {
      arm: () =>
        vi.spyOn(sys.submissions, "getAllocation").mockImplementationOnce(async (programmeId, kommunkod) => {
          const seen = await read(programmeId, kommunkod);
          await payWithFourEyes(sys.officerDeps, OFFICER, extraId, {
            paidOn: "2023-03-01",
            amount: extra(LUND),
          });
          return seen;
        }),
    };
  }

  it("a first report racing a payment is refused (409 LEDGER_CHANGED)", async () => {
    // Prepare
    const sys = fakeSystem();
    const race = await paymentLandsAfterTheRead(sys);
    const form = await reportForm(sys, LUND, 1_200_000);
    race.arm();
    // Act
    const reported = await failure(submitReport(sys.submissionDeps, LUND, programme.id, form));
    // Assess
    expect(reported).toMatchObject({ status: 409, code: "LEDGER_CHANGED" });
    expect((await row(sys))?.reportId).toBeUndefined();
  });

  // Bug: replaceSubmission's ledger condition for a report is only `reportId = :old`; unlike
  // createReport it does not require the payments on record to be those the correction was
  // reconciled with, so a payment landing meanwhile leaves a report that contradicts them.
  it("a report correction racing a payment is refused like a first report (409 LEDGER_CHANGED)", async () => {
    // Prepare
    const sys = fakeSystem();
    const race = await paymentLandsAfterTheRead(sys);
    const e1 = await receive(sys, await report(sys, LUND, 1_200_000));
    await decide(sys.officerDeps, OFFICER, e1, RETURN);
    const form = await reportForm(sys, LUND, 1_200_000);
    race.arm();
    // Act
    const corrected = await failure(correct(sys, LUND, e1, form));
    // Assess
    expect(corrected).toMatchObject({ status: 409, code: "LEDGER_CHANGED" });
    expect(await statusOf(sys, e1)).toBe("returned");
  });
});
