import { beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../../shared/officer/decisions.ts";
import { reconcileProgramme } from "../../../shared/reconciliation/run.ts";
import type { SubmissionStatus } from "../../../shared/submissions/model.ts";
import { requestUpload } from "../../../shared/submissions/request-upload.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import {
  approved,
  base,
  correct,
  daily,
  extra,
  failure,
  LUND,
  lapsed,
  MALMO,
  OFFICER,
  open,
  paid,
  paymentProposed,
  programme,
  receive,
  received,
  register,
  rejectedOriginal,
  report,
  requisition,
  requisitionForm,
  returned,
  SECOND_OFFICER,
  statusOf,
} from "../submissions/scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

const APPROVE = { decision: "approve" } as const;
const RETURN = { decision: "return", reason: "Kontoutdrag saknas." } as const;
const REFUSE = { decision: "refuse", reason: "Fel kommun angiven." } as const;

/** Lund's base requisition brought to each state through the use cases. */
const IN_STATE: Record<Exclude<SubmissionStatus, "received">, (sys: FakeSystem) => Promise<string>> = {
  "awaiting-original": (sys) => requisition(sys, LUND),
  "original-rejected": (sys) => rejectedOriginal(sys, LUND),
  approved: (sys) => approved(sys, LUND),
  returned: (sys) => returned(sys, LUND),
  replaced: async (sys) => {
    const id = await returned(sys, LUND);
    await correct(sys, LUND, id, requisitionForm(LUND, { amount: 1_000_000 }));
    return id;
  },
  refused: async (sys) => {
    const id = await received(sys, LUND);
    await decide(sys.officerDeps, OFFICER, id, REFUSE);
    return id;
  },
  "payment-proposed": (sys) => paymentProposed(sys, LUND),
  paid: (sys) => paid(sys, LUND),
  lapsed: (sys) => lapsed(sys, LUND),
};

/** Everything a refused decision must leave as it was. */
async function snapshot(sys: FakeSystem, id: string) {
  return {
    submission: await sys.submissions.getSubmission(id),
    attachments: (await sys.submissions.getSubmissionDetail(id))?.attachments,
    audit: sys.world.auditOf(id).length,
    mails: sys.world.mails.size,
    row: await sys.submissions.getAllocation(programme.id, LUND.kommunkod),
  };
}

const mailsAbout = (sys: FakeSystem, id: string) => sys.world.queued().filter((m) => m.submissionId === id);
const DECISION_TOPICS = ["approved", "returned", "refused"];
/** Who a mail goes to; the order is presentation (the person who acted is named first). */
const recipients = (to: readonly string[] | undefined) => [...(to ?? [])].sort();

describe("decide: only a received submission can be decided", () => {
  it.each(Object.keys(IN_STATE) as (keyof typeof IN_STATE)[])(
    "refuses to approve or return a %s submission (409 NOT_DECIDABLE) and writes nothing",
    async (state) => {
      // Prepare
      const sys = fakeSystem();
      const id = await IN_STATE[state](sys);
      const before = await snapshot(sys, id);
      // Act
      const approve = await failure(decide(sys.officerDeps, OFFICER, id, APPROVE));
      const ret = await failure(decide(sys.officerDeps, OFFICER, id, RETURN));
      // Assess
      expect(before.submission?.status).toBe(state);
      expect(approve).toMatchObject({ status: 409, code: "NOT_DECIDABLE" });
      expect(ret).toMatchObject({ status: 409, code: "NOT_DECIDABLE" });
      expect(await snapshot(sys, id)).toEqual(before);
    },
  );

  it.each([
    "awaiting-original",
    "original-rejected",
    "approved",
    "replaced",
    "refused",
    "paid",
    "lapsed",
  ] as const)("refuses to refuse a %s requisition (409) and releases nothing", async (state) => {
    // Prepare
    const sys = fakeSystem();
    const id = await IN_STATE[state](sys);
    const before = await snapshot(sys, id);
    // Act
    const refused = await failure(decide(sys.officerDeps, OFFICER, id, REFUSE));
    // Assess
    expect(refused).toMatchObject({ status: 409 });
    expect(await snapshot(sys, id)).toEqual(before);
  });

  it("answers 404 for a submission that does not exist", async () => {
    // Prepare
    const sys = fakeSystem();
    // Act
    const decided = await failure(
      decide(sys.officerDeps, OFFICER, "5b1f3a52-6f0e-4c4e-9a53-1f2f0b1c2d3e", APPROVE),
    );
    // Assess
    expect(decided).toMatchObject({ status: 404 });
  });

  it("asks for a reason to return or refuse, and for a decision it knows", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    // Act
    const noReason = await failure(decide(sys.officerDeps, OFFICER, id, { decision: "return" }));
    const blank = await failure(decide(sys.officerDeps, OFFICER, id, { decision: "refuse", reason: "  " }));
    const unknown = await failure(decide(sys.officerDeps, OFFICER, id, { decision: "pay" }));
    // Assess
    expect(noReason).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "REASON_REQUIRED" })],
    });
    expect(blank).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "REASON_REQUIRED" })],
    });
    expect(unknown).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ code: "INVALID_DECISION" })],
    });
    expect(await statusOf(sys, id)).toBe("received");
  });
});

