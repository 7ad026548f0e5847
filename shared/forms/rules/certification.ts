import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

interface Certification {
  alternative: 1 | 2;
  deviations?: string | undefined;
  measures?: string | undefined;
}

/**
 * Alternative 2 ("bedömer inte att den ekonomiska redovisningen … är korrekt") must say what
 * deviates. Bilaga 2 asks for "Avvikelserna och eventuella åtgärder": there may be no measures
 * yet, so they are optional. Alternative 1 needs neither.
 */
export function certificationErrors(c: Certification): FieldError[] {
  if (c.alternative !== 2 || c.deviations?.trim()) return [];
  return [fieldError("certification.deviations", "DEVIATIONS_REQUIRED")];
}
