import { beforeAll, describe, expect, it, vi } from "vitest";
import { runDaily } from "../../../shared/deadlines/daily.ts";
import {
  type ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../../../shared/errors.ts";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { closeProgramme } from "../../../shared/programme-admin/close.ts";
import { getProgrammeDraft, saveProgrammeDraft } from "../../../shared/programme-admin/drafts.ts";
import { correctProgrammeFacts } from "../../../shared/programme-admin/facts.ts";
import { publishProgramme } from "../../../shared/programme-admin/publish.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import {
  NEXT_YEAR_CSV,
  NEXT_YEAR_ID,
  NEXT_YEAR_META,
  WRONG_TOTAL_CSV,
} from "../../fixtures/programmes/next-year.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { refusal } from "../../helpers/refusal.ts";
import { LUND, OFFICER, register } from "../submissions/scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

const ID = NEXT_YEAR_ID;
const META = NEXT_YEAR_META;
const CSV = NEXT_YEAR_CSV;
const WRONG_TOTAL = WRONG_TOTAL_CSV;
const SOS_OFFICER = { kind: "officer" as const, sub: "officer-9", agency: "socialstyrelsen" };

function system(): FakeSystem {
  return fakeSystem({ now: "2023-02-01T10:00:00.000Z" });
}

async function published(sys: FakeSystem) {
  await saveProgrammeDraft(sys.deadlineDeps, OFFICER, { meta: META, bilaga1Csv: CSV });
  return publishProgramme(sys.deadlineDeps, OFFICER, ID);
}

describe("programme drafts", () => {
  it("keeps a draft with a wrong total and shows the sum beside the stated total", async () => {
    // Prepare
    const sys = system();
    // Act
    const { draft, replaced } = await saveProgrammeDraft(sys.deadlineDeps, OFFICER, {
      meta: META,
      bilaga1Csv: WRONG_TOTAL,
    });
    // Assess
    expect(replaced).toBe(false);
    expect(draft.problems.map((p) => p.code)).toEqual(["TOTAL_MISMATCH"]);
    expect(draft.problems[0]?.message.sv).toContain("167 100 001 kr");
    expect(draft.totals).toEqual({ rows: 290, sum: 167_100_001, stated: 167_100_000 });
  });

  it("locates an unknown name, a duplicate and a negative amount by line", async () => {
    // Prepare: Alingsås misspelt on line 3, Ale twice, a negative amount for Aneby
    const csv = CSV.replace("Alingsås;", "Alingsaas;")
      .replace("Ale;381 308", "Ale;381 308\nAle;1")
      .replace(/Aneby;[^\n]+/, "Aneby;-5");
    const sys = system();
    // Act
    const { draft } = await saveProgrammeDraft(sys.deadlineDeps, OFFICER, { meta: META, bilaga1Csv: csv });
    // Assess
    const located = draft.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.code]);
    expect(located).toEqual(
      expect.arrayContaining([
        [3, "DUPLICATE_RECIPIENT"],
        [4, "UNKNOWN_RECIPIENT"],
        [expect.any(Number), "AMOUNT_NEGATIVE"],
      ]),
    );
    expect(draft.problems.every((p) => p.message.sv && p.message.en)).toBe(true);
  });

  it("replaces a draft with the corrected table, which then has no problems", async () => {
    // Prepare
    const sys = system();
    await saveProgrammeDraft(sys.deadlineDeps, OFFICER, { meta: META, bilaga1Csv: WRONG_TOTAL });
    // Act
    const { draft, replaced } = await saveProgrammeDraft(sys.deadlineDeps, OFFICER, {
      meta: META,
      bilaga1Csv: CSV,
    });
    // Assess
    expect(replaced).toBe(true);
    expect(draft.problems).toEqual([]);
    expect((await getProgrammeDraft(sys.deadlineDeps, OFFICER, ID)).totals.sum).toBe(167_100_000);
  });

  it("sets the draft up for the officer's own agency and refuses another's", async () => {
    // Prepare
    const sys = system();
    await saveProgrammeDraft(sys.deadlineDeps, OFFICER, { meta: META, bilaga1Csv: CSV });
    // Act
    const forOther = await refusal(
      saveProgrammeDraft(sys.deadlineDeps, OFFICER, {
        meta: { ...META, agency: "socialstyrelsen" },
        bilaga1Csv: CSV,
      }),
    );
    const readByOther = await refusal(getProgrammeDraft(sys.deadlineDeps, SOS_OFFICER, ID));
    const publishedByOther = await refusal(publishProgramme(sys.deadlineDeps, SOS_OFFICER, ID));
    // Assess
    expect(forOther).toBeInstanceOf(ForbiddenError);
    expect(readByOther).toBeInstanceOf(NotFoundError);
    expect(publishedByOther).toBeInstanceOf(NotFoundError);
  });

  it("answers 400 naming meta.id when the metadata has no id", async () => {
    // Prepare
    const { id: _id, ...withoutId } = META;
    // Act
    const error = await refusal(
      saveProgrammeDraft(system().deadlineDeps, OFFICER, { meta: withoutId, bilaga1Csv: CSV }),
    );
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]).toMatchObject({ path: "meta.id", code: "REQUIRED" });
  });
});

