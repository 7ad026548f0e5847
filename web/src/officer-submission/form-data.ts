import { type CataloguedPath, sectionTitle, shortLabel } from "../../../shared/forms/field-catalogue.ts";
import type { ReportForm, RequisitionForm } from "../../../shared/forms/index.ts";
import { type Answers, answerText, type Question } from "../../../shared/programmes/questions.ts";
import { h } from "../dom.ts";
import { kindText, kronor } from "../format.ts";
import { lang, m, T } from "../i18n.ts";
import type { Submission } from "../types.ts";
import { facts } from "./facts.ts";

/**
 * What the municipality filled in, section by section, read-only, for the officer to check, with
 * the field catalogue's short labels and section titles.
 */

const row = (path: CataloguedPath, value: string | undefined): [string, string | undefined] => [
  m(shortLabel(path)),
  value,
];

const yesNo = (answer: boolean | undefined) => (answer === undefined ? undefined : m(answer ? T.yes : T.no));

/** The payment method as people write it ("Bankgiro"), not as the form's value ("bankgiro"). */
const METHOD = { bankgiro: "Bankgiro", plusgiro: "Plusgiro" } as const;

/** What the reviewer's alternative means, as Bilaga 2 words it, so "1" is never left unexplained. */
const ALTERNATIVE = {
  1: {
    sv: "Alternativ 1: intygar att den ekonomiska redovisningen är korrekt",
    en: "Alternative 1: certifies that the financial report is correct",
  },
  2: {
    sv: "Alternativ 2: bedömer inte att den ekonomiska redovisningen är korrekt (avvikelser och åtgärder redovisas)",
    en: "Alternative 2: does not consider the financial report correct (deviations and measures are given)",
  },
} as const;

const QUESTIONS = { sv: "Frågor i det här bidraget", en: "Questions for this grant" };

/**
 * The answers under the programme's wording of each question; an answer to a question the
 * programme no longer asks keeps its id, so nothing the municipality sent is hidden.
 */
function answerRows(answers: Answers | undefined, questions: readonly Question[]): HTMLElement[] {
  const given = Object.entries(answers ?? {});
  if (given.length === 0 && questions.length === 0) return [];
  const asked = new Set(questions.map((q) => q.id));
  return [
    h("h3", {}, m(QUESTIONS)),
    facts([
      ...questions.map((q): [string, string | undefined] => [
        m(q.label),
        answerText(answers?.[q.id], lang()),
      ]),
      ...given
        .filter(([id]) => !asked.has(id))
        .map(([id, a]): [string, string] => [id, answerText(a, lang())]),
    ]),
  ];
}

export function formData(s: Submission, questions: readonly Question[]): HTMLElement {
  const f = s.form as unknown as RequisitionForm & ReportForm;
  const r = f.recipient;
  const g = f.grant;
  const a = r.postalAddress;
  const parts: HTMLElement[] = [
    h("h3", {}, m(sectionTitle(s.kind, 1))),
    facts([
      row("recipient.name", r.name),
      row("recipient.organisationNumber", r.organisationNumber),
      row("recipient.contactPerson", r.contactPerson),
      row("recipient.postalAddress", `${a.street}, ${a.postalCode} ${a.city}`),
      row("recipient.phone", r.phone),
      row("recipient.fax", r.fax),
      row("recipient.email", r.email),
    ]),
    h("h3", {}, m(sectionTitle(s.kind, 2))),
    facts([
      row("grant.agreementTitle", g.agreementTitle),
      row("grant.agreementDiarienummer", g.agreementDiarienummer),
      row("grant.decisionDiarienummer", g.decisionDiarienummer),
      row("grant.period", `${g.period.from} – ${g.period.to}`),
      ...(s.kind === "requisition"
        ? [
            row("grant.kind", kindText(g.kind)),
            row("grant.amount", kronor(g.amount)),
            // Only where the programme asked for the survey commitment.
            row("grant.surveyCommitment", yesNo(g.surveyCommitment)),
          ]
        : [row("grant.totalGrant", kronor(g.totalGrant)), row("grant.totalPaid", kronor(g.totalPaid))]),
    ]),
  ];
  if (s.kind === "requisition") {
    parts.push(
      h("h3", {}, m(sectionTitle(s.kind, 3))),
      facts([
        row("payment.method", METHOD[f.payment.method] ?? f.payment.method),
        row("payment.account", f.payment.account),
        row("payment.reference", f.payment.reference),
      ]),
    );
  } else {
    const c = f.certification;
    parts.push(
      h("h3", {}, m(sectionTitle(s.kind, 3))),
      facts([
        row("accounting.received", kronor(f.accounting.received)),
        row("accounting.costs", kronor(f.accounting.costs)),
        row("accounting.unspent", kronor(f.accounting.unspent)),
        row("accounting.surveyAnswered", yesNo(f.accounting.surveyAnswered)),
      ]),
      h("h3", {}, m(sectionTitle("report", 4))),
      facts([
        row(
          "certification.alternative",
          c.alternative in ALTERNATIVE ? m(ALTERNATIVE[c.alternative]) : String(c.alternative),
        ),
        row("certification.deviations", c.deviations),
        row("certification.measures", c.measures),
        row("certification.name", `${c.name}, ${c.title}`),
      ]),
    );
  }
  parts.push(...answerRows(f.answers, questions));
  parts.push(
    h("h3", {}, m(s.kind === "requisition" ? sectionTitle("requisition", 4) : sectionTitle("report", 5))),
    facts([row("signature.signatory", f.signature.signatory), row("signature.date", f.signature.date)]),
  );
  return h("div", { class: "form-data" }, parts);
}
