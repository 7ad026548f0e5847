import * as z from "zod/mini";
import type { FieldError } from "../../../shared/errors.ts";
import { toFieldErrors } from "../../../shared/forms/issues.ts";
import { programmeMetaSchema } from "../../../shared/programmes/schema.ts";
import { parseAmount } from "../form-kit/amount.ts";
import type { FieldDef, Value } from "../form-kit/types.ts";

/** The metadata an officer gives for a new programme, as fields bound to `meta.*` of POST /programmes. */
export const META_FIELDS: FieldDef[] = [
  {
    path: "meta.id",
    kind: "text",
    width: "m",
    label: { sv: "Bidragets id", en: "Programme id" },
    hint: {
      sv: "Små bokstäver, siffror och bindestreck, t.ex. skr-aldreomsorg-2023. Kan inte ändras.",
      en: "Lowercase letters, digits and hyphens, e.g. skr-aldreomsorg-2023. Cannot be changed.",
    },
  },
  { path: "meta.year", kind: "text", width: "xs", label: { sv: "År", en: "Year" } },
  {
    path: "meta.recipientKinds",
    kind: "radio",
    legend: { sv: "Vem får bidraget?", en: "Who receives the grant?" },
    hint: {
      sv: "Bilaga 1 ska ta upp alla kommuner respektive alla 21 regioner; en organisation bara där överenskommelsen namnger den.",
      en: "Bilaga 1 must list every municipality or every one of the 21 regions; an organisation only where the agreement names it.",
    },
    options: [
      { value: "municipality", label: { sv: "Kommunerna", en: "The municipalities" } },
      { value: "region", label: { sv: "Regionerna", en: "The regions" } },
      {
        value: "municipality region",
        label: { sv: "Kommunerna och regionerna", en: "The municipalities and the regions" },
      },
      {
        value: "organisation",
        label: { sv: "En organisation, t.ex. SKR", en: "An organisation, e.g. SKR" },
      },
    ],
  },
  { path: "meta.title", kind: "text", width: "l", label: { sv: "Bidragets namn", en: "Programme title" } },
  {
    path: "meta.agreementTitle",
    kind: "text",
    width: "l",
    optional: true,
    label: { sv: "Överenskommelsens benämning", en: "The agreement's title" },
    hint: {
      sv: "Exakt som överenskommelsen skriver den. Tomt när bidraget bygger på ett regeringsbeslut.",
      en: "Exactly as the agreement prints it. Empty when the grant rests on a government decision.",
    },
  },
  {
    path: "meta.grantingAgency",
    kind: "text",
    width: "l",
    label: { sv: "Beviljande myndighet", en: "Granting body" },
  },
  {
    path: "meta.receivingAgency",
    kind: "text",
    width: "l",
    label: { sv: "Myndighet som tar emot rekvisitioner", en: "Agency receiving requisitions" },
  },
  {
    path: "meta.totalBase",
    kind: "amount",
    width: "s",
    label: { sv: "Totalt belopp (Bilaga 1)", en: "Total (Bilaga 1)" },
  },
  {
    path: "meta.grantPeriod.from",
    kind: "date",
    width: "s",
    label: { sv: "Bidragsperiod från", en: "Grant period from" },
  },
  {
    path: "meta.grantPeriod.to",
    kind: "date",
    width: "s",
    label: { sv: "Bidragsperiod till", en: "Grant period to" },
  },
  {
    path: "meta.deadlines.requisition",
    kind: "date",
    width: "s",
    label: { sv: "Sista dag för rekvisition", en: "Last day to requisition" },
  },
  {
    path: "meta.deadlines.report",
    kind: "date",
    width: "s",
    optional: true,
    label: { sv: "Sista dag för ekonomisk redovisning", en: "Financial report due" },
  },
  {
    path: "meta.deadlines.repayment",
    kind: "date",
    width: "s",
    optional: true,
    label: { sv: "Ej förbrukade medel återbetalas senast", en: "Unspent funds repaid by" },
  },
  {
    path: "meta.survey.atRequisition",
    kind: "checkbox",
    label: {
      sv: "Rekvisitionen förbinder mottagaren att svara på Socialstyrelsens enkät",
      en: "Requisitioning commits the recipient to answer Socialstyrelsen's survey",
    },
  },
  {
    path: "meta.officerEmails",
    kind: "text",
    width: "l",
    label: { sv: "Handläggarnas e-post", en: "Officers' e-mail" },
    hint: { sv: "Flera adresser skiljs med kommatecken.", en: "Separate several addresses with commas." },
  },
];

const text = (v: Value | undefined) => String(v ?? "").trim();
const orNull = (v: Value | undefined) => text(v) || null;

/** The form's values as the metadata POST /programmes takes (the agency is the officer's own). */
export function metaOf(values: Record<string, Value>): Record<string, unknown> {
  const year = Number(text(values["meta.year"]));
  return {
    id: text(values["meta.id"]),
    year: Number.isInteger(year) && text(values["meta.year"]) !== "" ? year : text(values["meta.year"]),
    title: text(values["meta.title"]),
    // "municipality region": one choice names both kinds.
    recipientKinds: text(values["meta.recipientKinds"]).split(" ").filter(Boolean),
    agreementTitle: orNull(values["meta.agreementTitle"]),
    grantingAgency: text(values["meta.grantingAgency"]),
    receivingAgency: text(values["meta.receivingAgency"]),
    agreementDiarienummer: null,
    decisionDiarienummer: null,
    totalBase: parseAmount(text(values["meta.totalBase"])),
    modelExtra: null,
    grantPeriod: { from: text(values["meta.grantPeriod.from"]), to: text(values["meta.grantPeriod.to"]) },
    deadlines: {
      requisition: text(values["meta.deadlines.requisition"]),
      report: orNull(values["meta.deadlines.report"]),
      repayment: orNull(values["meta.deadlines.repayment"]),
    },
    survey: { atRequisition: values["meta.survey.atRequisition"] === true },
    appropriation: null,
    officerEmails: text(values["meta.officerEmails"])
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** The shared metadata schema's errors, at the form's `meta.*` paths (the agency is set by the API). */
export function metaErrors(meta: unknown): FieldError[] {
  const parsed = z.omit(programmeMetaSchema, { agency: true }).safeParse(meta, { reportInput: true });
  if (parsed.success) return [];
  return toFieldErrors(parsed.error.issues).map((e) => ({ ...e, path: `meta.${e.path}` }));
}
