import { describe, expect, it } from "vitest";
import { QUESTION_ID } from "../../../shared/programmes/questions.ts";
import { questionId } from "../../../web/src/officer/questions-form.ts";

/** A new question's id comes from its Swedish wording: readable, valid, and unique in the list. */
describe("a question's id", () => {
  it("is the wording without accents, in lower case, joined by dashes", () => {
    expect(questionId("Hur används medlen i hemtjänsten?", [])).toBe("hur-anvands-medlen-i-hemtjansten");
  });

  it("takes the next free number when the wording is already taken", () => {
    expect(questionId("Hur?", ["hur", "hur-2"])).toBe("hur-3");
  });

  it.each(["123 kronor?", "!!", "Å", "x".repeat(80)])("is always a valid id, even for %j", (label) => {
    expect(questionId(label, [])).toMatch(QUESTION_ID);
  });
});
