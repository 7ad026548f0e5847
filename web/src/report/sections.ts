import { fieldLabel, sectionTitle } from "../../../shared/forms/field-catalogue.ts";
import { questionsAt } from "../../../shared/programmes/questions.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { h } from "../dom.ts";
import type { FormKit } from "../form-kit/form-kit.ts";
import { kronor } from "../format.ts";
import { catalogueField, catalogueFields } from "../forms/catalogue-field.ts";
import {
  agreementFields,
  fields,
  PERIOD_FIELDS,
  RECIPIENT_FIELDS,
  SIGNATURE_FIELDS,
} from "../forms/common-fields.ts";
import { questionSection } from "../forms/question-fields.ts";
import { section } from "../forms/section.ts";
import { m } from "../i18n.ts";
import { extraCounts } from "../model-extra.ts";
import type { OwnPosition } from "../types.ts";

/**
 * Bilaga 2, ekonomisk redovisning: the five sections as on paper, each field registered with the
 * form's kit. Unspent funds are shown in `unspentOut` (the page computes them as you type);
 * alternative 2's deviations and measures are in `deviationsBlock`, shown only for that choice.
 */
const DEVIATION_FIELDS = catalogueFields([
  {
    path: "certification.deviations",
    kind: "textarea",
    hint: {
      sv: "Vad är inte korrekt, eller vad har inte använts enligt överenskommelsen?",
      en: "What is not correct, or not used as agreed?",
    },
  },
  {
    path: "certification.measures",
    kind: "textarea",
    optional: true,
    hint: {
      sv: "Vad har kommunen gjort eller gör åt avvikelserna?",
      en: "What has the municipality done about the deviations?",
    },
  },
]);

const ASSESSMENT_FIELD = catalogueField({
  path: "certification.alternative",
  kind: "radio",
  options: [
    {
      value: "1",
      label: { sv: "Alternativ 1: redovisningen är korrekt", en: "Alternative 1: the report is correct" },
      hint: {
        sv: "Granskaren bedömer att redovisningen är korrekt och att medlen har använts i enlighet med överenskommelsen.",
        en: "The reviewer finds the report correct and the funds used as agreed.",
      },
    },
    {
      value: "2",
      label: {
        sv: "Alternativ 2: redovisningen är inte korrekt i alla delar",
        en: "Alternative 2: the report is not correct in every part",
      },
      hint: {
        sv: "Granskaren bedömer att redovisningen inte i alla delar är korrekt eller att medlen inte helt har använts enligt överenskommelsen. Beskriv avvikelserna och eventuella åtgärder.",
        en: "The reviewer finds the report not correct in every part, or the funds not fully used as agreed. Describe the deviations and any measures.",
      },
    },
  ],
});

const REVIEWER_FIELDS = catalogueFields([
  {
    path: "certification.name",
    kind: "text",
    hint: {
      sv: "Intygarens namn och titel kommer från intygarens konto: de skrivs inte in.",
      en: "The certifier's name and title come from the certifier's account: they are not typed.",
    },
    readonly: true,
  },
  { path: "certification.title", kind: "text", width: "m", readonly: true },
  { path: "certification.phone", kind: "tel", width: "m" },
  { path: "certification.email", kind: "email" },
]);

/** Paid and received are the payment on record (recorded-payment.ts): given, not typed. */
const PAID_HINT = {
  sv: "Enligt utbetalning: det belopp som myndigheten har registrerat som utbetalt till er. Det kan inte ändras här.",
  en: "As paid: the amount the agency has recorded as paid to the municipality. It cannot be changed here.",
};

export function unspentOutput(): HTMLOutputElement {
  return h(
    "output",
    {
      id: "unspent",
      class: "computed",
      for: "f-accounting-received f-accounting-costs",
      "aria-labelledby": "unspent-label",
    },
    "—",
  );
}

export function reportSections(
  kit: FormKit,
  own: OwnPosition,
  programme: Programme,
  unspentOut: HTMLOutputElement,
  deviationsBlock: HTMLElement,
  /** Who has certified the report, and the certifier's action (certification.ts). */
  certification: HTMLElement | null = null,
): HTMLElement[] {
  // Registered first, so the error summary lists them first, as it always has.
  deviationsBlock.append(...fields(kit, DEVIATION_FIELDS));
  return [
    section("s1", sectionTitle("report", 1), null, ...fields(kit, RECIPIENT_FIELDS)),
    section(
      "s2",
      sectionTitle("report", 2),
      null,
      ...fields(kit, agreementFields(programme)),
      h("div", { class: "field-row" }, ...fields(kit, PERIOD_FIELDS)),
      ...fields(
        kit,
        catalogueFields([
          {
            path: "grant.totalGrant",
            kind: "amount",
            hint: {
              sv: `Kommunens del ${kronor(own.allocation)}${extraCounts(own) ? `, med extra medel som modellkommun ${kronor(own.allocation + own.modelExtra)}` : ""}.`,
              en: `The municipality's share ${kronor(own.allocation)}${extraCounts(own) ? `, with the model municipality extra ${kronor(own.allocation + own.modelExtra)}` : ""}.`,
            },
          },
          {
            path: "grant.totalPaid",
            kind: "amount",
            readonly: true,
            hint: PAID_HINT,
          },
        ]),
      ),
    ),
    section(
      "s3",
      sectionTitle("report", 3),
      {
        sv: "Medel som inte har förbrukats räknas ut medan du skriver: det utbetalda bidraget minus totala kostnader, lägst 0 kr. Det beloppet ska betalas tillbaka.",
        en: "Unspent funds are computed as you type: the grant paid minus total costs, at least 0 kr. That amount is to be repaid.",
      },
      ...fields(
        kit,
        catalogueFields([
          { path: "accounting.received", kind: "amount", readonly: true, hint: PAID_HINT },
          { path: "accounting.costs", kind: "amount" },
        ]),
      ),
      h(
        "div",
        { class: "field" },
        h("p", { class: "label", id: "unspent-label" }, h("strong", {}, m(fieldLabel("accounting.unspent")))),
        unspentOut,
      ),
      kit.field(
        catalogueField({
          path: "accounting.surveyAnswered",
          kind: "checkbox",
          hint: {
            sv: "Kryssa i om kommunen har besvarat enkäten. Svaret visas för handläggaren; ett nej hindrar inte redovisningen.",
            en: "Tick if the municipality has answered the survey. The officer sees the answer; a no does not stop the report.",
          },
        }),
      ),
    ),
    section(
      "s4",
      sectionTitle("report", 4),
      {
        sv: "Ekonomichefen eller verksamhetschefen granskar och intygar redovisningen och väljer ett av två alternativ. Båda alternativen godtas; vid alternativ 2 ska avvikelserna redovisas, och eventuella åtgärder.",
        en: "The head of finance or of the service reviews and certifies the report and chooses one of two alternatives. Both are accepted; with alternative 2 the deviations must be described, and any measures.",
      },
      kit.field(ASSESSMENT_FIELD),
      deviationsBlock,
      ...fields(kit, REVIEWER_FIELDS),
      ...(certification ? [certification] : []),
    ),
    ...questionSection(kit, questionsAt(programme, "report")),
    section(
      "s5",
      sectionTitle("report", 5),
      {
        sv: "Redovisningen ska skrivas under av behörig företrädare för bidragsmottagaren. Du skriver ut den ifyllda blanketten efter inskickningen.",
        en: "The report must be signed by an authorised representative of the municipality. You print the filled-in form after sending.",
      },
      ...fields(kit, SIGNATURE_FIELDS),
    ),
  ];
}
