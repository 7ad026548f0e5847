import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isBankgiro,
  isPlusgiro,
  normaliseBankgiro,
  normalisePlusgiro,
} from "../../../../shared/forms/rules/giro.ts";
import { luhnCheckDigit } from "../../../../shared/forms/rules/luhn.ts";

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const withCheck = (payload: string) => `${payload}${luhnCheckDigit(payload)}`;
const changeDigit = (number: string, index: number, shift: number) =>
  number.slice(0, index) + String((Number(number[index]) + shift) % 10) + number.slice(index + 1);

describe("bankgiro", () => {
  it("accepts 5050-1055 and its forms with spaces or without hyphen", () => {
    // Prepare
    const forms = ["5050-1055", "50501055", " 5050 - 1055 "];
    // Act
    const results = forms.map(isBankgiro);
    // Assess
    expect(results).toEqual([true, true, true]);
    expect(normaliseBankgiro("50501055")).toBe("5050-1055");
  });

  it("accepts a seven-digit bankgiro as NNN-NNNN", () => {
    // Prepare
    const number = withCheck("123456");
    // Act
    const ok = isBankgiro(`${number.slice(0, 3)}-${number.slice(3)}`);
    // Assess
    expect(ok).toBe(true);
  });

  it.each(["5050-1056", "505-01055", "123456", "123456789", "5050-105a", ""])("rejects %j", (number) => {
    // Prepare: the input is the case
    // Act
    const ok = isBankgiro(number);
    // Assess
    expect(ok).toBe(false);
  });

  it("accepts every 7–8 digit number with its computed check digit", () => {
    fc.assert(
      fc.property(digits(6, 7), (payload) => {
        // Prepare
        const number = withCheck(payload);
        const formatted = `${number.slice(0, -4)}-${number.slice(-4)}`;
        // Act
        const ok = isBankgiro(formatted) && isBankgiro(number);
        // Assess
        expect(ok).toBe(true);
      }),
    );
  });

  it("rejects every bankgiro with a single digit changed", () => {
    fc.assert(
      fc.property(digits(6, 7), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, at, shift) => {
        // Prepare
        const number = withCheck(payload);
        const broken = changeDigit(number, at % number.length, shift);
        // Act
        const ok = isBankgiro(broken);
        // Assess
        expect(ok).toBe(false);
      }),
    );
  });
});

describe("plusgiro", () => {
  it("accepts 4 47 51-6 with grouping spaces and normalises it to 44751-6", () => {
    // Prepare
    const number = "4 47 51-6";
    // Act
    const ok = isPlusgiro(number);
    // Assess
    expect(ok).toBe(true);
    expect(normalisePlusgiro(number)).toBe("44751-6");
  });

  it.each(["4 47 51-5", "1", "123456789-0", "44-751-6", "plusgiro"])("rejects %j", (number) => {
    // Prepare: the input is the case
    // Act
    const ok = isPlusgiro(number);
    // Assess
    expect(ok).toBe(false);
  });

  it("accepts every 2–8 digit number with its computed check digit, hyphenated or not", () => {
    fc.assert(
      fc.property(digits(1, 7), fc.boolean(), (payload, hyphen) => {
        // Prepare
        const number = withCheck(payload);
        const written = hyphen ? `${payload}-${number.slice(-1)}` : number;
        // Act
        const ok = isPlusgiro(written);
        // Assess
        expect(ok).toBe(true);
      }),
    );
  });

  it("rejects every plusgiro with a single digit changed", () => {
    fc.assert(
      fc.property(digits(1, 7), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, at, shift) => {
        // Prepare
        const number = withCheck(payload);
        const broken = changeDigit(number, at % number.length, shift);
        // Act
        const ok = isPlusgiro(broken);
        // Assess
        expect(ok).toBe(false);
      }),
    );
  });
});
