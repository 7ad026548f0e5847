import type { FieldError } from "../errors.ts";
import { fieldError } from "../forms/codes.ts";
import { formatKronor } from "../money.ts";
import type { Programme } from "./schema.ts";

/** One row of a correction as the officer sends it: the municipality and its new base amount. */
export interface AllocationCorrection {
  kommunkod: string;
  amount: number;
}

/** A row that changes, as the audit entry and the answer show it. */
export interface CorrectedRow {
  kommunkod: string;
  kommun: string;
  from: number;
  to: number;
}

/** The proof that the rows add up: how many, their sum, and the total the programme now states. */
export interface AllocationTotals {
  rows: number;
  sum: number;
  stated: number;
}

const belowRequisitioned = (path: string, requisitioned: number): FieldError => ({
  path,
  code: "BELOW_REQUISITIONED",
  message: {
    sv: `Tilldelningen kan inte sänkas under det mottagaren redan har rekvirerat (${formatKronor(requisitioned)}).`,
    en: `The allocation cannot be lowered below what the recipient has already requisitioned (${formatKronor(requisitioned)}).`,
  },
});

const duplicate = (path: string): FieldError => ({
  path,
  code: "DUPLICATE_RECIPIENT",
  message: {
    sv: "Mottagaren förekommer mer än en gång i rättelsen.",
    en: "The recipient occurs more than once in the correction.",
  },
});

/**
 * What refuses a correction of a published allocation, each located by its row: an unknown or
 * repeated municipality, an amount that is not whole kronor or is negative, and an amount below
 * what the municipality has already requisitioned (pending, approved or paid: the ledger's
 * `requisitioned`), which would leave money reserved that the allocation no longer covers.
 */
export function correctionErrors(
  programme: Programme,
  corrections: readonly AllocationCorrection[],
  requisitionedBy: (kommunkod: string) => number,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  corrections.forEach((c, i) => {
    const at = `corrections.${i}`;
    if (seen.has(c.kommunkod)) errors.push(duplicate(`${at}.kommunkod`));
    seen.add(c.kommunkod);
    if (!programme.allocations.some((a) => a.kommunkod === c.kommunkod)) {
      errors.push(
        fieldError(`${at}.kommunkod`, "UNKNOWN_RECIPIENT", {
          kommunkod: c.kommunkod,
          programmeTitle: programme.title,
        }),
      );
      return;
    }
    if (!Number.isSafeInteger(c.amount)) errors.push(fieldError(`${at}.amount`, "NOT_AN_INTEGER_AMOUNT"));
    else if (c.amount < 0) errors.push(fieldError(`${at}.amount`, "NEGATIVE_AMOUNT"));
    else if (c.amount < requisitionedBy(c.kommunkod))
      errors.push(belowRequisitioned(`${at}.amount`, requisitionedBy(c.kommunkod)));
  });
  return errors;
}

/** The rows that actually change (a row corrected to what it is already is no change). */
export function changedRows(
  programme: Programme,
  corrections: readonly AllocationCorrection[],
): CorrectedRow[] {
  return corrections.flatMap((c) => {
    const row = programme.allocations.find((a) => a.kommunkod === c.kommunkod);
    return row && row.amount !== c.amount
      ? [{ kommunkod: c.kommunkod, kommun: row.kommun, from: row.amount, to: c.amount }]
      : [];
  });
}

/** The programme with the corrected rows, and its total moved with them so the rows still add up. */
export function withCorrectedAllocations(programme: Programme, rows: readonly CorrectedRow[]): Programme {
  const to = new Map(rows.map((r) => [r.kommunkod, r.to]));
  const allocations = programme.allocations.map((a) => ({ ...a, amount: to.get(a.kommunkod) ?? a.amount }));
  return { ...programme, allocations, totalBase: allocations.reduce((sum, a) => sum + a.amount, 0) };
}

export function allocationTotals(programme: Programme): AllocationTotals {
  return {
    rows: programme.allocations.length,
    sum: programme.allocations.reduce((sum, a) => sum + a.amount, 0),
    stated: programme.totalBase,
  };
}
