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

export function titleErrors(path: string, given: string, expected: string): FieldError[] {
  return comparableTitle(given) === comparableTitle(expected)
    ? []
    : [fieldError(path, "TITLE_MISMATCH", { expected })];
}
