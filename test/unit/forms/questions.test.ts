import { describe, expect, it } from "vitest";
import {
  checkReport,
  checkRequisition,
  sampleReport,
  sampleRequisition,
} from "../../../shared/forms/index.ts";
import { parseWithZod } from "../../../shared/forms/parse.ts";
import { requisitionSchema } from "../../../shared/forms/schema.ts";
import type { Question } from "../../../shared/programmes/questions.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";

const LUND = "1281";
const base = seedProgramme("skr-aldreomsorg-2022");
if (!base) throw new Error("programme missing");
const TODAY = "2022-11-20";

const MOTIVATION: Question = {
  id: "motivering",
  at: "requisition",
  kind: "text",
  label: { sv: "Hur ökar investeringen förutsättningarna?", en: "How does the investment help?" },
  required: true,
};
const SURVEY_DONE: Question = {
  id: "uppfoljning",
  at: "report",
  kind: "yes-no",
  label: { sv: "Har insatserna följts upp?", en: "Have the efforts been followed up?" },
  required: true,
};
const withQuestions = (...questions: Question[]): Programme => ({ ...base, questions });

const requisition = (answers?: Record<string, unknown>) => ({
  ...sampleRequisition(base, LUND, TODAY),
  ...(answers ? { answers } : {}),
});
const errorsOf = (result: { ok: boolean; errors?: { path: string; code: string }[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => [e.path, e.code]);

describe("a programme's own questions on the forms", () => {
  it("refuses a requisition that leaves a required question unanswered, at the question's path", () => {
    // Act
    const result = checkRequisition(requisition(), withQuestions(MOTIVATION), LUND, TODAY);
    // Assess
    expect(errorsOf(result)).toEqual([["answers.motivering", "QUESTION_UNANSWERED"]]);
    expect(result.ok ? "" : result.errors[0]?.message.sv).toBe(
      'Svara på frågan "Hur ökar investeringen förutsättningarna?".',
    );
  });

  it("counts blank text as no answer", () => {
    // Act
    const result = checkRequisition(
      requisition({ motivering: "   " }),
      withQuestions(MOTIVATION),
      LUND,
      TODAY,
    );
    // Assess
    expect(errorsOf(result)).toEqual([["answers.motivering", "QUESTION_UNANSWERED"]]);
  });

  it("takes an answered question, trimmed", () => {
    // Act
    const result = checkRequisition(
      requisition({ motivering: "  Trygghetslarm i hemtjänsten.  " }),
      withQuestions(MOTIVATION),
      LUND,
      TODAY,
    );
    // Assess
    expect(result.ok && result.form.answers).toEqual({ motivering: "Trygghetslarm i hemtjänsten." });
  });

  it("refuses an answer to a question the programme does not ask on this form", () => {
    // Prepare: the follow-up question belongs to the report
    const programme = withQuestions(MOTIVATION, SURVEY_DONE);
    // Act
    const result = checkRequisition(
      requisition({ motivering: "Ja.", uppfoljning: true }),
      programme,
      LUND,
      TODAY,
    );
    // Assess
    expect(errorsOf(result)).toEqual([["answers.uppfoljning", "UNKNOWN_QUESTION"]]);
  });

  it("wants ja or nej for a yes-no question, not the word", () => {
    // Prepare
    const report = { ...sampleReport(base, LUND), answers: { uppfoljning: "ja" } };
    // Act
    const result = checkReport(report, withQuestions(SURVEY_DONE), LUND, "2023-03-01");
    // Assess
    expect(errorsOf(result)).toContainEqual(["answers.uppfoljning", "ANSWER_NOT_YES_NO"]);
  });

  it("leaves an optional question unanswered without complaint", () => {
    // Act
    const result = checkRequisition(
      requisition(),
      withQuestions({ ...MOTIVATION, required: false }),
      LUND,
      TODAY,
    );
    // Assess
    expect(result.ok).toBe(true);
  });

  it("refuses an answer over 4000 characters and one with control characters, as the parse does for any text", () => {
    // Act
    const long = checkRequisition(
      requisition({ motivering: "x".repeat(4001) }),
      withQuestions(MOTIVATION),
      LUND,
      TODAY,
    );
    const hidden = checkRequisition(
      requisition({ motivering: "ok\u202e" }),
      withQuestions(MOTIVATION),
      LUND,
      TODAY,
    );
    // Assess
    expect(errorsOf(long)).toEqual([["answers.motivering", "ANSWER_TOO_LONG"]]);
    expect(errorsOf(hidden)).toEqual([["answers.motivering", "INVALID_TEXT"]]);
  });

  it("parses answers by field exactly as the whole-form zod parse does", () => {
    // Prepare
    const inputs = [
      requisition({ motivering: " Svar " }),
      requisition({ motivering: 5 }),
      requisition({ "Not An Id": "x" }),
      requisition({ motivering: "x".repeat(4001) }),
    ];
    for (const input of inputs) {
      // Act
      const byField = checkRequisition(input, base, LUND, TODAY);
      const whole = parseWithZod(requisitionSchema, input);
      // Assess: the shape errors agree (rules aside: the seed programme asks no questions)
      const shapeErrors = byField.ok ? [] : byField.errors.filter((e) => e.code !== "UNKNOWN_QUESTION");
      expect(shapeErrors).toEqual(whole.ok ? [] : whole.errors);
    }
  });

  it("wants the 2018 motivation only where the money went to what makes welfare technology possible", () => {
    // Prepare: the 2018 programme as the seed says (report questions), Lund's report
    const sos = seedProgramme("sos-valfardsteknik-2018");
    if (!sos) throw new Error("programme missing");
    const answered = (answers: Record<string, unknown>) => ({ ...sampleReport(sos, LUND), answers });
    const common = {
      anvandning: "Digitala trygghetslarm.",
      informationssakerhet: "Riskanalys per system.",
      implementering: "Genom en styrgrupp.",
    };
    // Act
    const no = checkReport(answered({ ...common, forutsattningar: false }), sos, LUND, "2019-03-01");
    const yes = checkReport(answered({ ...common, forutsattningar: true }), sos, LUND, "2019-03-01");
    // Assess
    expect(errorsOf(no)).toEqual([]);
    expect(errorsOf(yes)).toEqual([["answers.motivering", "QUESTION_UNANSWERED"]]);
  });

  it("a programme without questions takes a form without answers, as before", () => {
    // Act
    const result = checkRequisition(requisition(), base, LUND, TODAY);
    // Assess
    expect(result.ok).toBe(true);
  });
});