describe("publishing a programme", () => {
  it("refuses while the draft has problems, naming each by its CSV line", async () => {
    // Prepare
    const sys = system();
    await saveProgrammeDraft(sys.deadlineDeps, OFFICER, {
      meta: META,
      bilaga1Csv: CSV.replace("Alingsås;", "Alingsaas;"),
    });
    // Act
    const error = await refusal(publishProgramme(sys.deadlineDeps, OFFICER, ID));
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "bilaga1Csv.line.3", code: "UNKNOWN_RECIPIENT" }),
      ]),
    );
    expect(await sys.catalogue.get(ID)).toBeUndefined();
  });

  it("publishes version 1 and opens it, so a municipality can requisition its allocation", async () => {
    // Prepare
    const sys = system();
    // Act
    const result = await published(sys);
    const programme = await sys.catalogue.get(ID);
    const { receipt } = await submitRequisition(
      sys.submissionDeps,
      LUND,
      ID,
      sampleRequisition(programme ?? META, LUND.kommunkod, "2023-02-01"),
    );
    // Assess
    expect(result).toMatchObject({ programmeId: ID, version: 1, opening: { opened: true } });
    expect(programme?.allocations).toHaveLength(290);
    expect(programme?.agency).toBe("kammarkollegiet");
    expect(await sys.programmes.getOpening(ID)).toBeDefined();
    expect(receipt.reference).toMatch(/^SB-2023-1281-/);
  });

  it("publishes once: a second publish and a new draft answer 409", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    // Act
    const again = await refusal(publishProgramme(sys.deadlineDeps, OFFICER, ID));
    const redraft = await refusal(
      saveProgrammeDraft(sys.deadlineDeps, OFFICER, { meta: META, bilaga1Csv: CSV }),
    );
    // Assess
    expect((again as ConflictError).code).toBe("PROGRAMME_ALREADY_PUBLISHED");
    expect((redraft as ConflictError).code).toBe("PROGRAMME_ALREADY_PUBLISHED");
  });
});

