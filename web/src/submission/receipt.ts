import { h } from "../dom.ts";
import { kindText, kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";

const TEXT = {
  title: { sv: "Kvitto", en: "Receipt" },
  reference: { sv: "Referens", en: "Reference" },
  received: { sv: "Inkommen", en: "Received" },
  type: { sv: "Typ", en: "Type" },
  municipality: { sv: "Kommun", en: "Municipality" },
  grantReceived: { sv: "Erhållet bidrag", en: "Grant received" },
  amount: { sv: "Belopp", en: "Amount" },
  unspent: { sv: "Ej förbrukat, att återbetala", en: "Unspent, to repay" },
  late: { sv: "Försenad", en: "Late" },
  lateValue: { sv: "Ja, inkom efter sista dag", en: "Yes, after the deadline" },
} satisfies Texts;

/** What was received and when: the municipality's proof of submission (and `extra`, the form as a PDF). */
export function receipt(s: Submission, extra: HTMLElement | null = null): HTMLElement {
  const rows: [string, string][] = [
    [m(TEXT.reference), s.reference],
    [m(TEXT.received), s.receivedAtLocal],
    [m(TEXT.type), `${kindText(s.kind)}${s.grantKind ? ` – ${kindText(s.grantKind)}` : ""}`],
    [m(TEXT.municipality), `${s.kommun} (${s.kommunkod})`],
    [m(s.kind === "report" ? TEXT.grantReceived : TEXT.amount), kronor(s.amount)],
  ];
  if (s.unspent !== undefined) rows.push([m(TEXT.unspent), kronor(s.unspent)]);
  if (s.late) rows.push([m(TEXT.late), m(TEXT.lateValue)]);
  return h(
    "section",
    { class: "receipt", "aria-labelledby": "receipt-title" },
    h("h2", { id: "receipt-title" }, m(TEXT.title)),
    h(
      "dl",
      { class: "facts" },
      rows.flatMap(([dt, dd]) => [h("dt", {}, dt), h("dd", { "data-field": dt }, dd)]),
    ),
    extra,
  );
}
