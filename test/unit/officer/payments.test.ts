import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../../shared/auth/principal.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import { attestPayment, proposePayment } from "../../../shared/officer/payments.ts";
import { programmeExport, programmeOverview } from "../../../shared/officer/reporting.ts";
import { reconcileProgramme } from "../../../shared/reconciliation/run.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { ATTESTANT, payWithFourEyes } from "../../helpers/four-eyes.ts";
import {
  approved,
  base,
  failure,
  LUND,
  MALMO,
  OFFICER,
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
  payWithFourEyes(sys.officerDeps, who, id, { paidOn, amount });
const propose = (sys: FakeSystem, id: string, amount: number, who: Principal = OFFICER) =>
  proposePayment(sys.officerDeps, who, id, { paidOn: TODAY, amount });
const attest = (sys: FakeSystem, id: string, proposalId: string | undefined, who: Principal = ATTESTANT) =>
  attestPayment(sys.officerDeps, who, id, { proposalId });
const row = (sys: FakeSystem, kommunkod = LUND.kommunkod) =>
  sys.submissions.getAllocation(programme.id, kommunkod);
const mailsAbout = (sys: FakeSystem, id: string, topic: string) =>
  sys.world.queued().filter((m) => m.submissionId === id && m.topic === topic);

describe("payment: approved → payment-proposed → paid, at most the approved amount, once", () => {
  it("records the payment on an approved requisition, proposed and attested, and adds it to the municipality's ledger", async () => {
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
      payment: {
        paidOn: TODAY,
        amount: base(LUND),
        proposedBy: { sub: OFFICER.sub, kind: "officer" },
        attestedBy: { sub: ATTESTANT.sub, kind: "officer", roles: ["attestant"] },
      },
    });
    expect(stored?.paymentProposal).toBeUndefined();
    expect(await row(sys)).toMatchObject({ paid: base(LUND), lastPaidOn: TODAY });
    expect(sys.world.auditOf(id).slice(-2)).toMatchObject([
      { action: "payment.proposed", actor: { sub: OFFICER.sub }, details: { amount: base(LUND) } },
      {
        action: "payment.attested",
        actor: { sub: ATTESTANT.sub },
        details: { paidOn: TODAY, amount: base(LUND) },
      },
    ]);
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
    expect(sys.world.auditOf(id).filter((e) => e.action === "payment.attested")).toHaveLength(1);
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
    const paying = await failure(proposePayment(sys.officerDeps, OFFICER, id, body));
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

describe("four eyes on a payment: proposed by one officer, attested by another", () => {
  it("a proposal alone pays nothing: the ledger, the reconciliation and the mail wait for the attestation", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    // Act
    const proposed = await propose(sys, id, base(LUND));
    // Assess
    expect(proposed).toMatchObject({
      status: "payment-proposed",
      paymentProposal: { amount: base(LUND), paidOn: TODAY, proposedBy: { sub: OFFICER.sub } },
    });
    expect((await row(sys))?.paid).toBeUndefined();
    expect(mailsAbout(sys, id, "payment")).toEqual([]);
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });

  it("the proposer cannot attest their own proposal (403 ATTESTANT_IS_PROPOSER), even holding the attestant role", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND, { by: SECOND_OFFICER });
    const proposed = await propose(sys, id, base(LUND), ATTESTANT);
    // Act
    const own = await failure(attest(sys, id, proposed.paymentProposal?.id, ATTESTANT));
    // Assess
    expect(own).toMatchObject({ status: 403, code: "ATTESTANT_IS_PROPOSER" });
    expect(await statusOf(sys, id)).toBe("payment-proposed");
    expect((await row(sys))?.paid).toBeUndefined();
  });

  it("the officer who approved the requisition cannot attest its payment (403 ATTESTANT_DECIDED)", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND, { by: ATTESTANT });
    const proposed = await propose(sys, id, base(LUND), OFFICER);
    // Act
    const approver = await failure(attest(sys, id, proposed.paymentProposal?.id, ATTESTANT));
    // Assess
    expect(approver).toMatchObject({ status: 403, code: "ATTESTANT_DECIDED" });
    expect(await statusOf(sys, id)).toBe("payment-proposed");
  });

  it("only an attestant may attest (403 ROLE_REQUIRED naming the role)", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    const proposed = await propose(sys, id, base(LUND), OFFICER);
    // Act
    const plain = await failure(attest(sys, id, proposed.paymentProposal?.id, SECOND_OFFICER));
    // Assess
    expect(plain).toMatchObject({ status: 403, code: "ROLE_REQUIRED", facts: { role: "attestant" } });
    expect((plain as { userMessage: { sv: string } }).userMessage.sv).toContain("attestant");
    expect(await statusOf(sys, id)).toBe("payment-proposed");
  });

  it("attesting before any proposal is refused (409 PAYMENT_NOT_PROPOSED)", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    // Act
    const early = await failure(attest(sys, id, "made-up"));
    // Assess
    expect(early).toMatchObject({ status: 409, code: "PAYMENT_NOT_PROPOSED" });
    expect(await statusOf(sys, id)).toBe("approved");
  });

  it("a replayed attestation pays nothing more (409 PAYMENT_ALREADY_RECORDED)", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    const proposed = await propose(sys, id, base(LUND));
    await attest(sys, id, proposed.paymentProposal?.id);
    // Act
    const replay = await failure(attest(sys, id, proposed.paymentProposal?.id));
    // Assess
    expect(replay).toMatchObject({ status: 409, code: "PAYMENT_ALREADY_RECORDED" });
    expect(await row(sys)).toMatchObject({ paid: base(LUND) });
    expect(mailsAbout(sys, id, "payment")).toHaveLength(1);
  });

  it("a superseded proposal cannot be attested (409 PROPOSAL_SUPERSEDED); the current one can", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    const first = await propose(sys, id, 1_000_000);
    const second = await propose(sys, id, 900_000, SECOND_OFFICER);
    // Act
    const stale = await failure(attest(sys, id, first.paymentProposal?.id));
    const current = await attest(sys, id, second.paymentProposal?.id);
    // Assess
    expect(stale).toMatchObject({ status: 409, code: "PROPOSAL_SUPERSEDED" });
    expect(current.payment).toMatchObject({ amount: 900_000, proposedBy: { sub: SECOND_OFFICER.sub } });
    expect(await row(sys)).toMatchObject({ paid: 900_000 });
    expect(
      sys.world.auditOf(id).find((e) => e.action === "payment.proposed" && e.details.supersedes),
    ).toMatchObject({
      details: { supersedes: first.paymentProposal?.id },
    });
  });

  it("a proposal made while an attestation is in flight makes the attestation fail, never pay the old amount", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await approved(sys, LUND);
    const first = await propose(sys, id, 1_000_000);
    // Act
    const [attested, reproposed] = await Promise.allSettled([
      attest(sys, id, first.paymentProposal?.id),
      propose(sys, id, 900_000, SECOND_OFFICER),
    ]);
    // Assess: exactly one wins; the ledger holds what was attested, or nothing.
    expect([attested.status, reproposed.status].sort()).toEqual(["fulfilled", "rejected"]);
    const paidNow = (await row(sys))?.paid;
    expect(paidNow === undefined || paidNow === 1_000_000).toBe(true);
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });
});

