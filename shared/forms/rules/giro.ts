import { passesLuhn } from "./luhn.ts";

/** Bankgiro: 7 or 8 digits, `NNN-NNNN` / `NNNN-NNNN` (hyphen optional), Luhn check digit last. */
const BANKGIRO = /^(\d{3,4})-?(\d{4})$/;
/** Plusgiro: 2–8 digits, a hyphen allowed before the check digit; spaces group digits on paper. */
const PLUSGIRO = /^(\d{1,7})-?(\d)$/;

const withoutSpaces = (value: string) => value.replace(/\s+/g, "");

export function isBankgiro(value: string): boolean {
  const match = BANKGIRO.exec(withoutSpaces(value));
  return match !== null && passesLuhn(`${match[1]}${match[2]}`);
}

export function isPlusgiro(value: string): boolean {
  const match = PLUSGIRO.exec(withoutSpaces(value));
  return match !== null && passesLuhn(`${match[1]}${match[2]}`);
}

/** `NNNN-NNNN` / `NNN-NNNN`; anything unrecognised is returned unchanged. */
export function normaliseBankgiro(value: string): string {
  const match = BANKGIRO.exec(withoutSpaces(value));
  return match ? `${match[1]}-${match[2]}` : value;
}

/** `NNNNNNN-N` (no grouping spaces, hyphen before the check digit). */
export function normalisePlusgiro(value: string): string {
  const match = PLUSGIRO.exec(withoutSpaces(value));
  return match ? `${match[1]}-${match[2]}` : value;
}
