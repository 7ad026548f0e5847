import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../../shared/auth/principal.ts";
import { addDays } from "../../../shared/dates.ts";
import { reminderSettings } from "../../../shared/deadlines/reminder-settings.ts";
import { attestRepayment, proposeRepayment } from "../../../shared/officer/repayments.ts";
import { reconcileProgramme } from "../../../shared/reconciliation/run.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { ATTESTANT } from "../../helpers/four-eyes.ts";
import {
  base,
  daily,
  failure,
  LUND,
  MALMO,
  OFFICER,
  open,
  paid,
  programme,
  report,
  SECOND_OFFICER,
} from "../submissions/scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

const TODAY = "2022-06-01";
const row = (sys: FakeSystem, kommunkod = LUND.kommunkod) =>
  sys.submissions.getAllocation(programme.id, kommunkod);

/** Lund paid in full, then reports with `costs`: what it owes back is paid − costs. */
async function reported(sys: FakeSystem, costs: number) {
  await paid(sys, LUND);
  sys.clock.set("2023-03-01T10:00:00.000Z");
  return report(sys, LUND, costs);
}

const propose = (
  sys: FakeSystem,
  amount: number,
  key?: string,
  kommunkod = LUND.kommunkod,
  date = "2023-03-01",
  who: Principal = OFFICER,
) => proposeRepayment(sys.officerDeps, who, programme.id, { kommunkod, amount, date }, key);
const attest = (sys: FakeSystem, id: string, who: Principal = ATTESTANT, kommunkod = LUND.kommunkod) =>
  attestRepayment(sys.officerDeps, who, programme.id, { kommunkod, id });

/** Proposed by OFFICER, attested by ATTESTANT: what counts as repaid. */
async function repay(
  sys: FakeSystem,
  amount: number,
  key?: string,
  kommunkod = LUND.kommunkod,
  date = "2023-03-01",
) {
  const proposed = await propose(sys, amount, key, kommunkod, date);
  return proposed.replayed ? proposed : attest(sys, proposed.repayment.id, ATTESTANT, kommunkod);
}

describe("repayment: bounded by what is due", () => {
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
      errors: [expect.objectContaining({ code: "UNKNOWN_RECIPIENT" })],
    });
    expect((await row(sys))?.repaid).toBeUndefined();
  });
});

describe("repayment: idempotent and safe under races", () => {
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
      propose(sys, 100_000, "double-click"),
      propose(sys, 100_000, "double-click"),
    ]);
    await attest(sys, a.repayment.id);
    // Assess
    expect(a.repayment.id).toBe(b.repayment.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await row(sys)).toMatchObject({ repaid: 100_000, repaymentProposed: 0 });
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

describe("four eyes on a repayment: proposed by one officer, attested by another", () => {
  it("a proposed repayment is not repaid: it shows as proposed until an attestant attests it", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    // Act
    const proposed = await propose(sys, 100_000);
    const before = await row(sys);
    const attested = await attest(sys, proposed.repayment.id);
    // Assess
    expect(proposed).toMatchObject({ repaid: 0, proposed: 100_000, repayment: { status: "proposed" } });
    expect(before).toMatchObject({ repaymentProposed: 100_000 });
    expect(before?.repaid).toBeUndefined();
    expect(attested).toMatchObject({
      repaid: 100_000,
      proposed: 0,
      repayment: { status: "attested", attestedBy: { sub: ATTESTANT.sub }, proposedBy: { sub: OFFICER.sub } },
    });
    expect(await row(sys)).toMatchObject({ repaid: 100_000, repaymentProposed: 0 });
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });

  it("the proposer cannot attest it (403 ATTESTANT_IS_PROPOSER) and a plain officer may not (403 ROLE_REQUIRED)", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    const proposed = await propose(sys, 100_000, undefined, LUND.kommunkod, "2023-03-01", ATTESTANT);
    // Act
    const own = await failure(attest(sys, proposed.repayment.id, ATTESTANT));
    const plain = await failure(attest(sys, proposed.repayment.id, SECOND_OFFICER));
    // Assess
    expect(own).toMatchObject({ status: 403, code: "ATTESTANT_IS_PROPOSER" });
    expect(plain).toMatchObject({ status: 403, code: "ROLE_REQUIRED" });
    expect((await row(sys))?.repaid).toBeUndefined();
  });

  it("an attestation replayed, or of a repayment never proposed, records nothing (409)", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    const proposed = await propose(sys, 100_000);
    await attest(sys, proposed.repayment.id);
    // Act
    const replay = await failure(attest(sys, proposed.repayment.id));
    const unknown = await failure(attest(sys, "no-such-repayment"));
    // Assess
    expect(replay).toMatchObject({ status: 409, code: "REPAYMENT_ALREADY_ATTESTED" });
    expect(unknown).toMatchObject({ status: 409, code: "REPAYMENT_NOT_PROPOSED" });
    expect(await row(sys)).toMatchObject({ repaid: 100_000 });
  });

  it("two proposals that fit alone but not together: the second attestation is refused (409 REPAYMENT_EXCEEDS_DUE)", async () => {
    // Prepare
    const sys = fakeSystem();
    await reported(sys, 1_200_000);
    const due = base(LUND) - 1_200_000;
    const a = await propose(sys, due - 1, "a");
    const b = await propose(sys, due - 1, "b", LUND.kommunkod, "2023-03-01", SECOND_OFFICER);
    // Act
    await attest(sys, a.repayment.id);
    const second = await failure(attest(sys, b.repayment.id));
    // Assess
    expect(second).toMatchObject({ status: 409, code: "REPAYMENT_EXCEEDS_DUE" });
    expect(await row(sys)).toMatchObject({ repaid: due - 1 });
  });
});
