import { describe, expect, it } from "vitest";
import { totalGrantErrors } from "../../../../shared/forms/rules/total-grant.ts";
import { aldre2022, allocation, codesOf, LUND, STOCKHOLM } from "../helpers.ts";

describe("total grant (Summa bidrag enligt överenskommelsen)", () => {
  it("accepts a model municipality's base + extra, and the base alone", () => {
    // Prepare
    const lund = allocation(aldre2022(), LUND);
    // Act
    const withExtra = totalGrantErrors(3_030_608, lund);
    const baseOnly = totalGrantErrors(1_530_608, lund);
    // Assess
    expect([...withExtra, ...baseOnly]).toEqual([]);
  });

  it("rejects any other sum and names both accepted sums", () => {
    // Prepare
    const lund = allocation(aldre2022(), LUND);
    // Act
    const errors = totalGrantErrors(2_000_000, lund);
    // Assess
    expect(codesOf(errors)).toEqual(["TOTAL_GRANT_MISMATCH"]);
    expect(errors[0]?.message.sv).toBe(
      "Summa bidrag enligt överenskommelsen ska vara Lunds bidrag 1 530 608 kr eller 3 030 608 kr med extra medel som modellkommun.",
    );
  });

  it("rejects base + 1 500 000 for a municipality without model extra", () => {
    // Prepare
    const stockholm = allocation(aldre2022(), STOCKHOLM);
    // Act
    const errors = totalGrantErrors(stockholm.amount + 1_500_000, stockholm);
    // Assess
    expect(codesOf(errors)).toEqual(["TOTAL_GRANT_MISMATCH"]);
    expect(errors[0]?.message.sv).not.toContain("modellkommun");
  });
});
