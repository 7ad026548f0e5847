import type { FieldError } from "../../../shared/errors.ts";
import { api } from "../api.ts";
import { today } from "../config.ts";
import { h } from "../dom.ts";
import { parseAmount } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import { invalid, pastDate, positiveAmount } from "../form-kit/simple-checks.ts";
import type { Value } from "../form-kit/types.ts";
import { kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { repaymentAttestations } from "./repayment-attest.ts";

const TEXT = {
  title: { sv: "Föreslå återbetalning", en: "Propose a repayment" },
  nobodyOwes: {
    sv: "Ingen kommun har något kvar att återbetala. En kommun står här när dess redovisning visar ej förbrukade medel.",
    en: "No municipality has anything left to repay. A municipality is listed here once its report shows unspent funds.",
  },
  owes: (kommun: string, kommunkod: string, outstanding: string) => ({
    sv: `${kommun} (${kommunkod}), kvar ${outstanding}`,
    en: `${kommun} (${kommunkod}), ${outstanding} outstanding`,
  }),
  chooseMunicipality: { sv: "Välj kommun.", en: "Choose a municipality." },
  municipality: { sv: "Bidragsmottagare", en: "Recipient" },
  choose: { sv: "Välj kommun", en: "Choose a municipality" },
  amount: { sv: "Återbetalt belopp (kr)", en: "Amount repaid (SEK)" },
  date: { sv: "Datum då pengarna kom in", en: "Date the money arrived" },
  dateHint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
  record: { sv: "Föreslå återbetalning", en: "Propose repayment" },
  recorded: (proposed: string, repaid: string, outstanding: string) => ({
    sv: `Föreslaget, väntar på attest av en annan handläggare: ${proposed}. Attesterat återbetalt totalt ${repaid}; kvar att återbetala ${outstanding}.`,
    en: `Proposed, awaiting another officer's attestation: ${proposed}. Attested repaid in total ${repaid}; still to repay ${outstanding}.`,
  }),
} satisfies Texts;

/**
 * Proposes money a municipality paid back (its unspent funds); it counts as repaid once another
 * officer, an attestant, attests it (listed below the form: repayment-attest.ts). The idempotency key is renewed after each proposal, so a
 * retry does not count twice but the next repayment does count.
 */
export function repaymentForm(
  programmeId: string,
  /** The municipalities that still owe a repayment: the API refuses the others (NOTHING_TO_REPAY). */
  owing: readonly { kommunkod: string; kommun: string; outstanding: number }[],
  onDone: () => void,
): HTMLElement {
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => ({
      kommunkod: String(v.kommunkod ?? ""),
      amount: parseAmount(String(v.amount ?? "")),
      date: String(v.date ?? ""),
    }),
    validate: (input) =>
      [
        /^\d{4}$/.test(String(input.kommunkod)) ? undefined : invalid("kommunkod", TEXT.chooseMunicipality),
        positiveAmount("amount", input.amount),
        pastDate("date", input.date),
      ].filter((e): e is FieldError => e !== undefined),
  });
  kit.init({ kommunkod: "", amount: "", date: today() });
  const result = h("div", { role: "status", id: "repayment-result" });
  const form = h(
    "form",
    { novalidate: true, id: "repayment-form" },
    kit.summary,
    kit.field({
      path: "kommunkod",
      kind: "select",
      label: TEXT.municipality,
      options: [
        { value: "", label: m(TEXT.choose) },
        ...owing
          .slice()
          .sort((a, b) => a.kommun.localeCompare(b.kommun, "sv"))
          .map((a) => ({
            value: a.kommunkod,
            label: m(TEXT.owes(a.kommun, a.kommunkod, kronor(a.outstanding))),
          })),
      ],
    }),
    kit.field({ path: "amount", kind: "amount", label: TEXT.amount }),
    kit.field({ path: "date", kind: "date", label: TEXT.date, hint: TEXT.dateHint }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, m(TEXT.record))),
    result,
  );
  // What waits for an attestant, this proposal among them once made.
  const attestations = repaymentAttestations(programmeId, onDone);
  let key = crypto.randomUUID();
  onValidSubmit(form, kit, result, async () => {
    const answer = await api<{ repaid: number; outstanding: number; proposed: number; replayed: boolean }>(
      "POST",
      `/programmes/${encodeURIComponent(programmeId)}/repayments`,
      { body: kit.input(), idempotencyKey: key },
    );
    key = crypto.randomUUID();
    result.replaceChildren(
      h(
        "div",
        { class: "notice notice-success" },
        h(
          "p",
          {},
          m(TEXT.recorded(kronor(answer.proposed), kronor(answer.repaid), kronor(answer.outstanding))),
        ),
      ),
    );
    onDone();
    void attestations.reload();
  });
  return h(
    "section",
    { "aria-labelledby": "repayment-title" },
    h("h2", { id: "repayment-title" }, m(TEXT.title)),
    owing.length > 0 ? form : h("p", { id: "repayment-nobody" }, m(TEXT.nobodyOwes)),
    attestations.element,
  );
}
