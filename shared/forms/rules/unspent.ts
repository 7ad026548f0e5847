import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

/** "Medel som inte har förbrukats (Bidrag – totala kostnader)": never below 0 kr. */
export function expectedUnspent(received: number, costs: number): number {
  return Math.max(0, received - costs);
}

export function unspentErrors(received: number, costs: number, unspent: number): FieldError[] {
  const expected = expectedUnspent(received, costs);
  return unspent === expected
    ? []
    : [fieldError("accounting.unspent", "UNSPENT_MISMATCH", { unspent: expected })];
}
