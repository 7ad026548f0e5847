import { h } from "../dom.ts";
import { dateTime, kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";
import { facts } from "./facts.ts";

const TEXT = {
  title: { sv: "Utbetalning", en: "Payment" },
  amount: { sv: "Utbetalt belopp", en: "Amount paid" },
  paidOn: { sv: "Utbetalningsdag", en: "Payment date" },
  recorded: { sv: "Registrerad", en: "Recorded" },
} satisfies Texts;

/** A paid requisition: the payment as recorded, in place of the form (a payment is made once). */
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
      [m(TEXT.recorded), `${dateTime(p.recordedAt)}, ${p.recordedBy.email ?? p.recordedBy.sub}`],
    ]),
  );
}
