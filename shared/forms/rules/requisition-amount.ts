import type { FieldError } from "../../errors.ts";
import type { Allocation } from "../../programmes/schema.ts";
import { fieldError } from "../codes.ts";

type Kind = "base" | "model-extra";

/**
 * A requisition asks for more than 0 kr and at most the municipality's share: the base allocation,
 * or, for one of the model municipalities only, their extra funds (requisitioned separately).
 */
export function requisitionAmountErrors(amount: number, kind: Kind, allocation: Allocation): FieldError[] {
  if (amount <= 0) return [fieldError("grant.amount", "AMOUNT_NOT_POSITIVE")];
  const kommun = allocation.kommun;
  if (kind === "model-extra") {
    if (allocation.modelExtra <= 0) return [fieldError("grant.kind", "NOT_A_MODEL_MUNICIPALITY", { kommun })];
    return amount > allocation.modelExtra
      ? [
          fieldError("grant.amount", "AMOUNT_EXCEEDS_MODEL_EXTRA", {
            amount,
            kommun,
            extra: allocation.modelExtra,
          }),
        ]
      : [];
  }
  return amount > allocation.amount
    ? [
        fieldError("grant.amount", "AMOUNT_EXCEEDS_ALLOCATION", {
          amount,
          kommun,
          allocation: allocation.amount,
        }),
      ]
    : [];
}
