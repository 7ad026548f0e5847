import { describe, expect, it } from "vitest";
import { certificationErrors } from "../../../../shared/forms/rules/certification.ts";
import { pathsAndCodes } from "../helpers.ts";

describe("certification alternatives", () => {
  it("accepts alternative 1 without deviations, and alternative 2 with both texts", () => {
    // Prepare
    const alternative2 = {
      alternative: 2 as const,
      deviations: "Kostnader bokförda 2023.",
      measures: "Rättas.",
    };
    // Act
    const errors = [...certificationErrors({ alternative: 1 }), ...certificationErrors(alternative2)];
    // Assess
    expect(errors).toEqual([]);
  });

  it("rejects alternative 2 without deviations (blank counts as missing)", () => {
    // Prepare
    const alternative2 = { alternative: 2 as const, deviations: "   ", measures: "Rättas." };
    // Act
    const errors = certificationErrors(alternative2);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["certification.deviations DEVIATIONS_REQUIRED"]);
  });

  it("accepts alternative 2 with deviations but no measures: Bilaga 2 asks for eventuella åtgärder", () => {
    // Prepare
    const alternative2 = { alternative: 2 as const, deviations: "Kostnader bokförda 2023.", measures: " " };
    // Act
    const errors = certificationErrors(alternative2);
    // Assess
    expect(errors).toEqual([]);
  });
});
