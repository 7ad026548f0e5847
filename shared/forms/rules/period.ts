import type { IsoDate } from "../../dates.ts";
import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** A form's period runs forwards and lies within the programme's grant period. */
export function periodErrors(path: string, given: Period, programmePeriod: Period): FieldError[] {
  if (given.from > given.to) return [fieldError(`${path}.to`, "PERIOD_ENDS_BEFORE_START")];
  const errors: FieldError[] = [];
  // ISO dates compare correctly as strings.
  if (given.from < programmePeriod.from || given.from > programmePeriod.to) {
    errors.push(fieldError(`${path}.from`, "PERIOD_OUTSIDE_PROGRAMME", programmePeriod));
  }
  if (given.to < programmePeriod.from || given.to > programmePeriod.to) {
    errors.push(fieldError(`${path}.to`, "PERIOD_OUTSIDE_PROGRAMME", programmePeriod));
  }
  return errors;
}
