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

/** A numbered section of Bilaga 2: four on the requisition, five on the report. */
export type SectionNumber = 1 | 2 | 3 | 4 | 5;

export interface FieldEntry {
  /** Its section; the signature is in section 4 of the requisition but 5 of the report. */
  section: SectionNumber | Record<FormKind, SectionNumber>;
  /**
   * What the web form calls the field (an amount without its unit, which the form adds). For a
   * group shown as one row in the read-only views (the postal address, the period): that row's.
   */
  label: Label;
  /** What the read-only views call it, where they use a shorter word than the form. */
  short?: Label;
  /**
   * What the printed form says, as Bilaga 2 prints it, where it differs from the Swedish label;
   * per form where Bilaga 2 words the two forms differently. The PDF is Swedish only.
   */
  pdf?: string | Record<FormKind, string>;
}

export interface SectionTitle extends Label {
  /** Bilaga 2's own heading, for the PDF. */
  pdf: string;
  /** The declaration Bilaga 2 prints under the heading, where it has one. */
  declaration?: string;
}

/** Every dotted path into a form's JSON: "recipient", "recipient.postalAddress.city", … */
type DottedPath<T> = T extends object
  ? { [K in keyof T & string]-?: K | `${K}.${DottedPath<NonNullable<T[K]>>}` }[keyof T & string]
  : never;

type FormPath = DottedPath<RequisitionForm> | DottedPath<ReportForm>;

const SIGNED_BY_REPRESENTATIVE = "Underskrift i original av behörig företrädare";

export const SECTION_TITLES = {
  requisition: {
    1: { sv: "1. Kontaktuppgifter", en: "1. Contact details", pdf: "1. Kontaktuppgifter" },
    2: { sv: "2. Bidrag som ansökan avser", en: "2. Grant applied for", pdf: "2. Bidrag som ansökan avser" },
    3: { sv: "3. Uppgifter för utbetalning", en: "3. Payment details", pdf: "3. Uppgifter för utbetalning" },
    4: {
      sv: "4. Underskrift",
      en: "4. Signature",
      pdf: `4. ${SIGNED_BY_REPRESENTATIVE}`,
      declaration:
        "Bidragstagaren intygar att lämnade uppgifter är riktiga samt försäkrar att bidraget kommer att användas enligt den gemensamma överenskommelsen.",
    },
  },
  report: {
    1: { sv: "1. Kontaktuppgifter", en: "1. Contact details", pdf: "1. Kontaktuppgifter" },
    // Bilaga 2 heads the report's section 2 as the requisition's.
    2: {
      sv: "2. Bidrag som redovisningen avser",
      en: "2. Grant reported on",
      pdf: "2. Bidrag som ansökan avser",
    },
    3: { sv: "3. Redovisning", en: "3. Accounts", pdf: "3. Redovisning av verksamhet eller aktivitet" },
    4: {
      sv: "4. Granskning",
      en: "4. Review",
      pdf: "4. Ekonomichefens/verksamhetschefens granskning av den ekonomiska redovisningen",
    },
    5: {
      sv: "5. Underskrift",
      en: "5. Signature",
      pdf: `5. ${SIGNED_BY_REPRESENTATIVE}`,
      declaration: "Bidragstagaren intygar att lämnade uppgifter är riktiga.",
    },
  },
} satisfies Record<FormKind, Partial<Record<SectionNumber, SectionTitle>>>;

export type SectionOf<K extends FormKind> = keyof (typeof SECTION_TITLES)[K] & SectionNumber;

/**
 * The reviewer's two alternatives as Bilaga 2 prints them; "N.N." stands for the reviewer's name.
 */
