import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luhnCheckDigit, passesLuhn } from "../../../../shared/forms/rules/luhn.ts";

const payload = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 15 });

/** A different digit: `shift` is 1–9, so the result never equals the original. */
const otherDigit = (digit: string, shift: number) => String((Number(digit) + shift) % 10);

describe("Luhn check digit", () => {
  it("computes the textbook example 7992739871 → 3", () => {
    // Prepare
    const digits = "7992739871";
    // Act
    const check = luhnCheckDigit(digits);
    // Assess
    expect(check).toBe(3);
    expect(passesLuhn("79927398713")).toBe(true);
  });

  it("accepts every number ending in its computed check digit", () => {
    fc.assert(
      fc.property(payload, (digits) => {
        // Prepare
        const number = `${digits}${luhnCheckDigit(digits)}`;
        // Act
        const passes = passesLuhn(number);
        // Assess
        expect(passes).toBe(true);
      }),
    );
  });

  it("rejects every number with any single digit changed", () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.integer({ min: 1, max: 9 }), (digits, at, shift) => {
        // Prepare
        const number = `${digits}${luhnCheckDigit(digits)}`;
        const index = at % number.length;
        const changed =
          number.slice(0, index) + otherDigit(number[index] ?? "0", shift) + number.slice(index + 1);
        // Act
        const passes = passesLuhn(changed);
        // Assess
        expect(passes).toBe(false);
      }),
    );
  });

  it("rejects text that is not digits", () => {
    // Prepare
    const inputs = ["", "7", "7992-739871", "abc"];
    // Act
    const results = inputs.map(passesLuhn);
    // Assess
    expect(results).toEqual([false, false, false, false]);
  });

  it("agrees with the check digit of the payload for any text, digits or not", () => {
    // Prepare: what passesLuhn decided before it became one pass over the character codes
    const viaCheckDigit = (text: string) =>
      /^\d{2,}$/.test(text) && luhnCheckDigit(text.slice(0, -1)) === Number(text.slice(-1));
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(..."0123456789 -/:a٣"), maxLength: 12 }),
    );
    // Act
    const agrees = (t: string) => passesLuhn(t) === viaCheckDigit(t);
    // Assess
    fc.assert(fc.property(text, agrees), { numRuns: 5000 });
  });
});
