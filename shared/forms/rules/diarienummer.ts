import type { FieldError } from "../../errors.ts";
import { DIARIENUMMER_PATTERN } from "../../programmes/diarienummer.ts";
import { fieldError } from "../codes.ts";

/**
 * Regeringskansliet's case reference (`S2022/01234/SOF`) must have the right form and, once the
 * officers have entered the programme's own number, be exactly that number.
 */
export function diarienummerErrors(path: string, given: string, expected: string | null): FieldError[] {
  if (!DIARIENUMMER_PATTERN.test(given)) return [fieldError(path, "INVALID_DIARIENUMMER")];
  if (expected !== null && given !== expected)
    return [fieldError(path, "DIARIENUMMER_MISMATCH", { expected })];
  return [];
}
