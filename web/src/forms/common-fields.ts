import type { Programme } from "../../../shared/programmes/schema.ts";
import type { FormKit } from "../form-kit/form-kit.ts";
import type { FieldDef } from "../form-kit/types.ts";
import { catalogueFields } from "./catalogue-field.ts";

/**
 * The fields both Bilaga 2 forms share: the recipient, the agreement, the period, the signature.
 * Labels are the field catalogue's; hints, widths and autocomplete are the web form's own.
 */
export const RECIPIENT_FIELDS: FieldDef[] = catalogueFields([
  {
    path: "recipient.name",
    kind: "text",
    hint: {
      sv: "Den inloggade kommunens namn, t.ex. Lunds kommun eller Malmö stad.",
      en: "The name of the municipality signed in, e.g. Lunds kommun or Malmö stad.",
    },
    autocomplete: "organization",
  },
  {
    path: "recipient.organisationNumber",
    kind: "text",
    hint: {
      sv: "Kommunens organisationsnummer, tio siffror som börjar 212000, t.ex. 212000-1264.",
      en: "The municipality's organisation number, ten digits starting 212000, e.g. 212000-1264.",
    },
    width: "s",
  },
  {
    path: "recipient.contactPerson",
    kind: "text",
    autocomplete: "name",
  },
  {
    path: "recipient.postalAddress.street",
    kind: "text",
    autocomplete: "address-line1",
  },
  {
    path: "recipient.postalAddress.postalCode",
    kind: "text",
    hint: { sv: "Fem siffror, t.ex. 221 00.", en: "Five digits, e.g. 221 00." },
    autocomplete: "postal-code",
    width: "xs",
  },
  {
    path: "recipient.postalAddress.city",
    kind: "text",
    autocomplete: "address-level2",
    width: "m",
  },
  {
    path: "recipient.phone",
    kind: "tel",
    hint: { sv: "Med riktnummer, t.ex. 046-35 50 00.", en: "With area code, e.g. 046-35 50 00." },
    autocomplete: "tel",
    width: "m",
  },
  { path: "recipient.fax", kind: "tel", optional: true, width: "m" },
  {
    path: "recipient.email",
    kind: "email",
    // Mail goes to the signed-in user and the contact register, never to this free-text address.
    hint: {
      sv: "Kontaktadressen på blanketten. Kvitto och besked om inlämningen skickas till dig som är inloggad och till kommunens registrator.",
      en: "The contact address on the form. The receipt and news about the submission go to you, signed in, and to the municipality's registry.",
    },
    autocomplete: "email",
  },
]);

const AGREEMENT_TITLE_FIELD = catalogueFields([{ path: "grant.agreementTitle", kind: "textarea" }]);

const AGREEMENT_NUMBER_FIELD = catalogueFields([
  {
    path: "grant.agreementDiarienummer",
    kind: "text",
    hint: {
      sv: "Står på överenskommelsen, t.ex. S2022/01234/SOF.",
      en: "On the agreement, e.g. S2022/01234/SOF.",
    },
    width: "m",
  },
]);

const DECISION_NUMBER_FIELD = catalogueFields([
  {
    path: "grant.decisionDiarienummer",
    kind: "text",
    hint: { sv: "Står på beslutet, t.ex. S2022/01235/SOF.", en: "On the decision, e.g. S2022/01235/SOF." },
    width: "m",
  },
]);

/**
 * What the grant rests on. A programme without an agreement (a government decision alone) asks
 * only for the decision's case number: there is no agreement to name.
 */
export function agreementFields(programme: Pick<Programme, "agreementTitle">): FieldDef[] {
  return programme.agreementTitle === null
    ? DECISION_NUMBER_FIELD
    : [...AGREEMENT_TITLE_FIELD, ...AGREEMENT_NUMBER_FIELD, ...DECISION_NUMBER_FIELD];
}

export const PERIOD_FIELDS: FieldDef[] = catalogueFields([
  {
    path: "grant.period.from",
    kind: "date",
    hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    width: "s",
  },
  {
    path: "grant.period.to",
    kind: "date",
    hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    width: "s",
  },
]);

export const SIGNATURE_FIELDS: FieldDef[] = catalogueFields([
  {
    path: "signature.signatory",
    kind: "text",
    hint: {
      sv: "Namnet på den behöriga företrädare som skickar in blanketten, från hens konto: det skrivs inte in. Underskriften görs för hand på den utskrivna blanketten.",
      en: "The name of the authorised representative who sends the form, from their account: it is not typed. The signature is made by hand on the printed form.",
    },
    readonly: true,
  },
  {
    path: "signature.date",
    kind: "date",
    hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    width: "s",
  },
]);

export function fields(kit: FormKit, defs: FieldDef[]): HTMLElement[] {
  return defs.map((d) => kit.field(d));
}
