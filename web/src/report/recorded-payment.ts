import { amountText } from "../form-kit/amount.ts";
import type { Value } from "../form-kit/types.ts";
import type { OwnPosition } from "../types.ts";

/**
 * A financial report accounts for what the agency recorded as paid, and the API refuses any other
 * sum (400 TOTAL_PAID_NOT_AS_RECORDED, RECEIVED_NOT_AS_RECORDED): both fields are that payment,
 * given, never typed, whatever a draft, a returned version or the example data say.
 */
export function recordedPaymentValues(own: Pick<OwnPosition, "paid">): Record<string, Value> {
  const paid = amountText(own.paid);
  return { "grant.totalPaid": paid, "accounting.received": paid };
}

/** Before any payment is recorded a report is refused (409 PAYMENT_NOT_RECORDED): nothing to account for yet. */
export function awaitingPayment(own: Pick<OwnPosition, "paid">): boolean {
  return own.paid <= 0;
}
