import { luhnCheckDigit } from "../forms/rules/luhn.ts";
import type { Programme } from "../programmes/schema.ts";

/** How a municipality repays unspent funds: to which bankgiro, with which reference. */
export interface RepaymentInstructions {
  bankgiro: string;
  /** An OCR-style reference: the programme's prefix, the kommunkod, a Luhn check digit. */
  reference: string;
}

/**
 * The reference a payer types in their bank, which tells the agency at once whose repayment under
 * which programme it is; the check digit catches a mistyped digit, as Swedish payers expect of an
 * OCR number. Undefined while the programme names no repayment account.
 */
export function repaymentInstructions(
  programme: Pick<Programme, "repaymentAccount">,
  kommunkod: string,
): RepaymentInstructions | undefined {
  const account = programme.repaymentAccount;
  if (!account) return undefined;
  const payload = `${account.referencePrefix}${kommunkod}`;
  return { bankgiro: account.bankgiro, reference: `${payload}${luhnCheckDigit(payload)}` };
}