describe("correcting a published programme's facts", () => {
  it("sets the diarienummer as a new version with the reason in the audit trail, allocations unchanged", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    // Act
    const result = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
      reason: "Regeringskansliets diarienummer har kommit in.",
      agreementDiarienummer: "S2023/01234/ÄO",
    });
    // Assess
    const programme = await sys.catalogue.get(ID);
    expect(result).toMatchObject({ version: 2, changed: ["agreementDiarienummer"] });
    expect(programme?.agreementDiarienummer).toBe("S2023/01234/ÄO");
    expect(programme?.totalBase).toBe(167_100_000);
    const audit = sys.world.audit.find((a) => a.action === "programme.corrected");
    expect(audit?.details).toMatchObject({
      version: 2,
      reason: "Regeringskansliets diarienummer har kommit in.",
      changes: { agreementDiarienummer: { from: null, to: "S2023/01234/ÄO" } },
    });
  });

  it("changes nothing, and makes no version, when the facts are already so", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    // Act
    const result = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
      reason: "Samma titel igen.",
      agreementTitle: META.agreementTitle,
      // The officer's form sends every fact; an account it leaves empty is null, as absent is.
      repaymentAccount: null,
      decisionDiarienummer: null,
    });
    // Assess
    expect(result).toMatchObject({ version: 1, changed: [] });
  });

  it("moves a deadline only with the decision it rests on, and never into the past", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    // Act
    const noDecision = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Förlängd tid.",
        deadlines: { report: "2024-04-30" },
      }),
    );
    const past = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Fel.",
        decision: "Beslut 2023-02-01",
        deadlines: { requisition: "2023-01-15" },
      }),
    );
    const moved = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
      reason: "Förlängd tid för redovisning.",
      decision: "Beslut 2023-02-01, dnr 4.1-1234/2023",
      deadlines: { report: "2024-04-30" },
    });
    // Assess
    expect((noDecision as ValidationError).errors).toEqual([
      expect.objectContaining({ path: "decision", code: "REQUIRED" }),
    ]);
    expect((past as ValidationError).errors).toEqual([
      expect.objectContaining({ path: "deadlines.requisition", code: "DEADLINE_IN_PAST" }),
    ]);
    expect(moved.changed).toEqual(["deadlines.report"]);
    expect((await sys.catalogue.get(ID))?.deadlines.report).toBe("2024-04-30");
  });

  it("mails every municipality with an address once about a moved deadline, also when the call is repeated", async () => {
    // Prepare: Lund has a registry address; the programme has been announced
    const sys = system();
    register(sys, LUND, "registrator@lund.example");
    await published(sys);
    const body = {
      reason: "Förlängd tid.",
      decision: "Beslut 2023-02-01",
      deadlines: { report: "2024-04-30" },
    };
    // Act
    const first = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, body);
    const second = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, body);
    // Assess
    const mails = sys.world.queued().filter((m) => m.subject.startsWith("Ändrat datum"));
    expect(first.announced).toBe(1);
    expect(second).toMatchObject({ changed: [], announced: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(["registrator@lund.example"]);
    expect(mails[0]?.text).toContain("2024-04-30");
    expect(mails[0]?.text).toContain("Beslut 2023-02-01");
  });

  it("queues, when the same request comes again, the deadline mails a first call failed to queue after its version was written", async () => {
    // Prepare: Lund has a registry address; queuing the mails fails once, after the version is written
    const sys = system();
    register(sys, LUND, "registrator@lund.example");
    await published(sys);
    vi.spyOn(sys.deadlineDeps.deadlines, "sendOnce").mockRejectedValueOnce(new Error("throttled"));
    const body = {
      reason: "Förlängd tid.",
      decision: "Beslut 2023-02-01",
      deadlines: { report: "2024-04-30" },
    };
    // Act
    const failed = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, body).catch((e: Error) => e);
    const retried = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, body);
    const third = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, body);
    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect((await sys.catalogue.get(ID))?.deadlines.report).toBe("2024-04-30");
    expect(retried).toMatchObject({ changed: [], announced: 1 });
    expect(third).toMatchObject({ changed: [], announced: 0 });
    const mails = sys.world.queued().filter((m) => m.subject.startsWith("Ändrat datum"));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("2024-04-30 (tidigare 2024-03-31)");
  });

  it("lets one of two simultaneous corrections win and answers the other 409 PROGRAMME_CHANGED", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    // Act
    const results = await Promise.allSettled([
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Dnr.",
        agreementDiarienummer: "S2023/00001/ÄO",
      }),
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Dnr.",
        decisionDiarienummer: "S2023/00002/ÄO",
      }),
    ]);
    // Assess
    const refused = results
      .filter((r) => r.status === "rejected")
      .map((r) => (r.reason as ConflictError).code);
    expect(refused).toEqual(["PROGRAMME_CHANGED"]);
  });

  it("sets the repayment account with its bankgiro checked, and the municipality sees where to repay", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    // Act
    const wrong = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Konto för återbetalning.",
        repaymentAccount: { bankgiro: "5050-1056", referencePrefix: "2023" },
      }),
    );
    const set = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
      reason: "Konto för återbetalning.",
      repaymentAccount: { bankgiro: "50501055", referencePrefix: "2023" },
    });
    // Assess
    expect((wrong as ValidationError).errors).toEqual([
      expect.objectContaining({ path: "repaymentAccount.bankgiro", code: "INVALID_BANKGIRO" }),
    ]);
    expect(set.changed).toEqual(["repaymentAccount"]);
    expect((await sys.catalogue.get(ID))?.repaymentAccount).toEqual({
      bankgiro: "5050-1055",
      referencePrefix: "2023",
    });
  });

  it("adds a required question: a requisition without its answer is refused, one with it accepted", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    const question = {
      id: "motivering",
      at: "requisition" as const,
      kind: "text" as const,
      label: { sv: "Hur används medlen?", en: "How are the funds used?" },
      required: true,
    };
    // Act
    const added = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
      reason: "Fråga enligt beslutet.",
      questions: [question],
    });
    const programme = await sys.catalogue.get(ID);
    if (!programme) throw new Error("programme missing");
    // The sample form for the programme as it was: no answers
    const before = sampleRequisition({ ...programme, questions: [] }, LUND.kommunkod, "2023-02-01");
    const unanswered = await refusal(submitRequisition(sys.submissionDeps, LUND, ID, before));
    const { receipt } = await submitRequisition(
      sys.submissionDeps,
      LUND,
      ID,
      sampleRequisition(programme, LUND.kommunkod, "2023-02-01"),
    );
    // Assess
    expect(added.changed).toEqual(["questions"]);
    expect((unanswered as ValidationError).errors).toEqual([
      expect.objectContaining({ path: "answers.motivering", code: "QUESTION_UNANSWERED" }),
    ]);
    expect(receipt.reference).toMatch(/^SB-2023-1281-R1$/);
  });

  it("refuses a question list with the same id twice, naming the field", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    const q = {
      id: "fraga",
      at: "report" as const,
      kind: "yes-no" as const,
      label: { sv: "Följdes insatsen upp?", en: "Was it followed up?" },
      required: false,
    };
    // Act
    const twice = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, { reason: "Frågor.", questions: [q, q] }),
    );
    // Assess
    expect((twice as ValidationError).errors[0]?.path).toBe("questions");
  });

  it("answers 404 to another agency's officer and 400 for a malformed diarienummer", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    // Act
    const other = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, SOS_OFFICER, ID, {
        reason: "Dnr.",
        agreementDiarienummer: "S2023/1/ÄO",
      }),
    );
    const malformed = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Dnr.",
        agreementDiarienummer: "2023-1",
      }),
    );
    // Assess
    expect(other).toBeInstanceOf(NotFoundError);
    expect((malformed as ValidationError).errors[0]?.path).toBe("agreementDiarienummer");
  });
});

