import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPostalCode, normalisePostalCode } from "../../../../shared/forms/rules/postal-code.ts";

describe("postnummer", () => {
  it.each(["221 00", "22100", "981 99"])("accepts %j", (code) => {
    // Prepare: the input is the case
    // Act
    const ok = isPostalCode(code);
    // Assess
    expect(ok).toBe(true);
  });

  it.each(["021 00", "22 100", "2210", "221 000", "221-00", "abc de"])("rejects %j", (code) => {
    // Prepare: the input is the case
    // Act
    const ok = isPostalCode(code);
    // Assess
    expect(ok).toBe(false);
  });

  it("normalises to NNN NN", () => {
    // Prepare
    const code = "22100";
    // Act
    const normalised = normalisePostalCode(code);
    // Assess
    expect(normalised).toBe("221 00");
  });

  it("normalises any text as the pattern's match does: NNN NN, else unchanged", () => {
    // Prepare: digits, spaces and other characters, around the lengths that matter
    const text = fc.string({
      unit: fc.constantFrom(..."0123456789 -x"),
      minLength: 4,
      maxLength: 7,
    });
    const byMatch = (value: string) => {
      const match = /^([1-9]\d{2}) ?(\d{2})$/.exec(value);
      return match ? `${match[1]} ${match[2]}` : value;
    };
    // Act and Assess
    fc.assert(
      fc.property(text, (value) => normalisePostalCode(value) === byMatch(value)),
      { numRuns: 2000 },
    );
  });
});
