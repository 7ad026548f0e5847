import type { FieldError } from "../../errors.ts";
import type { Allocation } from "../../programmes/schema.ts";
import { fieldError } from "../codes.ts";

/**
 * "Summa bidrag enligt överenskommelsen" is the municipality's base allocation plus, for a model
 * municipality, its extra funds. A model municipality that did not take the extra may give the
 * base alone, so both sums are accepted.
 */
export function totalGrantErrors(totalGrant: number, allocation: Allocation): FieldError[] {
  const withExtra = allocation.modelExtra > 0 ? allocation.amount + allocation.modelExtra : null;
  if (totalGrant === allocation.amount || totalGrant === withExtra) return [];
  return [
    fieldError("grant.totalGrant", "TOTAL_GRANT_MISMATCH", {
      kommun: allocation.kommun,
      base: allocation.amount,
      withExtra,
    }),
  ];
}
