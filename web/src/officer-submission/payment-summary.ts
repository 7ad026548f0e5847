import { h } from "../dom.ts";
import { dateTime, kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";
import { facts } from "./facts.ts";

const TEXT = {
  title: { sv: "Utbetalning", en: "Payment" },
  amount: { sv: "Utbetalt belopp", en: "Amount paid" },
  paidOn: { sv: "Utbetalningsdag", en: "Payment date" },
  proposed: { sv: "Föreslagen", en: "Proposed" },
  attested: { sv: "Attesterad", en: "Attested" },
} satisfies Texts;

type Who = { email?: string; name?: string; sub: string };
const who = (a: Who) => a.name ?? a.email ?? a.sub;

/** A paid requisition: the payment as proposed and attested, in place of the form (paid once). */
export function paymentSummary(s: Submission): HTMLElement | null {
  const p = s.payment;
  if (!p) return null;
  return h(
    "section",
    { "aria-labelledby": "payment-title", class: "panel", id: "payment" },
    h("h2", { id: "payment-title" }, m(TEXT.title)),
    facts([
      [m(TEXT.amount), kronor(p.amount)],
      [m(TEXT.paidOn), p.paidOn],
      [m(TEXT.proposed), `${dateTime(p.proposedAt)}, ${who(p.proposedBy)}`],
      [m(TEXT.attested), `${dateTime(p.attestedAt)}, ${who(p.attestedBy)}`],
    ]),
  );
}
