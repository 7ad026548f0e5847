import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../shared/dates.ts";
import { reminderSettings } from "../../../shared/deadlines/reminder-settings.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import { recordPayment, recordRepayment } from "../../../shared/officer/payments.ts";
import { reconcileProgramme } from "../../../shared/reconciliation/run.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import {
  approved,
  base,
  daily,
  failure,
  LUND,
  MALMO,
  OFFICER,
  open,
  paid,
  programme,
  receive,
  received,
  register,
  rejectedOriginal,
  report,
  requisition,
  returned,
  SECOND_OFFICER,
  statusOf,
} from "../submissions/scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

const TODAY = "2022-06-01";
const pay = (sys: FakeSystem, id: string, amount: number, paidOn = TODAY, who = OFFICER) =>
  recordPayment(sys.officerDeps, who, id, { paidOn, amount });
const row = (sys: FakeSystem, kommunkod = LUND.kommunkod) =>
  sys.submissions.getAllocation(programme.id, kommunkod);
const mailsAbout = (sys: FakeSystem, id: string, topic: string) =>
  sys.world.queued().filter((m) => m.submissionId === id && m.topic === topic);

describe("recordPayment: approved → paid, at most the approved amount, once", () => {
  it("records the payment on an approved requisition and adds it to the municipality's ledger", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    // Act
    const answer = await pay(sys, id, base(LUND));
    // Assess
    const stored = await sys.submissions.getSubmission(id);
    expect(stored).toEqual(answer);
    expect(stored).toMatchObject({
      status: "paid",
      payment: { paidOn: TODAY, amount: base(LUND), recordedBy: { sub: OFFICER.sub, kind: "officer" } },
    });
    expect(await row(sys)).toMatchObject({ paid: base(LUND), lastPaidOn: TODAY });
    expect(sys.world.auditOf(id).at(-1)).toMatchObject({
      action: "payment.recorded",
      details: { paidOn: TODAY, amount: base(LUND) },
    });
  });

  it("may pay less than was approved", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    // Act
    await pay(sys, id, 1_000_000);
    // Assess
    expect(await row(sys)).toMatchObject({ paid: 1_000_000 });
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });

  it.each([
    ["awaiting-original", (sys: FakeSystem) => requisition(sys, LUND)],
    ["original-rejected", (sys: FakeSystem) => rejectedOriginal(sys, LUND)],
    ["received", (sys: FakeSystem) => received(sys, LUND)],
    ["returned", (sys: FakeSystem) => returned(sys, LUND)],
    [
      "refused",
      async (sys: FakeSystem) => {
        const id = await received(sys, LUND);
        await decide(sys.officerDeps, OFFICER, id, { decision: "refuse", reason: "Fel kommun." });
        return id;
      },
    ],
  ] as const)(
    "refuses a payment on a %s requisition (409 PAYMENT_NOT_ALLOWED) and pays nothing",
    async (_state, make) => {
      // Prepare
      const sys = fakeSystem();
      const id = await make(sys);
      const before = await sys.submissions.getSubmission(id);
      // Act
      const paying = await failure(pay(sys, id, 1));
      // Assess
      expect(paying).toMatchObject({ status: 409, code: "PAYMENT_NOT_ALLOWED" });
      expect(await sys.submissions.getSubmission(id)).toEqual(before);
      expect((await row(sys))?.paid).toBeUndefined();
      expect(mailsAbout(sys, id, "payment")).toEqual([]);
    },
  );

  it("pays requisitions only: an approved report cannot be paid", async () => {
    // Prepare
    const sys = fakeSystem();
    await paid(sys, LUND);
    sys.clock.set("2023-03-01T10:00:00.000Z");
    const id = await receive(sys, await report(sys, LUND, 1_200_000));
    await decide(sys.officerDeps, OFFICER, id, { decision: "approve" });
    // Act
    const paying = await failure(pay(sys, id, 1, "2023-03-01"));
    // Assess
    expect(paying).toMatchObject({ status: 409, code: "PAYMENT_NOT_ALLOWED" });
    expect(await row(sys)).toMatchObject({ paid: base(LUND) });
  });

  it("refuses more than the approved amount (400 AMOUNT_EXCEEDS_REQUISITION), leaving it approved", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND, { amount: 1_000_000 });
    // Act
    const paying = await failure(pay(sys, id, 1_000_001));
    // Assess
    expect(paying).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: "amount", code: "AMOUNT_EXCEEDS_REQUISITION" })],
    });
    expect(await statusOf(sys, id)).toBe("approved");
    expect((await row(sys))?.paid).toBeUndefined();
  });

  it("pays once: a second payment is refused (409 PAYMENT_ALREADY_RECORDED) and not added", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    await pay(sys, id, 1_000_000);
    // Act
    const again = await failure(pay(sys, id, 1_000_000));
    // Assess
    expect(again).toMatchObject({ status: 409, code: "PAYMENT_ALREADY_RECORDED" });
    expect(await row(sys)).toMatchObject({ paid: 1_000_000 });
  });

  it("two officers paying at once: one payment is recorded, the other gets 409, the money is counted once", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    // Act
    const outcomes = await Promise.allSettled([
      pay(sys, id, base(LUND), TODAY, OFFICER),
      pay(sys, id, base(LUND), TODAY, SECOND_OFFICER),
    ]);
    // Assess
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = outcomes.find((o) => o.status === "rejected");
    expect(lost?.status === "rejected" ? lost.reason : undefined).toMatchObject({ status: 409 });
    expect(await row(sys)).toMatchObject({ paid: base(LUND) });
    expect(sys.world.auditOf(id).filter((e) => e.action === "payment.recorded")).toHaveLength(1);
    expect(mailsAbout(sys, id, "payment")).toHaveLength(1);
  });

  it("refuses a payment dated after today in Stockholm, and accepts today even when it is still yesterday in UTC", async () => {
    // Prepare: 22:30 UTC on 1 June is 00:30 on 2 June in Stockholm.
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    sys.clock.set("2022-06-01T22:30:00.000Z");
    // Act
    const tomorrow = await failure(pay(sys, id, 1, "2022-06-03"));
    await pay(sys, id, 1, "2022-06-02");
    // Assess
    expect(tomorrow).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: "paidOn", code: "DATE_IN_FUTURE" })],
    });
    expect(await row(sys)).toMatchObject({ paid: 1, lastPaidOn: "2022-06-02" });
  });

  it.each([
    ["a zero amount", { paidOn: TODAY, amount: 0 }],
    ["öre", { paidOn: TODAY, amount: 10.5 }],
    ["a date that is not one", { paidOn: "2022-02-30", amount: 1 }],
    ["an extra field", { paidOn: TODAY, amount: 1, status: "paid" }],
  ])("answers 400 for %s", async (_what, body) => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    // Act
    const paying = await failure(recordPayment(sys.officerDeps, OFFICER, id, body));
    // Assess
    expect(paying).toMatchObject({ status: 400 });
    expect(await statusOf(sys, id)).toBe("approved");
  });

  it("mails the payment to the municipality: the register's addresses and the submitter", async () => {
    // Prepare
    const sys = fakeSystem();
    register(sys, LUND, "registrator@lund.example", "kontakt@lund.example");
    const id = await approved(sys, LUND);
    // Act
    await pay(sys, id, base(LUND));
    // Assess
    const mails = mailsAbout(sys, id, "payment");
    expect(mails).toHaveLength(1);
    expect([...(mails[0]?.to ?? [])].sort()).toEqual(
      ["registrator@lund.example", "kontakt@lund.example", LUND.email].sort(),
    );
  });
});