describe("closing a programme", () => {
  it("still answers a retry of a requisition accepted before the closing, and refuses a new one", async () => {
    // Prepare: Lund's requisition accepted with an Idempotency-Key, then the programme closed
    const sys = system();
    await published(sys);
    const programme = (await sys.catalogue.get(ID)) ?? META;
    const form = sampleRequisition(programme, LUND.kommunkod, "2023-02-01");
    const first = await submitRequisition(sys.submissionDeps, LUND, ID, form, "lund-2023-req-1");
    await closeProgramme(sys.deadlineDeps, OFFICER, ID, { reason: "Överenskommelsen upphävd." });
    // Act
    const retry = await submitRequisition(sys.submissionDeps, LUND, ID, form, "lund-2023-req-1");
    const fresh = await refusal(submitRequisition(sys.submissionDeps, LUND, ID, form, "lund-2023-req-2"));
    // Assess
    expect(first.created).toBe(true);
    expect(retry).toMatchObject({ created: false, receipt: { id: first.receipt.id } });
    expect((fresh as ConflictError).code).toBe("PROGRAMME_CLOSED");
  });

  it("refuses requisitions and corrections of facts after closing, and the daily job skips it", async () => {
    // Prepare
    const sys = system();
    await published(sys);
    const programme = await sys.catalogue.get(ID);
    // Act
    const closed = await closeProgramme(sys.deadlineDeps, OFFICER, ID, {
      reason: "Överenskommelsen upphävd.",
    });
    const requisition = await refusal(
      submitRequisition(
        sys.submissionDeps,
        LUND,
        ID,
        sampleRequisition(programme ?? META, LUND.kommunkod, "2023-02-01"),
      ),
    );
    const patch = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Dnr.",
        agreementDiarienummer: "S2023/1/ÄO",
      }),
    );
    const daily = await runDaily(sys.deadlineDeps);
    // Assess
    expect(closed).toMatchObject({ version: 2, closed: { on: "2023-02-01" } });
    expect((requisition as ConflictError).code).toBe("PROGRAMME_CLOSED");
    expect((patch as ConflictError).code).toBe("PROGRAMME_CLOSED");
    expect(daily.programmes.map((p) => p.programmeId)).not.toContain(ID);
  });
});
