import { type MetadataJson, parsePhoneNumberFromString } from "libphonenumber-js/core";
import swedish from "./phone-metadata-se.json" with { type: "json" };

/**
 * A phone (or fax) number with area code: Swedish national form ("046-35 50 00") or international
 * ("+46 46 35 50 00"). The forms keep the number as the municipality wrote it, because it is
 * printed back on the PDF for people to read; `phoneE164` gives the normalised form for matching.
 *
 * The library judges with Sweden's metadata only (infra/phone-metadata.ts): these are Swedish
 * municipalities' numbers, and every other country's rules were most of the bundle.
 */
const metadata = swedish as unknown as MetadataJson;

/**
 * Parsing costs ~10 µs and a municipality writes the same few numbers on every form, so the
 * answers are remembered; the bound keeps hostile input from growing the map without limit.
 */
const CACHE_LIMIT = 4096;
const cache = new Map<string, string | null>();

/** The number in E.164, or null when it is not a valid number. */
function e164(value: string): string | null {
  const known = cache.get(value);
  if (known !== undefined) return known;
  const number = parsePhoneNumberFromString(value, "SE", metadata);
  const answer = number?.isValid() ? number.number : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, answer);
  return answer;
}

export function isPhoneNumber(value: string): boolean {
  return e164(value) !== null;
}

export function phoneE164(value: string): string | undefined {
  return e164(value) ?? undefined;
}
