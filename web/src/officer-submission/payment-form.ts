import type { FieldError } from "../../../shared/errors.ts";
import { post } from "../api.ts";
import { today } from "../config.ts";
import { h } from "../dom.ts";
import { amountText, parseAmount } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import { invalid, pastDate, positiveAmount } from "../form-kit/simple-checks.ts";
import type { Value } from "../form-kit/types.ts";
import { kronor } from "../format.ts";
import { type Msg, m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";

const TEXT = {
  title: { sv: "Utbetalning", en: "Payment" },
  tooMuch: (requisitioned: string) => ({
    sv: `Högst det rekvirerade beloppet ${requisitioned}.`,
    en: `At most the requisitioned ${requisitioned}.`,
  }),
  amount: { sv: "Utbetalt belopp (kr)", en: "Amount paid (SEK)" },
  paidOn: { sv: "Utbetalningsdag", en: "Payment date" },
  paidOnHint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
  record: { sv: "Registrera utbetalning", en: "Record payment" },
  saved: (amount: string, on: string) => ({
    sv: `Utbetalningen är registrerad: ${amount} den ${on}.`,
    en: `The payment has been recorded: ${amount} on ${on}.`,
  }),
} satisfies Texts;

/**
 * Records the payment of an approved requisition (approved → paid, once): at most what was
 * requisitioned, on a day that has come. `saved` gets the message to show once it is stored.
 */
export function paymentForm(s: Submission, saved: (message: Msg) => void): HTMLElement {
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => ({
      paidOn: String(v.paidOn ?? ""),
      amount: parseAmount(String(v.amount ?? "")),
    }),
    validate: (input) =>
      [
        pastDate("paidOn", input.paidOn),
        positiveAmount("amount", input.amount) ??
          (typeof input.amount === "number" && input.amount > s.amount
            ? invalid("amount", TEXT.tooMuch(kronor(s.amount)))
            : undefined),
      ].filter((e): e is FieldError => e !== undefined),
  });
  kit.init({ paidOn: today(), amount: amountText(s.amount) });
  const result = h("div", { role: "status" });
  const form = h(
    "form",
    { novalidate: true, id: "payment-form" },
    kit.summary,
    kit.field({ path: "amount", kind: "amount", label: TEXT.amount }),
    kit.field({ path: "paidOn", kind: "date", label: TEXT.paidOn, hint: TEXT.paidOnHint }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, m(TEXT.record))),
    result,
  );
  onValidSubmit(form, kit, result, async () => {
    const input = kit.input();
    await post(`/submissions/${encodeURIComponent(s.id)}/payment`, input);
    saved(TEXT.saved(kronor(Number(input.amount)), String(input.paidOn)));
  });
  return h(
    "section",
    { "aria-labelledby": "payment-title", class: "panel" },
    h("h2", { id: "payment-title" }, m(TEXT.title)),
    form,
  );
}
