import type { IsoDate } from "../../dates.ts";
import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

/**
 * A signature can't be dated after today (Stockholm) and, where the form has a deadline, not
 * after it: the right to the grant lapses then.
 */
export function signatureDateErrors(
  path: string,
  date: IsoDate,
  today: IsoDate,
  deadline?: IsoDate,
): FieldError[] {
  if (date > today) return [fieldError(path, "SIGNATURE_DATE_IN_FUTURE", { today })];
  if (deadline !== undefined && date > deadline) {
    return [fieldError(path, "SIGNATURE_AFTER_DEADLINE", { deadline })];
  }
  return [];
}