describe("decide: approve and return", () => {
  it("approves a received requisition, recording who decided and when", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    // Act
    const answer = await decide(sys.officerDeps, OFFICER, id, APPROVE);
    // Assess
    const stored = await sys.submissions.getSubmission(id);
    expect(stored).toEqual(answer);
    expect(stored).toMatchObject({
      status: "approved",
      decision: {
        decision: "approve",
        by: { sub: OFFICER.sub, kind: "officer", email: OFFICER.email },
        at: sys.clock.now().toISOString(),
      },
    });
    expect(sys.world.auditOf(id).at(-1)).toMatchObject({ action: "submission.approved" });
  });

  it("returns a received submission with the reason, without asking for any document", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    // Act
    await decide(sys.officerDeps, OFFICER, id, RETURN);
    // Assess
    const detail = await sys.submissions.getSubmissionDetail(id);
    expect(detail?.submission).toMatchObject({ status: "returned", statusReason: RETURN.reason });
    expect(detail?.attachments.map((a) => a.type)).toEqual(["original"]);
  });

  it("a return asking for a bank statement creates the requested attachment, which the municipality may then fill", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    // Act
    await decide(sys.officerDeps, OFFICER, id, { ...RETURN, requestedAttachment: "bank-statement" });
    const requested = (await sys.submissions.getSubmissionDetail(id))?.attachments.filter(
      (a) => a.type === "bank-statement",
    );
    const slot = await requestUpload(sys.submissionDeps, LUND, id, "bank-statement");
    // Assess
    expect(requested).toEqual([
      expect.objectContaining({ submissionId: id, status: "requested", revision: 1, maxBytes: 0 }),
    ]);
    expect(slot.attachmentId).toBe(requested?.[0]?.id);
    expect((await sys.submissions.getAttachment(id, slot.attachmentId))?.status).toBe("pending");
    expect((await sys.submissions.getSubmission(id))?.decision?.requestedAttachment).toBe("bank-statement");
  });

  it("a refusal of a returned requisition voids the bank statement it asked for: nothing more can be uploaded", async () => {
    // Prepare: returned with a bank statement requested
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    await decide(sys.officerDeps, OFFICER, id, { ...RETURN, requestedAttachment: "bank-statement" });
    // Act
    await decide(sys.officerDeps, OFFICER, id, REFUSE);
    const upload = await failure(requestUpload(sys.submissionDeps, LUND, id, "bank-statement"));
    // Assess
    const statement = (await sys.submissions.getSubmissionDetail(id))?.attachments.find(
      (a) => a.type === "bank-statement",
    );
    expect(statement).toMatchObject({ status: "void" });
    expect(upload).toMatchObject({ status: 409 });
    expect(await statusOf(sys, id)).toBe("refused");
  });

  it("a return asking for a new original creates no attachment: the corrected version brings its own", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    // Act
    await decide(sys.officerDeps, OFFICER, id, { ...RETURN, requestedAttachment: "original" });
    // Assess
    const detail = await sys.submissions.getSubmissionDetail(id);
    expect(detail?.attachments).toHaveLength(1);
    expect(detail?.submission.decision?.requestedAttachment).toBe("original");
  });

  it("approves and returns reports too", async () => {
    // Prepare
    const sys = fakeSystem();
    await paid(sys, LUND);
    sys.clock.set("2023-03-01T10:00:00.000Z");
    const first = await receive(sys, await report(sys, LUND, 1_200_000));
    // Act
    await decide(sys.officerDeps, OFFICER, first, RETURN);
    // Assess
    expect(await statusOf(sys, first)).toBe("returned");
  });
});

