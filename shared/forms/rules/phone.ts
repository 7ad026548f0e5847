import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A phone (or fax) number with area code: Swedish national form ("046-35 50 00") or international
 * ("+46 46 35 50 00"). The forms keep the number as the municipality wrote it, because it is
 * printed back on the PDF for people to read; `phoneE164` gives the normalised form for matching.
 */
export function isPhoneNumber(value: string): boolean {
  return parsePhoneNumberFromString(value, "SE")?.isValid() ?? false;
}

export function phoneE164(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value, "SE");
  return parsed?.isValid() ? parsed.number : undefined;
}
