import { sectionTitle } from "../../../shared/forms/field-catalogue.ts";
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
import { extraCounts, extraLeft as extraLeftOf } from "../model-extra.ts";
import type { OwnPosition } from "../types.ts";

const PAYMENT_FIELDS = catalogueFields([
  {
    path: "payment.method",
    kind: "radio",
    options: [
      { value: "bankgiro", label: { sv: "Bankgiro", en: "Bankgiro" } },
      { value: "plusgiro", label: { sv: "Plusgiro", en: "Plusgiro" } },
    ],
  },
  {
    path: "payment.account",
    kind: "text",
    hint: {
      sv: "T.ex. 5128-1007 (bankgiro) eller 4 47 51-5 (plusgiro).",
      en: "E.g. 5128-1007 (bankgiro) or 4 47 51-5 (plusgiro).",
    },
    width: "m",
  },
  { path: "payment.reference", kind: "text", optional: true, width: "m" },
]);

/** Asked only where the agreement makes answering the survey a condition of requisitioning. */
const SURVEY_COMMITMENT_FIELD = catalogueField({
  path: "grant.surveyCommitment",
  kind: "checkbox",
  hint: {
    sv: "Överenskommelsen: ”Kommunerna som ansöker om dessa medel ska svara på Socialstyrelsens enkät.”",
    en: "The agreement: municipalities that apply for these funds must answer the National Board of Health and Welfare's survey.",
  },
});

/** Bilaga 2, rekvisition: the four sections as on paper, each field registered with the form's kit. */
export function requisitionSections(kit: FormKit, own: OwnPosition, programme: Programme): HTMLElement[] {
  const hasExtra = extraCounts(own);
  const extraLeft = extraLeftOf(own);
  return [
    section("s1", sectionTitle("requisition", 1), null, ...fields(kit, RECIPIENT_FIELDS)),
    section(
      "s2",
      sectionTitle("requisition", 2),
      {
        sv: "Uppgifterna finns i överenskommelsen och regeringsbeslutet.",
        en: "The details are in the agreement and the government decision.",
      },
      ...fields(kit, agreementFields(programme)),
      ...(hasExtra
        ? [
            kit.field(
              catalogueField({
                path: "grant.kind",
                kind: "radio",
                options: [
                  {
                    value: "base",
                    label: {
                      sv: `Kommunens del (${kronor(own.allocation)})`,
                      en: `The municipality's share (${kronor(own.allocation)})`,
                    },
                  },
                  {
                    value: "model-extra",
                    label: {
                      sv: `Extra medel som modellkommun (${kronor(own.modelExtra)})`,
                      en: `Extra funds as a model municipality (${kronor(own.modelExtra)})`,
                    },
                    hint: {
                      sv: "Rekvireras separat, efter kommunens egen del.",
                      en: "Requisitioned separately, after the municipality's own share.",
                    },
                  },
                ],
              }),
            ),
          ]
        : []),
      kit.field(
        catalogueField({
          path: "grant.amount",
          kind: "amount",
          hint: {
            sv: `Hela kronor. Högst ${kronor(own.remaining)} av er tilldelning${hasExtra ? ` eller ${kronor(extraLeft)} extra medel` : ""}.`,
            en: `Whole kronor. At most ${kronor(own.remaining)} of your allocation${hasExtra ? ` or ${kronor(extraLeft)} extra funds` : ""}.`,
          },
        }),
      ),
      h("div", { class: "field-row" }, ...fields(kit, PERIOD_FIELDS)),
      ...(programme.survey.atRequisition ? [kit.field(SURVEY_COMMITMENT_FIELD)] : []),
    ),
    section("s3", sectionTitle("requisition", 3), null, ...fields(kit, PAYMENT_FIELDS)),
    ...questionSection(kit, questionsAt(programme, "requisition")),
    section(
      "s4",
      sectionTitle("requisition", 4),
      {
        sv: "Rekvisitionen ska skrivas under av behörig företrädare. Du skriver ut den ifyllda blanketten efter inskickningen.",
        en: "The requisition must be signed by an authorised representative. You print the filled-in form after sending.",
      },
      ...fields(kit, SIGNATURE_FIELDS),
    ),
  ];
}
