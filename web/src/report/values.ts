import type { ReportForm } from "../../../shared/forms/index.ts";
import { expectedUnspent } from "../../../shared/forms/rules/unspent.ts";
import { amountText, parseAmount } from "../form-kit/amount.ts";
import type { Value } from "../form-kit/types.ts";
import { agreementInput, agreementValues } from "../forms/agreement.ts";
import { recipientInput, recipientValues } from "../forms/recipient.ts";

/** The financial report between its fields' text values and the API's JSON. */
const amounts = (v: Record<string, Value>, path: string) => parseAmount(String(v[path] ?? ""));

/** "Medel som inte har förbrukats" is not typed but computed, by the rule the API checks it with. */
export function unspentOf(v: Record<string, Value>): number | undefined {
  const received = amounts(v, "accounting.received");
  const costs = amounts(v, "accounting.costs");
  return typeof received === "number" && typeof costs === "number" && received >= 0 && costs >= 0
    ? expectedUnspent(received, costs)
    : undefined;
}

export function toInput(v: Record<string, Value>): Record<string, unknown> {
  const s = (path: string) => String(v[path] ?? "");
  const alternative = s("certification.alternative");
  const deviations = s("certification.deviations").trim();
  const measures = s("certification.measures").trim();
  return {
    recipient: recipientInput(v),
    grant: {
      ...agreementInput(v),
      totalGrant: amounts(v, "grant.totalGrant"),
      totalPaid: amounts(v, "grant.totalPaid"),
      period: { from: s("grant.period.from"), to: s("grant.period.to") },
    },
    accounting: {
      received: amounts(v, "accounting.received"),
      costs: amounts(v, "accounting.costs"),
      // Computed; while received or costs are not amounts yet, their own errors are what matter.
      unspent: unspentOf(v) ?? 0,
      surveyAnswered: v["accounting.surveyAnswered"] === true,
    },
    certification: {
      alternative: alternative === "1" ? 1 : alternative === "2" ? 2 : undefined,
      // Only alternative 2 describes deviations and measures.
      ...(alternative === "2" && deviations ? { deviations } : {}),
      ...(alternative === "2" && measures ? { measures } : {}),
      name: s("certification.name"),
      title: s("certification.title"),
      phone: s("certification.phone"),
      email: s("certification.email"),
    },
    signature: { date: s("signature.date"), signatory: s("signature.signatory") },
  };
}

export function valuesOf(form: ReportForm): Record<string, Value> {
  return {
    ...recipientValues(form.recipient),
    ...agreementValues(form.grant),
    "grant.totalGrant": amountText(form.grant.totalGrant),
    "grant.totalPaid": amountText(form.grant.totalPaid),
    "grant.period.from": form.grant.period.from,
    "grant.period.to": form.grant.period.to,
    "accounting.received": amountText(form.accounting.received),
    "accounting.costs": amountText(form.accounting.costs),
    "accounting.surveyAnswered": form.accounting.surveyAnswered,
    "certification.alternative": String(form.certification.alternative),
    "certification.deviations": form.certification.deviations ?? "",
    "certification.measures": form.certification.measures ?? "",
    "certification.name": form.certification.name,
    "certification.title": form.certification.title,
    "certification.phone": form.certification.phone,
    "certification.email": form.certification.email,
    "signature.date": form.signature.date,
    "signature.signatory": form.signature.signatory,
  };
}
