import type { ReportForm, RequisitionForm } from "./schema.ts";

/**
 * What each Bilaga 2 field is called, in one place: the web form, the officer's read-only view and
 * the printed PDF all read their labels and section titles from here, so a field is renamed once.
 * Keyed by the field's dotted path in the form's JSON (the path FieldErrors carry too).
 */

/** A text in both languages, as every message of the service. */
export interface Label {
  sv: string;
  en: string;
}

export type FormKind = "requisition" | "report";

/** Bilaga 2's four numbered sections; a field is in the same one on both forms. */
export type SectionNumber = 1 | 2 | 3 | 4;

export interface FieldEntry {
  section: SectionNumber;
  /**
   * What the web form calls the field (an amount without its unit, which the form adds). For a
   * group shown as one row in the read-only views (the postal address, the period): that row's.
   */
  label: Label;
  /** What the read-only views call it, where they use a shorter word than the form. */
  short?: Label;
  /** What the printed form says, where it differs from the Swedish label. The PDF is Swedish only. */
  pdf?: string;
}

/** Every dotted path into a form's JSON: "recipient", "recipient.postalAddress.city", … */
type DottedPath<T> = T extends object
  ? { [K in keyof T & string]-?: K | `${K}.${DottedPath<NonNullable<T[K]>>}` }[keyof T & string]
  : never;

type FormPath = DottedPath<RequisitionForm> | DottedPath<ReportForm>;

export const SECTION_TITLES: Record<FormKind, Record<SectionNumber, Label>> = {
  requisition: {
    1: { sv: "1. Kontaktuppgifter", en: "1. Contact details" },
    2: { sv: "2. Bidrag som ansökan avser", en: "2. Grant applied for" },
    3: { sv: "3. Uppgifter för utbetalning", en: "3. Payment details" },
    4: { sv: "4. Underskrift", en: "4. Signature" },
  },
  report: {
    1: { sv: "1. Kontaktuppgifter", en: "1. Contact details" },
    2: { sv: "2. Bidrag som redovisningen avser", en: "2. Grant reported on" },
    3: { sv: "3. Redovisning", en: "3. Accounts" },
    4: { sv: "4. Granskning och underskrift", en: "4. Review and signature" },
  },
};