/** Lund paid in full, then reports with `costs`: what it owes back is paid − costs. */
async function reported(sys: FakeSystem, costs: number) {
  await paid(sys, LUND);
  sys.clock.set("2023-03-01T10:00:00.000Z");
  return report(sys, LUND, costs);
}

const repay = (
  sys: FakeSystem,
  amount: number,
  key?: string,
  kommunkod = LUND.kommunkod,
  date = "2023-03-01",
) => recordRepayment(sys.officerDeps, OFFICER, programme.id, { kommunkod, amount, date }, key);

describe("recordRepayment: bounded by what is due", () => {
  it("records repayments up to what the report leaves unspent, and refuses a krona more (409 REPAYMENT_EXCEEDS_DUE)", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    const due = base(LUND) - 1_200_000;
    // Act
    const tooMuch = await failure(repay(sys, due + 1));
    const first = await repay(sys, 100_000);
    const rest = await repay(sys, due - 100_000);
    const more = await failure(repay(sys, 1));
    // Assess
    expect(tooMuch).toMatchObject({ status: 409, code: "REPAYMENT_EXCEEDS_DUE" });
    expect(first).toMatchObject({
      replayed: false,
      repaid: 100_000,
      repaymentDue: due,
      outstanding: due - 100_000,
    });
    expect(rest).toMatchObject({ replayed: false, repaid: due, outstanding: 0 });
    expect(more).toMatchObject({ status: 409, code: "REPAYMENT_EXCEEDS_DUE" });
    expect(await row(sys)).toMatchObject({ repaid: due, lastRepaidOn: "2023-03-01" });
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });

  it("refuses a repayment when nothing is due (409 NOTHING_TO_REPAY): no report, or a report with nothing unspent", async () => {
    // Prepare
    const sys = fakeSystem();
    await paid(sys, LUND);
    sys.clock.set("2023-03-01T10:00:00.000Z");
    const beforeReport = await failure(repay(sys, 1));
    await report(sys, LUND, base(LUND));
    // Act
    const afterReport = await failure(repay(sys, 1));
    const neverRequisitioned = await failure(repay(sys, 1, undefined, MALMO.kommunkod));
    // Assess
    expect(beforeReport).toMatchObject({ status: 409, code: "NOTHING_TO_REPAY" });
    expect(afterReport).toMatchObject({ status: 409, code: "NOTHING_TO_REPAY" });
    expect(neverRequisitioned).toMatchObject({ status: 409, code: "NOTHING_TO_REPAY" });
    expect((await row(sys))?.repaid).toBeUndefined();
  });

  it("a municipality listed for reclaim without a report owes everything it was paid", async () => {
    // Prepare
    const sys = fakeSystem();
    await open(sys);
    await paid(sys, LUND, { paid: 1_000_000 });
    const last = Math.max(...reminderSettings(programme).daysAfterReportDeadline);
    await daily(sys, addDays(programme.deadlines.report ?? "", last + 1));
    const listed = await row(sys);
    // Act
    const tooMuch = await failure(repay(sys, 1_000_001, undefined, LUND.kommunkod, TODAY));
    const all = await repay(sys, 1_000_000, undefined, LUND.kommunkod, TODAY);
    // Assess
    expect(listed?.reclaimListedAt).toBeDefined();
    expect(listed?.reportId).toBeUndefined();
    expect(tooMuch).toMatchObject({ status: 409, code: "REPAYMENT_EXCEEDS_DUE" });
    expect(all).toMatchObject({ repaid: 1_000_000, repaymentDue: 1_000_000, outstanding: 0 });
  });

  it("refuses a repayment dated after today and one for a municipality without an allocation (400)", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    // Act
    const future = await failure(repay(sys, 1, undefined, LUND.kommunkod, "2023-03-02"));
    const foreign = await failure(repay(sys, 1, undefined, "9999"));
    // Assess
    expect(future).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "DATE_IN_FUTURE" })],
    });
    expect(foreign).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "UNKNOWN_MUNICIPALITY" })],
    });
    expect((await row(sys))?.repaid).toBeUndefined();
  });
});

