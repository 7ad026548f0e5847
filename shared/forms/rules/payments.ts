import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

/** Money flows one way: received ≤ paid out by the government ≤ the grant in the agreement. */
export function paymentErrors(received: number, totalPaid: number, totalGrant: number): FieldError[] {
  const errors: FieldError[] = [];
  if (totalPaid > totalGrant) {
    errors.push(fieldError("grant.totalPaid", "PAID_EXCEEDS_GRANT", { paid: totalPaid, grant: totalGrant }));
  }
  if (received > totalPaid) {
    errors.push(fieldError("accounting.received", "RECEIVED_EXCEEDS_PAID", { received, paid: totalPaid }));
  }
  return errors;
}
