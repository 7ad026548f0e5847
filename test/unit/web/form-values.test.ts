import { describe, expect, it } from "vitest";
import { parseRequisition, sampleRequisition, validateRequisition } from "../../../shared/forms/index.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { toInput, valuesOf } from "../../../web/src/requisition/values.ts";

function programme(id: string): Programme {
  const found = seedProgramme(id);
  if (!found) throw new Error(`test setup: no programme ${id}`);
  return found;
}

describe("the requisition form's values and the API's JSON", () => {
  it("sends the survey commitment as ticked, and refuses it unticked where the programme asks", () => {
    // Prepare
    const p = programme("skr-aldreomsorg-2022");
    const values = valuesOf(sampleRequisition(p, "1281", "2022-06-01"));
    // Act
    const ticked = parseRequisition(toInput(values));
    const unticked = parseRequisition(toInput({ ...values, "grant.surveyCommitment": false }));
    // Assess
    if (!ticked.ok || !unticked.ok) throw new Error("should parse");
    expect(ticked.form.grant.surveyCommitment).toBe(true);
    expect(validateRequisition(unticked.form, p, "1281", "2022-06-01").map((e) => e.code)).toEqual([
      "SURVEY_COMMITMENT_REQUIRED",
    ]);
  });

  it("sends no survey commitment and no agreement for the 2018 decision, whose form shows neither", () => {
    // Prepare
    const p = programme("sos-valfardsteknik-2018");
    const values = valuesOf(sampleRequisition(p, "1281", "2018-06-01"));
    // Act
    const input = toInput(values) as { grant: Record<string, unknown> };
    // Assess
    expect(Object.keys(input.grant)).not.toContain("surveyCommitment");
    expect(Object.keys(input.grant)).not.toContain("agreementTitle");
    expect(Object.keys(input.grant)).not.toContain("agreementDiarienummer");
  });
});