describe("recordRepayment: idempotent and safe under races", () => {
  it("a replay with the same Idempotency-Key records nothing new and answers with the first repayment", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    const first = await repay(sys, 100_000, "bank-2023-03-01-1");
    // Act
    const replay = await repay(sys, 100_000, "bank-2023-03-01-1");
    const other = await repay(sys, 100_000, "bank-2023-03-01-2");
    // Assess
    expect(first.replayed).toBe(false);
    expect(replay).toMatchObject({ replayed: true, repaid: 100_000 });
    expect(replay.repayment).toEqual(first.repayment);
    expect(other).toMatchObject({ replayed: false, repaid: 200_000 });
    expect(await row(sys)).toMatchObject({ repaid: 200_000 });
  });

  it("a replay still answers once the whole due is repaid, instead of NOTHING_TO_REPAY or EXCEEDS_DUE", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    const due = base(LUND) - 1_200_000;
    await repay(sys, due, "all-of-it");
    // Act
    const replay = await repay(sys, due, "all-of-it");
    // Assess
    expect(replay).toMatchObject({ replayed: true, repaid: due, outstanding: 0 });
  });

  it("the same Idempotency-Key sent twice at once records the repayment once", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    // Act
    const [a, b] = await Promise.all([
      repay(sys, 100_000, "double-click"),
      repay(sys, 100_000, "double-click"),
    ]);
    // Assess
    expect(a.repayment.id).toBe(b.repayment.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await row(sys)).toMatchObject({ repaid: 100_000 });
  });

  it("two repayments at once that together exceed the due: one is recorded, the other refused", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    const due = base(LUND) - 1_200_000;
    // Act
    const outcomes = await Promise.allSettled([repay(sys, due - 1, "a"), repay(sys, due - 1, "b")]);
    // Assess
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = outcomes.find((o) => o.status === "rejected");
    expect(lost?.status === "rejected" ? lost.reason : undefined).toMatchObject({
      code: "REPAYMENT_EXCEEDS_DUE",
    });
    expect(await row(sys)).toMatchObject({ repaid: due - 1 });
  });

  // Answering the first ("replayed") would let the officer believe 250 000 kr was recorded.
  it("refuses a different repayment under a used Idempotency-Key (409 IDEMPOTENCY_KEY_REUSED)", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    await repay(sys, 100_000, "bank-2023-03-01-1");
    // Act
    const different = await failure(repay(sys, 250_000, "bank-2023-03-01-1"));
    // Assess
    expect(different).toMatchObject({ status: 409, code: "IDEMPOTENCY_KEY_REUSED" });
  });
});
