import { describe, expect, it } from "vitest";
import type { Question } from "../../../shared/programmes/questions.ts";
import { draftValues } from "../../../web/src/forms/draft-values.ts";

const QUESTIONS = [
  { id: "staff", kind: "yes-no", label: { sv: "Personal?", en: "Staff?" }, required: true },
] as unknown as Question[];

describe("a saved draft back into the form's fields", () => {
  it("reads any part of a form: amounts grouped, boxes as ticks, answers as options, text as typed", () => {
    // Prepare: half a report, with an amount typed wrong (kept as text) and a yes-no answer
    const form = {
      recipient: { postalAddress: { city: "Lund" } },
      grant: { totalGrant: 1530608, decisionDiarienummer: "S2022/1" },
      accounting: { costs: "12x", surveyAnswered: true },
      certification: { alternative: 2, name: "Praktikant", title: "Praktikant", phone: "046-1" },
      signature: { date: "2022-11-20", signatory: "Någon" },
      answers: { staff: false },
    };
    // Act
    const values = draftValues(form, QUESTIONS);
    // Assess: the names are the accounts', so the page fills them, never the draft
    expect(values).toEqual({
      "recipient.postalAddress.city": "Lund",
      "grant.totalGrant": "1 530 608",
      "grant.decisionDiarienummer": "S2022/1",
      "accounting.costs": "12x",
      "accounting.surveyAnswered": true,
      "certification.alternative": "2",
      "certification.phone": "046-1",
      "signature.date": "2022-11-20",
      "answers.staff": "nej",
    });
  });

  it("reads an empty or odd draft as nothing rather than failing", () => {
    // Act + Assess
    expect(draftValues({}, QUESTIONS)).toEqual({});
    expect(draftValues({ grant: null, answers: "x", recipient: [1] }, QUESTIONS)).toEqual({});
  });
});
