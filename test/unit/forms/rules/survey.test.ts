import { describe, expect, it } from "vitest";
import { surveyCommitmentErrors } from "../../../../shared/forms/rules/survey.ts";
import { pathsAndCodes } from "../helpers.ts";

describe("Socialstyrelsen's survey at requisition", () => {
  it("accepts the commitment where the programme asks for it, and no answer where it does not", () => {
    // Prepare
    const asked = { atRequisition: true };
    const notAsked = { atRequisition: false };
    // Act
    const errors = [
      ...surveyCommitmentErrors(true, asked),
      ...surveyCommitmentErrors(undefined, notAsked),
      ...surveyCommitmentErrors(false, notAsked),
    ];
    // Assess
    expect(errors).toEqual([]);
  });

  it.each([false, undefined])(
    "refuses a requisition without the commitment (%j) where it is asked for",
    (given) => {
      // Prepare
      const asked = { atRequisition: true };
      // Act
      const errors = surveyCommitmentErrors(given, asked);
      // Assess
      expect(pathsAndCodes(errors)).toEqual(["grant.surveyCommitment SURVEY_COMMITMENT_REQUIRED"]);
    },
  );
});
