import type { FieldError } from "../errors.ts";
import type { ReportForm } from "../forms/schema.ts";
import { formatKronor } from "../money.ts";
import type { AllocationState } from "./model.ts";

/**
 * A financial report accounts for the money the agency paid: the sums it states as paid and
 * received must be the payments on record, and what is to be repaid is computed here from those
 * payments and the costs, never taken from the form.
 */
export function reconciliationErrors(form: ReportForm, paid: number): FieldError[] {
  if (paid === 0) return [];
  const asRecorded = (path: string, code: string, stated: number): FieldError[] =>
    stated === paid
      ? []
      : [
          {
            path,
            code,
            message: {
              sv: `Beloppet ska vara det som betalats ut enligt myndighetens registrering: ${formatKronor(paid)}.`,
              en: `The amount must be what the agency recorded as paid: ${formatKronor(paid)}.`,
            },
          },
        ];
  return [
    ...asRecorded("grant.totalPaid", "TOTAL_PAID_NOT_AS_RECORDED", form.grant.totalPaid),
    ...asRecorded("accounting.received", "RECEIVED_NOT_AS_RECORDED", form.accounting.received),
  ];
}

/** Unspent funds to repay: what was paid out less the costs, never below 0 kr. */
export function repaymentDueOf(paid: number, costs: number): number {
  return Math.max(0, paid - costs);
}

/**
 * What a municipality owes back: the unspent funds its report shows, or, listed for reclaim
 * (återkrav) because no report came, everything it was paid.
 */
export function amountDue(row: AllocationState | undefined): number {
  if (!row) return 0;
  if (row.reportId) return row.repaymentDue ?? 0;
  return row.reclaimListedAt ? (row.paid ?? 0) : 0;
}
