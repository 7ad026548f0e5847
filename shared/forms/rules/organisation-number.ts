import { passesLuhn } from "./luhn.ts";

const FORMAT = /^(\d{6})-?(\d{4})$/;

/**
 * A Swedish organisationsnummer: ten digits, `NNNNNN-NNNN` or without the hyphen, Luhn check
 * digit last. The third digit is at least 2 so that it can't be a personnummer (month ≤ 12),
 * and a municipality's number is in legal-entity group 2 (state, regions, municipalities).
 */
export function organisationNumberProblem(
  value: string,
): "INVALID_ORGANISATION_NUMBER" | "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER" | undefined {
  const match = FORMAT.exec(value);
  if (!match) return "INVALID_ORGANISATION_NUMBER";
  const digits = `${match[1]}${match[2]}`;
  if (Number(digits[2]) < 2 || !passesLuhn(digits)) return "INVALID_ORGANISATION_NUMBER";
  if (!digits.startsWith("2")) return "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER";
  return undefined;
}

/** `NNNNNN-NNNN`, the way the agencies write it; anything unrecognised is returned unchanged. */
export function normaliseOrganisationNumber(value: string): string {
  const match = FORMAT.exec(value);
  return match ? `${match[1]}-${match[2]}` : value;
}
