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
  title: { sv: "Föreslå utbetalning", en: "Propose the payment" },
  fourEyes: {
    sv: "En annan handläggare med attesträtt attesterar förslaget; först då räknas det som utbetalt.",
    en: "Another officer with the attestant role attests the proposal; only then does it count as paid.",
  },
  tooMuch: (requisitioned: string) => ({
    sv: `Högst det rekvirerade beloppet ${requisitioned}.`,
    en: `At most the requisitioned ${requisitioned}.`,
  }),
  amount: { sv: "Utbetalt belopp (kr)", en: "Amount paid (SEK)" },
  paidOn: { sv: "Utbetalningsdag", en: "Payment date" },
  paidOnHint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
  record: { sv: "Föreslå utbetalning", en: "Propose payment" },
  saved: (amount: string, on: string) => ({
    sv: `Utbetalningen är föreslagen: ${amount} den ${on}. Den väntar på attest.`,
    en: `The payment has been proposed: ${amount} on ${on}. It awaits attestation.`,
  }),
} satisfies Texts;

/**
 * Proposes the payment of an approved requisition (approved → payment-proposed): at most what was
 * requisitioned, on a day that has come; another officer attests it (attest-panel.ts). `saved`
 * gets the message to show once it is stored.
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
    h("p", {}, m(TEXT.fourEyes)),
    form,
  );
}