describe("decide: refuse (avslag)", () => {
  it("refuses a received requisition and gives its reservation back, so the municipality may requisition again", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND, { amount: 1_000_000 });
    // Act
    await decide(sys.officerDeps, OFFICER, id, REFUSE);
    const again = await requisition(sys, LUND);
    // Assess
    expect(await statusOf(sys, id)).toBe("refused");
    const row = await sys.submissions.getAllocation(programme.id, LUND.kommunkod);
    expect(row).toMatchObject({ requisitioned: base(LUND), remaining: 0, baseRequisitionId: again });
    expect(row?.lapsedAmount).toBeUndefined();
  });

  // Two requisitions both SB-2022-1281-R1 would be confused on receipts, in mail and in the export.
  it("a requisition after a refusal gets a reference of its own", async () => {
    // Prepare
    const sys = fakeSystem();
    const refused = await received(sys, LUND);
    await decide(sys.officerDeps, OFFICER, refused, REFUSE);
    // Act
    const again = await requisition(sys, LUND);
    // Assess
    const [first, second] = await Promise.all([
      sys.submissions.getSubmission(refused),
      sys.submissions.getSubmission(again),
    ]);
    expect(second?.reference).not.toBe(first?.reference);
  });

  it("refuses a returned requisition too, releasing its reservation", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await returned(sys, LUND, { amount: 1_000_000 });
    // Act
    await decide(sys.officerDeps, OFFICER, id, REFUSE);
    // Assess
    expect(await sys.submissions.getSubmission(id)).toMatchObject({
      status: "refused",
      statusReason: REFUSE.reason,
      decision: { decision: "refuse", reason: REFUSE.reason },
    });
    const row = await sys.submissions.getAllocation(programme.id, LUND.kommunkod);
    expect(row).toMatchObject({ requisitioned: 0, remaining: base(LUND) });
    expect(row?.baseRequisitionId).toBeUndefined();
  });

  it("refuses only requisitions: a received report cannot be refused, and stays as it was", async () => {
    // Prepare
    const sys = fakeSystem();
    await paid(sys, LUND);
    sys.clock.set("2023-03-01T10:00:00.000Z");
    const id = await receive(sys, await report(sys, LUND, 1_200_000));
    const before = await snapshot(sys, id);
    // Act
    const refused = await failure(decide(sys.officerDeps, OFFICER, id, REFUSE));
    // Assess
    expect(refused).toMatchObject({ status: 409, code: "NOT_ALLOWED_IN_STATE" });
    expect(await snapshot(sys, id)).toEqual(before);
  });

  it("refusing the model extra releases the extra, not the municipality's own share", async () => {
    // Prepare
    const sys = fakeSystem();
    const own = await received(sys, LUND);
    const id = await received(sys, LUND, { kind: "model-extra" });
    // Act
    await decide(sys.officerDeps, OFFICER, id, REFUSE);
    // Assess
    const row = await sys.submissions.getAllocation(programme.id, LUND.kommunkod);
    expect(row).toMatchObject({
      baseRequisitionId: own,
      requisitioned: base(LUND),
      modelExtraRequisitioned: 0,
      modelExtraRemaining: extra(LUND),
    });
    expect(row?.extraRequisitionId).toBeUndefined();
  });

  it("a refusal after the lapse was marked lets the released amount lapse with the right", async () => {
    // Prepare
    const sys = fakeSystem();
    await open(sys);
    const id = await returned(sys, LUND, { amount: 1_000_000 });
    await daily(sys, "2022-12-02");
    const marked = await sys.submissions.getAllocation(programme.id, LUND.kommunkod);
    // Act
    await decide(sys.officerDeps, OFFICER, id, REFUSE);
    // Assess
    const row = await sys.submissions.getAllocation(programme.id, LUND.kommunkod);
    expect(row).toMatchObject({
      requisitioned: 0,
      lapsed: true,
      lapsedAmount: (marked?.lapsedAmount ?? 0) + 1_000_000,
    });
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });
});

