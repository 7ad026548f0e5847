import { describe, expect, it } from "vitest";
import { parseReport } from "../../../shared/forms/parse.ts";
import { sampleReport } from "../../../shared/forms/samples.ts";
import { aldre2022, LUND, pathsAndCodes, withField, withoutField } from "./helpers.ts";

const lund = () => sampleReport(aldre2022(), LUND, "2023-03-20");

describe("parseReport (shape)", () => {
  it("accepts Lund's sample report unchanged", () => {
    // Prepare
    const input = lund();
    // Act
    const result = parseReport(input);
    // Assess
    expect(result).toEqual({ ok: true, form: input });
  });

  it("accepts alternative 2 with deviations and measures", () => {
    // Prepare
    const input = withField(lund(), "certification", {
      ...lund().certification,
      alternative: 2,
      deviations: "Del av kostnaderna avser 2023.",
      measures: "Kostnaderna flyttas till rätt år.",
    });
    // Act
    const result = parseReport(input);
    // Assess
    expect(result.ok).toBe(true);
  });

  it.each([
    ["accounting.surveyAnswered", undefined, "REQUIRED"],
    ["accounting.surveyAnswered", "ja", "INVALID_TYPE"],
    ["accounting.costs", "2 727 547", "NOT_AN_INTEGER_AMOUNT"],
    ["accounting.unspent", -303_061, "NEGATIVE_AMOUNT"],
    ["grant.totalGrant", 3_030_608.4, "NOT_AN_INTEGER_AMOUNT"],
    ["certification.alternative", 3, "INVALID_VALUE"],
    ["certification.alternative", "1", "INVALID_VALUE"],
    ["certification.name", "", "REQUIRED"],
    ["certification.title", undefined, "REQUIRED"],
    ["certification.phone", "555", "INVALID_PHONE"],
    ["certification.email", "ekonomi(at)lund.se", "INVALID_EMAIL"],
    ["certification.deviations", "x".repeat(4001), "TOO_LONG"],
  ])("rejects %s = %j with %s", (path, value, code) => {
    // Prepare
    const input = value === undefined ? withoutField(lund(), path) : withField(lund(), path, value);
    // Act
    const result = parseReport(input);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([`${path} ${code}`]);
  });

  it("rejects a requisition's fields in a report as unknown", () => {
    // Prepare
    const input = withField(lund(), "grant.amount", 1_530_608);
    // Act
    const result = parseReport(input);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual(["grant.amount UNKNOWN_FIELD"]);
  });
});
