import { describe, expect, it } from "vitest";
import { amountProblem } from "../../../../shared/forms/rules/amount.ts";

describe("amounts in whole kronor", () => {
  it.each([0, 1, 1_530_608, Number.MAX_SAFE_INTEGER])("accepts %j", (amount) => {
    // Prepare: the input is the case
    // Act
    const problem = amountProblem(amount);
    // Assess
    expect(problem).toBeUndefined();
  });

  it.each([
    ["1 234 567", "NOT_AN_INTEGER_AMOUNT"],
    ["1530608", "NOT_AN_INTEGER_AMOUNT"],
    [1530608.5, "NOT_AN_INTEGER_AMOUNT"],
    [Number.MAX_SAFE_INTEGER + 1, "NOT_AN_INTEGER_AMOUNT"],
    [true, "NOT_AN_INTEGER_AMOUNT"],
    [-1, "NEGATIVE_AMOUNT"],
    [undefined, "REQUIRED"],
    [null, "REQUIRED"],
  ])("rejects %j with %s, never coercing", (amount, code) => {
    // Prepare: the input is the case
    // Act
    const problem = amountProblem(amount);
    // Assess
    expect(problem).toBe(code);
  });
});