describe("decide: two at once", () => {
  it("two officers deciding at once: one wins, the other gets 409, and only the winner's decision is written", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    // Act
    const [first, second] = await Promise.allSettled([
      decide(sys.officerDeps, OFFICER, id, APPROVE),
      decide(sys.officerDeps, SECOND_OFFICER, id, RETURN),
    ]);
    // Assess
    const outcomes = [first, second];
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o) => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.objectContaining({ reason: expect.objectContaining({ status: 409 }) })]);
    const winner = won[0]?.status === "fulfilled" ? won[0].value : undefined;
    const stored = await sys.submissions.getSubmission(id);
    expect(stored?.status).toBe(winner?.status);
    expect(stored?.decision).toEqual(winner?.decision);
    expect(stored?.revision).toBe(winner?.revision);
    expect(sys.world.auditOf(id).filter((e) => e.action.startsWith("submission."))).toHaveLength(1);
    expect(mailsAbout(sys, id).filter((m) => DECISION_TOPICS.includes(m.topic))).toHaveLength(1);
  });

  it("two refusals at once release the reservation once", async () => {
    // Prepare
    const sys = fakeSystem();
    const own = await received(sys, LUND, { amount: 1_000_000 });
    // Act
    const outcomes = await Promise.allSettled([
      decide(sys.officerDeps, OFFICER, own, REFUSE),
      decide(sys.officerDeps, SECOND_OFFICER, own, REFUSE),
    ]);
    // Assess
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const row = await sys.submissions.getAllocation(programme.id, LUND.kommunkod);
    expect(row).toMatchObject({ requisitioned: 0, remaining: base(LUND) });
  });

  it("a refusal racing the municipality's correction: exactly one of them happens, and the ledger agrees", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await returned(sys, LUND);
    // Act
    const [refusal, correction] = await Promise.allSettled([
      decide(sys.officerDeps, OFFICER, id, REFUSE),
      correct(sys, LUND, id, requisitionForm(LUND, { amount: 1_000_000 })),
    ]);
    // Assess
    expect([refusal.status, correction.status].sort()).toEqual(["fulfilled", "rejected"]);
    const row = await sys.submissions.getAllocation(programme.id, LUND.kommunkod);
    if (refusal.status === "fulfilled") {
      expect(await statusOf(sys, id)).toBe("refused");
      expect(row).toMatchObject({ requisitioned: 0 });
    } else {
      expect(await statusOf(sys, id)).toBe("replaced");
      expect(row).toMatchObject({ requisitioned: 1_000_000 });
    }
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });
});

describe("decide: who is told", () => {
  it.each([
    ["approve", APPROVE, "approved"],
    ["return", RETURN, "returned"],
    ["refuse", REFUSE, "refused"],
  ] as const)(
    "mails the %s to the register's addresses and the submitter, never to the form's free-text address",
    async (_name, body, topic) => {
      // Prepare
      const sys = fakeSystem();
      register(sys, LUND, "registrator@lund.example", "kontakt@lund.example");
      const form = requisitionForm(LUND);
      form.recipient.email = "anyone@elsewhere.example";
      const { receipt } = await submitRequisition(sys.submissionDeps, LUND, programme.id, form);
      await receive(sys, receipt.id);
      // Act
      await decide(sys.officerDeps, OFFICER, receipt.id, body);
      // Assess
      const mails = mailsAbout(sys, receipt.id).filter((m) => m.topic === topic);
      expect(mails).toHaveLength(1);
      expect(recipients(mails[0]?.to)).toEqual(
        recipients(["registrator@lund.example", "kontakt@lund.example", LUND.email]),
      );
    },
  );

  it("mails the submitter alone when the municipality has no entry in the register", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, MALMO);
    // Act
    await decide(sys.officerDeps, OFFICER, id, APPROVE);
    // Assess
    expect(mailsAbout(sys, id).find((m) => m.topic === "approved")?.to).toEqual([MALMO.email]);
  });

  it("tells the municipality the reason and the requested document of a return", async () => {
    // Prepare
    const sys = fakeSystem();
    const id = await received(sys, LUND);
    // Act
    await decide(sys.officerDeps, OFFICER, id, { ...RETURN, requestedAttachment: "bank-statement" });
    // Assess
    const mail = mailsAbout(sys, id).find((m) => m.topic === "returned");
    expect(mail?.text).toContain(RETURN.reason);
    expect(mail?.text.toLowerCase()).toContain("kontoutdrag");
  });
});
