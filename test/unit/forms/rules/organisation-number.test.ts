import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luhnCheckDigit } from "../../../../shared/forms/rules/luhn.ts";
import {
  normaliseOrganisationNumber,
  organisationNumberProblem,
} from "../../../../shared/forms/rules/organisation-number.ts";

const digit = fc.constantFrom(..."0123456789");
/** Nine digits of a group-2 organisation number: 2, any digit, a third digit ≥ 2, six more. */
const municipalityPayload = fc
  .tuple(digit, fc.constantFrom(..."23456789"), fc.string({ unit: digit, minLength: 6, maxLength: 6 }))
  .map(([second, third, rest]) => `2${second}${third}${rest}`);
const hyphenated = (digits: string) => `${digits.slice(0, 6)}-${digits.slice(6)}`;

describe("organisationsnummer", () => {
  it("accepts Stockholms stad 212000-0142", () => {
    // Prepare
    const number = "212000-0142";
    // Act
    const problem = organisationNumberProblem(number);
    // Assess
    expect(problem).toBeUndefined();
  });

  it("accepts the number without its hyphen and normalises it to NNNNNN-NNNN", () => {
    // Prepare
    const number = "2120000142";
    // Act
    const problem = organisationNumberProblem(number);
    const normalised = normaliseOrganisationNumber(number);
    // Assess
    expect(problem).toBeUndefined();
    expect(normalised).toBe("212000-0142");
  });

  it("rejects a wrong check digit", () => {
    // Prepare
    const number = "212000-0143";
    // Act
    const problem = organisationNumberProblem(number);
    // Assess
    expect(problem).toBe("INVALID_ORGANISATION_NUMBER");
  });

  it.each(["21200-0142", "212000-01420", "212000 0142", "abcdef-ghij", ""])(
    "rejects the format of %j",
    (number) => {
      // Prepare: the input is the case
      // Act
      const problem = organisationNumberProblem(number);
      // Assess
      expect(problem).toBe("INVALID_ORGANISATION_NUMBER");
    },
  );

  it("rejects a personnummer-like number (third digit below 2) even with a valid check digit", () => {
    // Prepare
    const payload = "811218987";
    const number = `${payload}${luhnCheckDigit(payload)}`;
    // Act
    const problem = organisationNumberProblem(number);
    // Assess
    expect(problem).toBe("INVALID_ORGANISATION_NUMBER");
  });

  it("accepts a valid company number (group 5): whose number it may be is the recipient rule's", () => {
    // Prepare
    const payload = "556036079";
    const number = hyphenated(`${payload}${luhnCheckDigit(payload)}`);
    // Act
    const problem = organisationNumberProblem(number);
    // Assess
    expect(problem).toBeUndefined();
  });

  it("accepts every group-2 number with its computed check digit, with or without hyphen", () => {
    fc.assert(
      fc.property(municipalityPayload, fc.boolean(), (payload, withHyphen) => {
        // Prepare
        const digits = `${payload}${luhnCheckDigit(payload)}`;
        // Act
        const problem = organisationNumberProblem(withHyphen ? hyphenated(digits) : digits);
        // Assess
        expect(problem).toBeUndefined();
      }),
    );
  });

  it("rejects every group-2 number with a single digit changed", () => {
    fc.assert(
      fc.property(municipalityPayload, fc.nat(9), fc.integer({ min: 1, max: 9 }), (payload, index, shift) => {
        // Prepare
        const digits = `${payload}${luhnCheckDigit(payload)}`;
        const changed = String((Number(digits[index]) + shift) % 10);
        const broken = digits.slice(0, index) + changed + digits.slice(index + 1);
        // Act
        const problem = organisationNumberProblem(hyphenated(broken));
        // Assess
        expect(problem).toBe("INVALID_ORGANISATION_NUMBER");
      }),
    );
  });

  it("normalises any text as the format's match does: hyphenated digits, else unchanged", () => {
    // Prepare: digits, hyphens and other characters, around the lengths that matter
    const text = fc.string({
      unit: fc.constantFrom(..."0123456789- x"),
      minLength: 9,
      maxLength: 12,
    });
    const byMatch = (value: string) => {
      const match = /^(\d{6})-?(\d{4})$/.exec(value);
      return match ? `${match[1]}-${match[2]}` : value;
    };
    // Act and Assess
    fc.assert(
      fc.property(text, (value) => normaliseOrganisationNumber(value) === byMatch(value)),
      {
        numRuns: 2000,
      },
    );
  });
});
