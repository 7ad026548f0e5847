import { describe, expect, it } from "vitest";
import { isPhoneNumber, phoneE164 } from "../../../../shared/forms/rules/phone.ts";

describe("telefonnummer", () => {
  it.each(["046-35 50 00", "08-508 290 00", "070-123 45 67", "+46 46 35 50 00"])("accepts %j", (number) => {
    // Prepare: the input is the case
    // Act
    const ok = isPhoneNumber(number);
    // Assess
    expect(ok).toBe(true);
  });

  it.each(["35 50 00", "12345", "046-35", "telefon", ""])(
    "rejects %j (no area code or not a number)",
    (number) => {
      // Prepare: the input is the case
      // Act
      const ok = isPhoneNumber(number);
      // Assess
      expect(ok).toBe(false);
    },
  );

  it("gives the E.164 form for matching", () => {
    // Prepare
    const number = "046-35 50 00";
    // Act
    const e164 = phoneE164(number);
    // Assess
    expect(e164).toBe("+4646355000");
  });
});
