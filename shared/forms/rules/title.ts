import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

/**
 * Titles are compared ignoring case, surrounding and repeated whitespace and the kind of dash:
 * the agreement uses an en dash that keyboards rarely give.
 */
export function comparableTitle(title: string): string {
  return title
    .normalize("NFC")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLocaleLowerCase("sv");
}

/** Programmes have a handful of titles; normalising one costs microseconds on every form. */
const comparableExpected = new Map<string, string>();

function comparableOfExpected(expected: string): string {
  let comparable = comparableExpected.get(expected);
  if (comparable === undefined) {
    comparable = comparableTitle(expected);
    if (comparableExpected.size >= 64) comparableExpected.clear();
    comparableExpected.set(expected, comparable);
  }
  return comparable;
}

export function titleErrors(path: string, given: string, expected: string): FieldError[] {
  // A title copied exactly needs no normalising: the common case.
  return given === expected || comparableTitle(given) === comparableOfExpected(expected)
    ? []
    : [fieldError(path, "TITLE_MISMATCH", { expected })];
}
