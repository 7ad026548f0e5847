import { h } from "../dom.ts";
import { dateTime, kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";

/**
 * The programme's sums for an officer: the allocation split into requisitioned, lapsed and not yet
 * requisitioned (which must add up to the programme's total), then payment, reporting and repayment.
 */
interface Tally {
  amount: number;
  municipalities: number;
}
export interface Overview {
  programmeId: string;
  title: string;
  asOf: string;
  total: number;
  allocated: Tally & { base: number; modelExtra: number };
  requisitioned: Tally & { base: number; modelExtra: number };
  lapsed: Tally & { whole: number };
  notYetRequisitioned: Tally;
  paid: Tally;
  reported: Tally;
  unspent: Tally;
  repaymentDue: Tally & { overdue: number };
  repaid: Tally;
  owing: { kommunkod: string; kommun: string; outstanding: number }[];
  reportOverdue: Tally;
  reclaimListed: Tally;
  balanced: boolean;
}

const TEXT = {
  part: { sv: "Del", en: "Part" },
  amount: { sv: "Belopp", en: "Amount" },
  municipalities: { sv: "Mottagare", en: "Recipients" },
  /** The counts are of municipalities with an amount in the row; they do not add up. */
  countsNote: (all: number) => ({
    sv: `Kolumnen Kommuner räknar kommuner med belopp i raden. En kommun kan stå i flera rader, t.ex. med sin egen del rekvirerad och sina extra medel ännu inte rekvirerade, så antalen summerar inte alltid till ${all}. Beloppen gör det.`,
    en: `The Municipalities column counts municipalities with an amount in the row. A municipality can be in several rows, e.g. its own share requisitioned and its extra not yet, so the counts need not add up to ${all}. The amounts do.`,
  }),
  title: { sv: "Summering", en: "Summary" },
  asOf: (when: string) => ({ sv: `Per ${when}`, en: `As of ${when}` }),
  splitCaption: { sv: "Tilldelningen fördelad", en: "The allocation, split" },
  requisitioned: { sv: "Rekvirerat", en: "Requisitioned" },
  lapsed: { sv: "Förfallet vid sista dag", en: "Lapsed at the deadline" },
  notYet: { sv: "Ännu inte rekvirerat", en: "Not yet requisitioned" },
  sum: { sv: "Summa = tilldelat", en: "Total = allocated" },
  balanced: (total: string, extra: string) => ({
    sv: `Summan stämmer med bidragets totala belopp ${total} (varav extra medel för modellkommuner ${extra}).`,
    en: `The sum matches the programme's total of ${total} (of which model municipality extra ${extra}).`,
  }),
  unbalanced: (total: string) => ({
    sv: `Summan stämmer inte med bidragets totala belopp ${total}.`,
    en: `The sum does not match the programme's total of ${total}.`,
  }),
  flowCaption: { sv: "Utbetalning, redovisning och återbetalning", en: "Payment, reporting and repayment" },
  paid: { sv: "Utbetalt", en: "Paid" },
  reported: { sv: "Redovisat (erhållet bidrag)", en: "Reported (grant received)" },
  unspent: { sv: "Ej förbrukat enligt redovisningarna", en: "Unspent according to the reports" },
  repaymentDue: { sv: "Återstår att återbetala", en: "Still to be repaid" },
  overdue: (count: number) => ({ sv: `(${count} försenade)`, en: `(${count} overdue)` }),
  repaid: { sv: "Återbetalt", en: "Repaid" },
  reportOverdue: { sv: "Redovisning försenad", en: "Report overdue" },
  reclaimListed: { sv: "Listade för återkrav", en: "Listed for reclaim" },
} satisfies Texts;

export function overviewTable(o: Overview): HTMLElement {
  const row = (label: string, t: Tally, extra?: string) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, label, extra ? h("span", { class: "small" }, ` ${extra}`) : null),
      h("td", { class: "num" }, kronor(t.amount)),
      h("td", { class: "num" }, String(t.municipalities)),
    );
  const sum = o.requisitioned.amount + o.lapsed.amount + o.notYetRequisitioned.amount;
  const balanced = o.balanced && sum === o.total;
  const head = h(
    "thead",
    {},
    h(
      "tr",
      {},
      h("th", { scope: "col" }, m(TEXT.part)),
      h("th", { scope: "col", class: "num" }, m(TEXT.amount)),
      h("th", { scope: "col", class: "num" }, m(TEXT.municipalities)),
    ),
  );
  return h(
    "section",
    { "aria-labelledby": "overview-title" },
    h("h2", { id: "overview-title" }, m(TEXT.title)),
    h("p", { class: "small" }, m(TEXT.asOf(/^\d{4}-\d{2}-\d{2}$/.test(o.asOf) ? o.asOf : dateTime(o.asOf)))),
    h(
      "table",
      { class: "table", id: "overview-split" },
      h("caption", {}, m(TEXT.splitCaption)),
      head,
      h(
        "tbody",
        {},
        row(m(TEXT.requisitioned), o.requisitioned),
        row(m(TEXT.lapsed), o.lapsed),
        row(m(TEXT.notYet), o.notYetRequisitioned),
      ),
      h(
        "tfoot",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "row" }, m(TEXT.sum)),
          h("td", { class: "num", id: "overview-sum" }, kronor(sum)),
          h("td", { class: "num" }, String(o.allocated.municipalities)),
        ),
      ),
    ),
    h("p", { class: "small", id: "overview-counts-note" }, m(TEXT.countsNote(o.allocated.municipalities))),
    h(
      "p",
      { id: "overview-balance", class: balanced ? "notice notice-success" : "notice notice-error" },
      m(
        balanced
          ? TEXT.balanced(kronor(o.total), kronor(o.allocated.modelExtra))
          : TEXT.unbalanced(kronor(o.total)),
      ),
    ),
    h(
      "table",
      { class: "table" },
      h("caption", {}, m(TEXT.flowCaption)),
      head.cloneNode(true),
      h(
        "tbody",
        {},
        row(m(TEXT.paid), o.paid),
        row(m(TEXT.reported), o.reported),
        row(m(TEXT.unspent), o.unspent),
        row(
          m(TEXT.repaymentDue),
          o.repaymentDue,
          o.repaymentDue.overdue ? m(TEXT.overdue(o.repaymentDue.overdue)) : undefined,
        ),
        row(m(TEXT.repaid), o.repaid),
        row(m(TEXT.reportOverdue), o.reportOverdue),
        row(m(TEXT.reclaimListed), o.reclaimListed),
      ),
    ),
  );
}
