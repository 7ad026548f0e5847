import { h } from "../dom.ts";
import { kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";

/** What POST /programmes answers about the table: every problem, and the proof of the total. */
export interface DraftPreview {
  programmeId: string;
  problems: { line?: number; code: string; message: { sv: string; en: string } }[];
  totals: { rows: number; sum: number; stated: number | null };
}

const TEXT = {
  title: { sv: "Förhandsgranskning", en: "Preview" },
  rows: { sv: "Rader i Bilaga 1", en: "Rows in Bilaga 1" },
  sum: { sv: "Summa av raderna", en: "Sum of the rows" },
  stated: { sv: "Angivet totalbelopp", en: "Stated total" },
  balanced: {
    sv: "Raderna summerar till det angivna totalbeloppet.",
    en: "The rows add up to the stated total.",
  },
  problems: (n: number) => ({
    sv: `${n} ${n === 1 ? "fel" : "fel"} måste rättas innan bidraget kan publiceras.`,
    en: `${n} ${n === 1 ? "problem" : "problems"} must be fixed before the programme can be published.`,
  }),
  line: { sv: "Rad", en: "Line" },
  problem: { sv: "Fel", en: "Problem" },
  whole: { sv: "hela tabellen", en: "whole table" },
} satisfies Texts;

export function draftPreview(draft: DraftPreview): HTMLElement {
  const { totals, problems } = draft;
  return h(
    "section",
    { id: "draft-preview", "aria-labelledby": "draft-preview-title" },
    h("h2", { id: "draft-preview-title" }, m(TEXT.title)),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, m(TEXT.rows)),
      h("dd", {}, String(totals.rows)),
      h("dt", {}, m(TEXT.sum)),
      h("dd", { id: "draft-sum" }, kronor(totals.sum)),
      h("dt", {}, m(TEXT.stated)),
      h("dd", {}, totals.stated === null ? "—" : kronor(totals.stated)),
    ),
    problems.length === 0
      ? h("div", { class: "notice notice-success" }, h("p", {}, m(TEXT.balanced)))
      : h(
          "div",
          { class: "notice notice-error", id: "draft-problems" },
          h("p", {}, m(TEXT.problems(problems.length))),
          h(
            "table",
            { class: "table" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, m(TEXT.line)),
                h("th", { scope: "col" }, m(TEXT.problem)),
              ),
            ),
            h(
              "tbody",
              {},
              problems.map((p) =>
                h(
                  "tr",
                  { "data-code": p.code },
                  h("td", {}, p.line === undefined ? m(TEXT.whole) : String(p.line)),
                  h("td", {}, m(p.message)),
                ),
              ),
            ),
          ),
        ),
  );
}
