import { describe, expect, it } from "vitest";
import { passesLuhn } from "../../../shared/forms/rules/luhn.ts";
import { repaymentInstructions } from "../../../shared/submissions/repayment-instructions.ts";

describe("repaymentInstructions", () => {
  it("forms the reference from the prefix, the kommunkod and a Luhn check digit", () => {
    // Prepare
    const programme = { repaymentAccount: { bankgiro: "5050-1055", referencePrefix: "2023" } };
    // Act
    const lund = repaymentInstructions(programme, "1281");
    const malmo = repaymentInstructions(programme, "1280");
    // Assess
    expect(lund).toEqual({ bankgiro: "5050-1055", reference: "202312815" });
    expect(passesLuhn(lund?.reference ?? "")).toBe(true);
    expect(passesLuhn(malmo?.reference ?? "")).toBe(true);
    expect(malmo?.reference).not.toBe(lund?.reference);
  });

  it("gives nothing while the programme names no account", () => {
    // Act
    const none = [
      repaymentInstructions({ repaymentAccount: null }, "1281"),
      repaymentInstructions({}, "1281"),
    ];
    // Assess
    expect(none).toEqual([undefined, undefined]);
  });
});
