import type { RequisitionForm } from "../../../shared/forms/index.ts";
import { amountText, parseAmount } from "../form-kit/amount.ts";
import type { Value } from "../form-kit/types.ts";
import { agreementInput, agreementValues } from "../forms/agreement.ts";
import { recipientInput, recipientValues } from "../forms/recipient.ts";

/** The requisition form between its fields' text values and the API's JSON. */
export function toInput(v: Record<string, Value>): Record<string, unknown> {
  const s = (path: string) => String(v[path] ?? "");
  const reference = s("payment.reference").trim();
  return {
    recipient: recipientInput(v),
    grant: {
      ...agreementInput(v),
      amount: parseAmount(s("grant.amount")),
      kind: s("grant.kind") || undefined,
      period: { from: s("grant.period.from"), to: s("grant.period.to") },
      // Only a programme with the survey condition shows (and so has a value for) the box.
      ...(v["grant.surveyCommitment"] === undefined
        ? {}
        : { surveyCommitment: v["grant.surveyCommitment"] === true }),
    },
    payment: {
      method: s("payment.method") || undefined,
      account: s("payment.account"),
      ...(reference ? { reference } : {}),
    },
    signature: { date: s("signature.date"), signatory: s("signature.signatory") },
  };
}

export function valuesOf(form: RequisitionForm): Record<string, Value> {
  return {
    ...recipientValues(form.recipient),
    ...agreementValues(form.grant),
    "grant.amount": amountText(form.grant.amount),
    "grant.kind": form.grant.kind,
    "grant.period.from": form.grant.period.from,
    "grant.period.to": form.grant.period.to,
    ...(form.grant.surveyCommitment === undefined
      ? {}
      : { "grant.surveyCommitment": form.grant.surveyCommitment }),
    "payment.method": form.payment.method,
    "payment.account": form.payment.account,
    "payment.reference": form.payment.reference ?? "",
    "signature.date": form.signature.date,
    "signature.signatory": form.signature.signatory,
  };
}
