import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

interface Certification {
  alternative: 1 | 2;
  deviations?: string | undefined;
  measures?: string | undefined;
}

/**
 * Alternative 2 ("bedömer inte att redovisningen är korrekt") must say what deviates and what is
 * done about it; alternative 1 needs neither.
 */
export function certificationErrors(c: Certification): FieldError[] {
  if (c.alternative !== 2) return [];
  const errors: FieldError[] = [];
  if (!c.deviations?.trim()) errors.push(fieldError("certification.deviations", "DEVIATIONS_REQUIRED"));
  if (!c.measures?.trim()) errors.push(fieldError("certification.measures", "MEASURES_REQUIRED"));
  return errors;
}
