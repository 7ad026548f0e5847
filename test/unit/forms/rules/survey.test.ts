import { describe, expect, it } from "vitest";
import { surveyErrors } from "../../../../shared/forms/rules/survey.ts";
import { codesOf } from "../helpers.ts";

describe("Socialstyrelsen's survey", () => {
  it("accepts an answered survey, and an unanswered one where none is required", () => {
    // Prepare
    const required = true;
    // Act
    const answered = surveyErrors(true, required);
    const notRequired = surveyErrors(false, false);
    // Assess
    expect([...answered, ...notRequired]).toEqual([]);
  });

  it("rejects an unanswered survey where the programme requires it", () => {
    // Prepare
    const required = true;
    // Act
    const errors = surveyErrors(false, required);
    // Assess
    expect(codesOf(errors)).toEqual(["SURVEY_REQUIRED"]);
  });
});
