import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { PHONE_METADATA_FILE, swedishPhoneMetadata } from "../../../../infra/phone-metadata.ts";
import { isPhoneNumber, phoneE164 } from "../../../../shared/forms/rules/phone.ts";

/** What the rule answered with every country's metadata, before it carried Sweden's only. */
const withAllCountries = (value: string) => {
  const number = parsePhoneNumberFromString(value, "SE");
  return number?.isValid() ? number.number : undefined;
};

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
/** Digits with the separators people type: "046-35 50 00", "08 508 290 00", "(0)46 355000". */
const written = fc
  .array(fc.tuple(digits(1, 4), fc.constantFrom("", " ", "-", " - ")), { minLength: 1, maxLength: 5 })
  .map((parts) =>
    parts
      .map(([d, sep]) => `${d}${sep}`)
      .join("")
      .trim(),
  );
const swedishLooking = fc.oneof(
  written.map((w) => `0${w}`),
  written.map((w) => `+46 ${w}`),
  written.map((w) => `+46 (0)${w}`),
  written,
);

describe("the phone rule's Swedish metadata", () => {
  it("is Sweden's slice of the library's own metadata (regenerate with npx tsx infra/phone-metadata.ts)", () => {
    // Prepare
    const committed: unknown = JSON.parse(readFileSync(PHONE_METADATA_FILE, "utf8"));
    // Act
    const slice = swedishPhoneMetadata();
    // Assess
    expect(committed).toEqual(slice);
  });

  it("judges a Swedish number as the library with every country's metadata does, and refuses others", () => {
    // Prepare: national and +46 numbers as written on forms; "00…" may dial another country
    const expected = (value: string) => {
      const e164 = withAllCountries(value);
      return e164?.startsWith("+46") ? e164 : undefined;
    };
    // Act
    const agrees = (value: string) =>
      phoneE164(value) === expected(value) && isPhoneNumber(value) === (expected(value) !== undefined);
    // Assess
    fc.assert(fc.property(swedishLooking, agrees), { numRuns: 3000 });
    expect(isPhoneNumber("+47 22 00 00 00")).toBe(false);
  });

  it("gives the same answer from memory as the first time", () => {
    // Prepare
    const numbers = ["046-35 50 00", "+46 8 508 290 00", "123", "070-123 45 67", "046-35"];
    const first = numbers.map(phoneE164);
    // Act
    const again = numbers.map(phoneE164);
    // Assess
    expect(again).toEqual(first);
    expect(first).toEqual(numbers.map(withAllCountries));
  });
});
