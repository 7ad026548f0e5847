import * as z from "zod/mini";
import {
  answersField,
  dateField,
  emailField,
  kronorField,
  optionalPhoneField,
  optionalText,
  organisationNumberField,
  paymentField,
  periodField,
  phoneField,
  postalCodeField,
  requiredText,
} from "./fields.ts";
import { MAX_LENGTH } from "./rules/text.ts";

/**
 * The shape of the two Bilaga 2 forms: every field on its own. Rules that relate fields to each
 * other or to a programme and a municipality are in ./validate.ts. Objects are strict so that a
 * misspelt field is reported instead of silently dropped.
 */
export const recipientSchema = z.strictObject({
  name: requiredText(MAX_LENGTH.name),
  organisationNumber: organisationNumberField,
  contactPerson: requiredText(MAX_LENGTH.name),
  postalAddress: z.strictObject({
    street: requiredText(MAX_LENGTH.street),
    postalCode: postalCodeField,
    city: requiredText(MAX_LENGTH.city),
  }),
  phone: phoneField,
  fax: optionalPhoneField,
  email: emailField,
});

/**
 * The agreement's case number and title are optional in shape: a programme that rests on a
 * government decision alone has no agreement to name. ./rules/agreement.ts demands them where
 * the programme has one.
 */
const agreementFields = {
  agreementDiarienummer: optionalText(MAX_LENGTH.diarienummer),
  decisionDiarienummer: requiredText(MAX_LENGTH.diarienummer),
  agreementTitle: optionalText(MAX_LENGTH.title),
};

const signatureSchema = z.strictObject({ date: dateField, signatory: requiredText(MAX_LENGTH.name) });

export const requisitionSchema = z.strictObject({
  recipient: recipientSchema,
  grant: z.strictObject({
    ...agreementFields,
    amount: kronorField,
    kind: z.enum(["base", "model-extra"]),
    period: periodField,
    /**
     * "Kommunen har svarat eller kommer att svara på Socialstyrelsens enkät": asked only where the
     * programme makes the survey a condition of requisitioning (./rules/survey.ts).
     */
    surveyCommitment: z.optional(z.boolean()),
  }),
  payment: paymentField,
  signature: signatureSchema,
  /** Answers to the programme's own questions (./rules/questions.ts), by question id. */
  answers: answersField,
});

export const reportSchema = z.strictObject({
  recipient: recipientSchema,
  grant: z.strictObject({
    ...agreementFields,
    totalGrant: kronorField,
    totalPaid: kronorField,
    period: periodField,
  }),
  accounting: z.strictObject({
    received: kronorField,
    costs: kronorField,
    unspent: kronorField,
    surveyAnswered: z.boolean(),
  }),
  certification: z.strictObject({
    alternative: z.literal([1, 2]),
    deviations: optionalText(MAX_LENGTH.longText, true),
    measures: optionalText(MAX_LENGTH.longText, true),
    name: requiredText(MAX_LENGTH.name),
    title: requiredText(MAX_LENGTH.name),
    phone: phoneField,
    email: emailField,
  }),
  signature: signatureSchema,
  answers: answersField,
});

export type Recipient = z.output<typeof recipientSchema>;
export type RequisitionForm = z.output<typeof requisitionSchema>;
export type ReportForm = z.output<typeof reportSchema>;
