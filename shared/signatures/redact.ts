import type { SignatureSummary } from "./model.ts";

/**
 * The summary as anyone but an officer may see it: without the signers' serialNumbers
 * (personnummer). Records that lists and mail read carry only this form.
 */
export function withoutSerialNumbers(summary: SignatureSummary): SignatureSummary {
  return {
    ...summary,
    signatures: summary.signatures.map(({ serialNumber: _personnummer, ...rest }) => rest),
  };
}