// `satisfies` with the paths of the schema's types: a misspelt or removed field fails to compile.
export const FIELD_CATALOGUE = {
  "recipient.name": {
    section: 1,
    label: { sv: "Bidragsmottagare (kommunens namn)", en: "Recipient (name of the municipality)" },
    short: { sv: "Bidragsmottagare", en: "Recipient" },
    pdf: "Bidragsmottagare",
  },
  "recipient.organisationNumber": {
    section: 1,
    label: { sv: "Organisationsnummer", en: "Organisation number" },
  },
  "recipient.contactPerson": { section: 1, label: { sv: "Kontaktperson", en: "Contact person" } },
  "recipient.postalAddress": { section: 1, label: { sv: "Postadress", en: "Address" } },
  "recipient.postalAddress.street": { section: 1, label: { sv: "Postadress", en: "Postal address" } },
  "recipient.postalAddress.postalCode": { section: 1, label: { sv: "Postnummer", en: "Postal code" } },
  "recipient.postalAddress.city": { section: 1, label: { sv: "Ort", en: "City" } },
  "recipient.phone": { section: 1, label: { sv: "Telefon", en: "Phone" } },
  "recipient.fax": { section: 1, label: { sv: "Fax", en: "Fax" } },
  "recipient.email": { section: 1, label: { sv: "E-post", en: "E-mail" } },

  "grant.agreementTitle": {
    section: 2,
    label: { sv: "Överenskommelsens benämning", en: "Title of the agreement" },
    short: { sv: "Överenskommelse", en: "Agreement" },
  },
  "grant.agreementDiarienummer": {
    section: 2,
    label: { sv: "Överenskommelsens diarienummer", en: "Case reference of the agreement" },
    short: { sv: "Överenskommelsens diarienummer", en: "Agreement case no." },
  },
  "grant.decisionDiarienummer": {
    section: 2,
    label: { sv: "Regeringsbeslutets diarienummer", en: "Case reference of the government decision" },
    short: { sv: "Beslutets diarienummer", en: "Decision case no." },
  },
  "grant.period": { section: 2, label: { sv: "Period", en: "Period" } },
  "grant.period.from": { section: 2, label: { sv: "Period från", en: "Period from" } },
  "grant.period.to": { section: 2, label: { sv: "Period till", en: "Period to" } },
  "grant.kind": {
    section: 2,
    label: { sv: "Vad rekvireras?", en: "What is requisitioned?" },
    short: { sv: "Avser", en: "Concerns" },
    pdf: "Avser",
  },
  "grant.amount": {
    section: 2,
    label: { sv: "Belopp som rekvireras", en: "Amount requisitioned" },
    short: { sv: "Belopp", en: "Amount" },
  },
  // Bilaga 2 has no such line: the commitment is the agreement's condition for requisitioning.
  "grant.surveyCommitment": {
    section: 2,
    label: {
      sv: "Kommunen har svarat eller kommer att svara på Socialstyrelsens enkät avseende uppföljning av utvecklingen av e-hälsa och välfärdsteknik i kommunerna",
      en: "The municipality has answered or will answer the National Board of Health and Welfare's survey on the development of e-health and welfare technology in the municipalities",
    },
    short: { sv: "Svarar på Socialstyrelsens enkät", en: "Answers the survey" },
  },
  "grant.totalGrant": {
    section: 2,
    label: { sv: "Summa bidrag enligt överenskommelsen", en: "Total grant under the agreement" },
    short: { sv: "Summa bidrag", en: "Total grant" },
  },
  "grant.totalPaid": {
    section: 2,
    label: { sv: "Utbetalt bidrag", en: "Grant paid out" },
    short: { sv: "Utbetalt", en: "Paid" },
  },

  "payment.method": {
    section: 3,
    label: { sv: "Betalningssätt", en: "Payment method" },
    short: { sv: "Betalningssätt", en: "Method" },
  },
  // The printed form names the chosen giro's number ("Bankgironummer") instead: see pdf/bilaga2.ts.
  "payment.account": {
    section: 3,
    label: { sv: "Bankgiro- eller plusgironummer", en: "Bankgiro or plusgiro number" },
    short: { sv: "Konto", en: "Account" },
  },
  "payment.reference": {
    section: 3,
    label: { sv: "Referens på utbetalningen", en: "Reference on the payment" },
    short: { sv: "Referens", en: "Reference" },
    pdf: "Referens",
  },

  "accounting.received": {
    section: 3,
    label: { sv: "Erhållet bidrag", en: "Grant received" },
    short: { sv: "Erhållet bidrag", en: "Received" },
  },
  "accounting.costs": { section: 3, label: { sv: "Totala kostnader", en: "Total costs" } },
  "accounting.unspent": {
    section: 3,
    label: { sv: "Medel som inte har förbrukats", en: "Unspent funds" },
    short: { sv: "Ej förbrukat", en: "Unspent" },
    pdf: "Medel som inte har förbrukats (bidrag – totala kostnader)",
  },
  "accounting.surveyAnswered": {
    section: 3,
    label: {
      sv: "Kommunen har besvarat Socialstyrelsens enkät",
      en: "The municipality has answered the National Board of Health and Welfare's survey",
    },
    short: { sv: "Enkäten besvarad", en: "Survey answered" },
  },

  "certification.alternative": {
    section: 4,
    label: { sv: "Granskarens bedömning", en: "The reviewer's assessment" },
    short: { sv: "Alternativ", en: "Alternative" },
  },
  "certification.deviations": { section: 4, label: { sv: "Avvikelser", en: "Deviations" } },
  "certification.measures": { section: 4, label: { sv: "Åtgärder", en: "Measures" } },
  // The read-only views and the PDF show the name with the title (and the phone with the e-mail)
  // on one row, under the name's (and the phone's) label.
  "certification.name": {
    section: 4,
    label: { sv: "Granskarens namn", en: "Reviewer's name" },
    short: { sv: "Granskare", en: "Reviewer" },
    pdf: "Granskad av",
  },
  "certification.title": { section: 4, label: { sv: "Granskarens befattning", en: "Reviewer's position" } },
  "certification.phone": {
    section: 4,
    label: { sv: "Granskarens telefon", en: "Reviewer's phone" },
    pdf: "Telefon / e-post",
  },
  "certification.email": { section: 4, label: { sv: "Granskarens e-post", en: "Reviewer's e-mail" } },

  "signature.signatory": {
    section: 4,
    label: { sv: "Namnförtydligande för den som skriver under", en: "Printed name of the signatory" },
    short: { sv: "Namnförtydligande", en: "Signatory" },
    pdf: "Namnförtydligande",
  },
  "signature.date": {
    section: 4,
    label: { sv: "Datum för underskrift", en: "Date of signature" },
    short: { sv: "Datum", en: "Date" },
    // Printed under the line where the place and the date are written.
    pdf: "Ort och datum",
  },
} satisfies Partial<Record<FormPath, FieldEntry>>;

export type CataloguedPath = keyof typeof FIELD_CATALOGUE;

const entry = (path: CataloguedPath): FieldEntry => FIELD_CATALOGUE[path];

/** The web form's label. */
export function fieldLabel(path: CataloguedPath): Label {
  return entry(path).label;
}

/** The read-only views' label: the short one where there is one. */
export function shortLabel(path: CataloguedPath): Label {
  const e = entry(path);
  return e.short ?? e.label;
}

/** The printed form's label. */
export function pdfLabel(path: CataloguedPath): string {
  const e = entry(path);
  return e.pdf ?? e.label.sv;
}

export function sectionTitle(kind: FormKind, section: SectionNumber): Label {
  return SECTION_TITLES[kind][section];
}