export const CERTIFICATION_ALTERNATIVES_PDF: Record<1 | 2, string> = {
  1: "Alt 1: N.N. (ekonomichefen/verksamhetschefen) intygar att den ekonomiska redovisningen under punkt 3 är korrekt.",
  2: "Alt 2: N.N. (ekonomichefen/verksamhetschefen) bedömer inte att den ekonomiska redovisningen under punkt 3 är korrekt. (Avvikelserna och eventuella åtgärder ska också redovisas.)",
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
  "recipient.phone": {
    section: 1,
    label: { sv: "Telefon", en: "Phone" },
    pdf: "Telefon inkl. riktnummer",
  },
  "recipient.fax": { section: 1, label: { sv: "Fax", en: "Fax" }, pdf: "Faxnummer" },
  "recipient.email": { section: 1, label: { sv: "E-post", en: "E-mail" }, pdf: "E-postadress" },

  "grant.agreementTitle": {
    section: 2,
    label: { sv: "Överenskommelsens benämning", en: "Title of the agreement" },
    short: { sv: "Överenskommelse", en: "Agreement" },
  },
  "grant.agreementDiarienummer": {
    section: 2,
    label: { sv: "Överenskommelsens diarienummer", en: "Case reference of the agreement" },
    short: { sv: "Överenskommelsens diarienummer", en: "Agreement case no." },
    pdf: "Regeringskansliets diarienummer för bakomliggande överenskommelse",
  },
  "grant.decisionDiarienummer": {
    section: 2,
    label: { sv: "Regeringsbeslutets diarienummer", en: "Case reference of the government decision" },
    short: { sv: "Beslutets diarienummer", en: "Decision case no." },
    // Bilaga 2 words it differently on the two forms.
    pdf: {
      requisition: "Regeringskansliets diarienummer för regeringsbeslut avseende utbetalning",
      report: "Regeringskansliets diarienummer avseende regeringsbeslut för utbetalning",
    },
  },
  "grant.period": {
    section: 2,
    label: { sv: "Period", en: "Period" },
    pdf: {
      requisition: "Rekvisitionen avser perioden",
      report: "Period som den ekonomiska redovisningen avser",
    },
  },
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
    pdf: "Summa bidrag som utbetalats från regeringen/Regeringskansliet",
  },

  "payment.method": {
    section: 3,
    label: { sv: "Betalningssätt", en: "Payment method" },
    short: { sv: "Betalningssätt", en: "Method" },
  },
  // The printed form has one row for the method and the number: "Bankgiro 5128-1004".
  "payment.account": {
    section: 3,
    label: { sv: "Bankgiro- eller plusgironummer", en: "Bankgiro or plusgiro number" },
    short: { sv: "Konto", en: "Account" },
    pdf: "Bankgiro/Plusgiro",
  },
  "payment.reference": {
    section: 3,
    label: { sv: "Referens på utbetalningen", en: "Reference on the payment" },
    short: { sv: "Referens", en: "Reference" },
    pdf: "Önskad betalningsreferens",
  },

  "accounting.received": {
    section: 3,
    label: { sv: "Erhållet bidrag", en: "Grant received" },
    short: { sv: "Erhållet bidrag", en: "Received" },
    pdf: "Bidrag som erhållits av regeringen/Regeringskansliet",
  },
  "accounting.costs": {
    section: 3,
    label: { sv: "Totala kostnader", en: "Total costs" },
    pdf: "Summa kostnader",
  },
  "accounting.unspent": {
    section: 3,
    label: { sv: "Medel som inte har förbrukats", en: "Unspent funds" },
    short: { sv: "Ej förbrukat", en: "Unspent" },
    pdf: "Medel som inte har förbrukats (Bidrag – totala kostnader)",
  },
  "accounting.surveyAnswered": {
    section: 3,
    label: {
      sv: "Kommunen har besvarat Socialstyrelsens enkät",
      en: "The municipality has answered the National Board of Health and Welfare's survey",
    },
    short: { sv: "Enkäten besvarad", en: "Survey answered" },
    // Bilaga 2 adds "(se Socialstyrelsens regleringsbrev för 2022)", a year that differs by programme.
    pdf: "Har svarat på Socialstyrelsens enkät avseende uppföljning av utvecklingen av e-hälsa och välfärdsteknik i kommunerna",
  },

  "certification.alternative": {
    section: 4,
    label: { sv: "Granskarens bedömning", en: "The reviewer's assessment" },
    short: { sv: "Alternativ", en: "Alternative" },
  },
  "certification.deviations": { section: 4, label: { sv: "Avvikelser", en: "Deviations" } },
  "certification.measures": {
    section: 4,
    label: { sv: "Åtgärder", en: "Measures" },
    pdf: "Eventuella åtgärder",
  },
  // The read-only view shows the name with the title on one row, under the name's label.
  "certification.name": {
    section: 4,
    label: { sv: "Granskarens namn", en: "Reviewer's name" },
    short: { sv: "Granskare", en: "Reviewer" },
    pdf: "Namn",
  },
  "certification.title": {
    section: 4,
    label: { sv: "Granskarens befattning", en: "Reviewer's position" },
    pdf: "Befattning",
  },
  "certification.phone": {
    section: 4,
    label: { sv: "Granskarens telefon", en: "Reviewer's phone" },
    pdf: "Telefon inkl. riktnummer",
  },
  "certification.email": {
    section: 4,
    label: { sv: "Granskarens e-post", en: "Reviewer's e-mail" },
    pdf: "E-postadress",
  },

  "signature.signatory": {
    section: { requisition: 4, report: 5 },
    label: { sv: "Namnförtydligande för den som skriver under", en: "Printed name of the signatory" },
    short: { sv: "Namnförtydligande", en: "Signatory" },
    pdf: "Namnförtydligande",
  },
  "signature.date": {
    section: { requisition: 4, report: 5 },
    label: { sv: "Datum för underskrift", en: "Date of signature" },
    short: { sv: "Datum", en: "Date" },
    pdf: "Datum",
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

/** The printed form's label on `kind`'s form. */
export function pdfLabel(kind: FormKind, path: CataloguedPath): string {
  const { pdf, label } = entry(path);
  if (pdf === undefined) return label.sv;
  return typeof pdf === "string" ? pdf : pdf[kind];
}

export function sectionTitle<K extends FormKind>(kind: K, section: SectionOf<K>): SectionTitle {
  // Indexing the literal with a generic key loses its type; SectionOf<K> names only existing keys.
  return (SECTION_TITLES[kind] as Partial<Record<SectionNumber, SectionTitle>>)[section] as SectionTitle;
}
