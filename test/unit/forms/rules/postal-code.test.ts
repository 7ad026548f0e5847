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
});
