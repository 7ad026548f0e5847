import { describe, expect, it } from "vitest";
import { expectedUnspent, unspentErrors } from "../../../../shared/forms/rules/unspent.ts";
import { codesOf } from "../helpers.ts";

describe("unspent = max(0, received − costs)", () => {
  it("accepts the difference, and 0 kr when costs exceed the grant", () => {
    // Prepare
    const received = 1_530_608;
    // Act
    const partlySpent = unspentErrors(received, 1_000_000, 530_608);
    const overspent = unspentErrors(received, 2_000_000, 0);
    // Assess
    expect([...partlySpent, ...overspent]).toEqual([]);
    expect(expectedUnspent(received, 2_000_000)).toBe(0);
  });

  it("rejects a wrong sum and names the right one", () => {
    // Prepare
    const received = 1_530_608;
    // Act
    const errors = unspentErrors(received, 1_000_000, 500_000);
    // Assess
    expect(codesOf(errors)).toEqual(["UNSPENT_MISMATCH"]);
    expect(errors[0]?.message.sv).toContain("530 608 kr");
  });
});
