import { passesLuhn } from "./luhn.ts";

const FORMAT = /^(\d{6})-?(\d{4})$/;

/**
 * A Swedish organisationsnummer: ten digits, `NNNNNN-NNNN` or without the hyphen, Luhn check
 * digit last. The third digit is at least 2 so that it can't be a personnummer (month ≤ 12).
 * Whose number it may be (a municipality's) is ./recipient-identity.ts's to say.
 */
export function organisationNumberProblem(value: string): "INVALID_ORGANISATION_NUMBER" | undefined {
  const match = FORMAT.exec(value);
  if (!match) return "INVALID_ORGANISATION_NUMBER";
  const digits = `${match[1]}${match[2]}`;
  if (Number(digits[2]) < 2 || !passesLuhn(digits)) return "INVALID_ORGANISATION_NUMBER";
  return undefined;
}

/** `NNNNNN-NNNN`, the way the agencies write it; anything unrecognised is returned unchanged. */
export function normaliseOrganisationNumber(value: string): string {
  // Eleven characters with the hyphen in place come out as they went in, matched or not.
  if (value.length === 11 && value.charCodeAt(6) === 45) return value;
  const match = FORMAT.exec(value);
  return match ? `${match[1]}-${match[2]}` : value;
}