describe("the overview and the export tell proposed from attested money", () => {
  it("counts a proposal as proposed, not paid, until it is attested", async () => {
    // Prepare
    const sys = fakeSystem();
    const lund = await approved(sys, LUND);
    const malmo = await approved(sys, MALMO);
    await propose(sys, lund, 1_000_000);
    const proposal = await propose(sys, malmo, 500_000);
    await attest(sys, malmo, proposal.paymentProposal?.id);
    // Act
    const sums = await programmeOverview(sys.officerDeps, OFFICER, programme.id);
    const { csv } = await programmeExport(sys.officerDeps, OFFICER, programme.id, "en");
    // Assess
    expect(sums.paid).toEqual({ amount: 500_000, municipalities: 1 });
    expect(sums.paymentProposed).toEqual({ amount: 1_000_000, municipalities: 1 });
    const [header = "", ...rows] = csv.replace(/^\uFEFF/, "").split("\r\n");
    const columns = header.split(";");
    const cell = (kommunkod: string, key: string) =>
      rows.find((r) => r.startsWith(`${kommunkod};`))?.split(";")[columns.indexOf(key)];
    expect([cell(LUND.kommunkod, "paid"), cell(LUND.kommunkod, "paymentProposed")]).toEqual(["0", "1000000"]);
    expect([cell(MALMO.kommunkod, "paid"), cell(MALMO.kommunkod, "paymentProposed")]).toEqual([
      "500000",
      "0",
    ]);
  });
});
