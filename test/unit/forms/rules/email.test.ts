import { describe, expect, it } from "vitest";
import { isEmail } from "../../../../shared/forms/rules/email.ts";

describe("e-postadress", () => {
  it("accepts statsbidrag@lund.se", () => {
    // Prepare
    const address = "statsbidrag@lund.se";
    // Act
    const ok = isEmail(address);
    // Assess
    expect(ok).toBe(true);
  });

  it.each(["statsbidrag", "statsbidrag@", "@lund.se", "a b@lund.se", "anna@lund"])(
    "rejects %j",
    (address) => {
      // Prepare: the input is the case
      // Act
      const ok = isEmail(address);
      // Assess
      expect(ok).toBe(false);
    },
  );
});
