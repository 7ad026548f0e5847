import type { FieldError, Message } from "../errors.ts";
import { formatKronor, type Kronor } from "../money.ts";
import { MAX_ANSWER_LENGTH } from "../programmes/questions.ts";
import { genitiveEn, genitiveSv } from "./language.ts";

/**
 * Every error code the Bilaga 2 forms can give, with its message in Swedish and English. Codes
 * are a stable API (the web and the CLI match on them); messages may be reworded.
 */
const msg = (sv: string, en: string): Message => ({ sv, en });

const TYPE_WORDS: Record<string, Message> = {
  string: msg("text", "text"),
  number: msg("ett tal", "a number"),
  boolean: msg("sant eller falskt", "true or false"),
  object: msg("ett objekt", "an object"),
};
const typeWord = (expected: string): Message => TYPE_WORDS[expected] ?? msg(expected, expected);

export const CODES = {
  // Shape: one field on its own.
  REQUIRED: () => msg("Uppgiften saknas.", "This field is required."),
  INVALID_TYPE: (p: { expected: string }) =>
    msg(
      `Fel typ av värde: ska vara ${typeWord(p.expected).sv}.`,
      `Wrong type: expected ${typeWord(p.expected).en}.`,
    ),
  INVALID_VALUE: (p: { allowed: readonly string[] }) =>
    p.allowed.length === 0
      ? msg("Ogiltigt värde.", "Invalid value.")
      : msg(
          `Ogiltigt värde. Tillåtna värden: ${p.allowed.join(", ")}.`,
          `Invalid value. Allowed values: ${p.allowed.join(", ")}.`,
        ),
  TOO_LONG: (p: { max: number }) =>
    msg(`Texten är för lång (högst ${p.max} tecken).`, `The text is too long (at most ${p.max} characters).`),
  INVALID_TEXT: () =>
    msg(
      "Texten innehåller otillåtna tecken (styrtecken eller osynliga riktningstecken).",
      "The text contains characters that are not allowed (control or invisible direction characters).",
    ),
  UNKNOWN_FIELD: (p: { field: string }) => msg(`Okänt fält "${p.field}".`, `Unknown field "${p.field}".`),
  NOT_AN_INTEGER_AMOUNT: () =>
    msg(
      "Beloppet ska anges i hela kronor som ett tal utan mellanslag eller enhet, t.ex. 1530608.",
      "The amount must be whole kronor given as a number without spaces or unit, e.g. 1530608.",
    ),
  NEGATIVE_AMOUNT: () => msg("Beloppet får inte vara negativt.", "The amount must not be negative."),
  INVALID_DATE: () =>
    msg("Ange ett giltigt datum på formen ÅÅÅÅ-MM-DD.", "Enter a valid date in the form YYYY-MM-DD."),
  INVALID_ORGANISATION_NUMBER: () =>
    msg(
      "Organisationsnumret ska ha tio siffror (NNNNNN-NNNN) och rätt kontrollsiffra.",
      "The organisation number must have ten digits (NNNNNN-NNNN) and a correct check digit.",
    ),
  NOT_A_MUNICIPALITY_ORGANISATION_NUMBER: () =>
    msg(
      "Organisationsnumret tillhör inte en kommun: en kommuns organisationsnummer börjar med 212000 (212000-NNNN).",
      "The organisation number is not a municipality's: a municipality's organisation number starts with 212000 (212000-NNNN).",
    ),
  NOT_A_REGION_ORGANISATION_NUMBER: () =>
    msg(
      "Organisationsnumret tillhör inte en region: en regions organisationsnummer börjar med 232100 (232100-NNNN).",
      "The organisation number is not a region's: a region's organisation number starts with 232100 (232100-NNNN).",
    ),
  NOT_THE_RECIPIENTS_ORGANISATION_NUMBER: (p: { expected: string }) =>
    msg(
      `Organisationsnumret är inte bidragsmottagarens: ange ${p.expected}.`,
      `The organisation number is not the recipient's: enter ${p.expected}.`,
    ),
  INVALID_BANKGIRO: () =>
    msg(
      "Bankgironumret ska ha 7 eller 8 siffror (NNN-NNNN eller NNNN-NNNN) och rätt kontrollsiffra.",
      "The bankgiro number must have 7 or 8 digits (NNN-NNNN or NNNN-NNNN) and a correct check digit.",
    ),
  INVALID_PLUSGIRO: () =>
    msg(
      "Plusgironumret ska ha 2–8 siffror (t.ex. 4 47 51-5) och rätt kontrollsiffra.",
      "The plusgiro number must have 2–8 digits (e.g. 4 47 51-5) and a correct check digit.",
    ),
  INVALID_POSTAL_CODE: () =>
    msg(
      "Postnumret ska ha fem siffror, t.ex. 221 00.",
      "The postal code must have five digits, e.g. 221 00.",
    ),
  INVALID_PHONE: () =>
    msg(
      "Ange ett giltigt telefonnummer med riktnummer, t.ex. 046-35 50 00.",
      "Enter a valid phone number with area code, e.g. 046-35 50 00.",
    ),
  INVALID_EMAIL: () => msg("Ange en giltig e-postadress.", "Enter a valid e-mail address."),

  // Rules against the programme and the municipality.
  RECIPIENT_NOT_CALLER: (p: { expected: string }) =>
    msg(
      `Bidragsmottagaren ska vara den kommun, region eller organisation du är inloggad för. Ange dess namn, t.ex. ${p.expected}.`,
      `The recipient must be the municipality, region or organisation you are signed in for. Enter its name, e.g. ${p.expected}.`,
    ),
  ORGANISATION_NUMBER_MISMATCH: (p: { registered: string }) =>
    msg(
      `Organisationsnumret stämmer inte med kommunens organisationsnummer i registret, ${p.registered}.`,
      `The organisation number does not match the municipality's organisation number on record, ${p.registered}.`,
    ),
  UNKNOWN_RECIPIENT: (p: { kommunkod: string; programmeTitle: string }) =>
    msg(
      `Mottagarkod ${p.kommunkod} finns inte i fördelningen för ${p.programmeTitle}.`,
      `Recipient code ${p.kommunkod} is not in the allocation table of ${p.programmeTitle}.`,
    ),
  AMOUNT_NOT_POSITIVE: () =>
    msg(
      "Beloppet som rekvireras måste vara större än 0 kr.",
      "The amount requisitioned must be more than 0 kr.",
    ),
  AMOUNT_EXCEEDS_ALLOCATION: (p: { amount: Kronor; kommun: string; allocation: Kronor }) =>
    msg(
      `Beloppet ${formatKronor(p.amount)} överstiger ${genitiveSv(p.kommun)} tilldelning ${formatKronor(p.allocation)}`,
      `The amount ${formatKronor(p.amount)} exceeds ${genitiveEn(p.kommun)} allocation of ${formatKronor(p.allocation)}`,
    ),
  AMOUNT_EXCEEDS_MODEL_EXTRA: (p: { amount: Kronor; kommun: string; extra: Kronor }) =>
    msg(
      `Beloppet ${formatKronor(p.amount)} överstiger ${genitiveSv(p.kommun)} extra medel som modellkommun ${formatKronor(p.extra)}`,
      `The amount ${formatKronor(p.amount)} exceeds ${genitiveEn(p.kommun)} extra funds as a model municipality of ${formatKronor(p.extra)}`,
    ),
  NOT_A_MODEL_MUNICIPALITY: (p: { kommun: string }) =>
    msg(
      `${p.kommun} är inte modellkommun och kan inte rekvirera extra medel för modellkommuner.`,
      `${p.kommun} is not a model municipality and cannot requisition the model municipalities' extra funds.`,
    ),
  TITLE_MISMATCH: (p: { expected: string }) =>
    msg(
      `Överenskommelsens benämning ska vara "${p.expected}".`,
      `The agreement's title must be "${p.expected}".`,
    ),
  INVALID_DIARIENUMMER: () =>
    msg(
      "Diarienumret ska ha formen S2022/01234/SOF.",
      "The case reference (diarienummer) must look like S2022/01234/SOF.",
    ),
  DIARIENUMMER_MISMATCH: (p: { expected: string }) =>
    msg(`Diarienumret ska vara ${p.expected}.`, `The case reference (diarienummer) must be ${p.expected}.`),
  PERIOD_ENDS_BEFORE_START: () =>
    msg("Perioden slutar innan den börjar.", "The period ends before it starts."),
  PERIOD_OUTSIDE_PROGRAMME: (p: { from: string; to: string }) =>
    msg(
      `Perioden ska ligga inom överenskommelsens period ${p.from}–${p.to}.`,
      `The period must lie within the agreement's period ${p.from} to ${p.to}.`,
    ),
  /** Any day that must have come (money paid out or received); the signature date says which date it is. */
  DATE_IN_FUTURE: (p: { today: string }) =>
    msg(
      `Datumet får inte vara senare än i dag (${p.today}).`,
      `The date must not be later than today (${p.today}).`,
    ),
  SIGNATURE_DATE_IN_FUTURE: (p: { today: string }) =>
    msg(
      `Underskriftsdatumet får inte vara senare än i dag (${p.today}).`,
      `The signature date must not be later than today (${p.today}).`,
    ),
  SIGNATURE_AFTER_DEADLINE: (p: { deadline: string }) =>
    msg(
      `Underskriftsdatumet är efter sista dag för rekvisition (${p.deadline}).`,
      `The signature date is after the last day for requisitions (${p.deadline}).`,
    ),
  TOTAL_GRANT_MISMATCH: (p: { kommun: string; base: Kronor; withExtra: Kronor | null }) => {
    const orSv =
      p.withExtra === null ? "" : ` eller ${formatKronor(p.withExtra)} med extra medel som modellkommun`;
    const orEn =
      p.withExtra === null ? "" : `, or ${formatKronor(p.withExtra)} with the model municipality funds`;
    return msg(
      `Summa bidrag enligt överenskommelsen ska vara ${genitiveSv(p.kommun)} bidrag ${formatKronor(p.base)}${orSv}.`,
      `The total grant must be ${genitiveEn(p.kommun)} grant of ${formatKronor(p.base)}${orEn}.`,
    );
  },
  PAID_EXCEEDS_GRANT: (p: { paid: Kronor; grant: Kronor }) =>
    msg(
      `Utbetalt bidrag ${formatKronor(p.paid)} är större än summa bidrag ${formatKronor(p.grant)}.`,
      `The grant paid, ${formatKronor(p.paid)}, exceeds the total grant of ${formatKronor(p.grant)}.`,
    ),
  RECEIVED_EXCEEDS_PAID: (p: { received: Kronor; paid: Kronor }) =>
    msg(
      `Erhållet bidrag ${formatKronor(p.received)} är större än utbetalt bidrag ${formatKronor(p.paid)}.`,
      `The grant received, ${formatKronor(p.received)}, exceeds the grant paid of ${formatKronor(p.paid)}.`,
    ),
  UNSPENT_MISMATCH: (p: { unspent: Kronor }) =>
    msg(
      `Medel som inte har förbrukats ska vara ${formatKronor(p.unspent)} (bidrag − kostnader, lägst 0 kr).`,
      `Unspent funds must be ${formatKronor(p.unspent)} (grant − costs, at least 0 kr).`,
    ),
  SURVEY_COMMITMENT_REQUIRED: () =>
    msg(
      "Kommunerna som rekvirerar dessa medel ska svara på Socialstyrelsens enkät: bekräfta att kommunen har svarat eller kommer att svara.",
      "Municipalities that requisition these funds must answer the National Board of Health and Welfare's survey: confirm that the municipality has answered or will answer it.",
    ),
  ANSWER_TOO_LONG: () =>
    msg(
      `Svaret är för långt (högst ${MAX_ANSWER_LENGTH} tecken).`,
      `The answer is too long (at most ${MAX_ANSWER_LENGTH} characters).`,
    ),
  QUESTION_UNANSWERED: (p: { question: Message }) =>
    msg(`Svara på frågan "${p.question.sv}".`, `Answer the question "${p.question.en}".`),
  ANSWER_NOT_TEXT: () => msg("Svaret ska vara en text.", "The answer must be text."),
  ANSWER_NOT_YES_NO: () => msg("Svara ja eller nej.", "Answer yes or no."),
  UNKNOWN_QUESTION: (p: { id: string }) =>
    msg(`Programmet har ingen fråga "${p.id}".`, `The programme has no question "${p.id}".`),
  DEVIATIONS_REQUIRED: () =>
    msg(
      "Vid alternativ 2 ska avvikelserna redovisas.",
      "With alternative 2 the deviations must be described.",
    ),
} as const;

export type Code = keyof typeof CODES;
type Template<C extends Code> = (typeof CODES)[C];

/** Codes whose message needs no parameters: what single-field rules report. */
export type SimpleCode = { [C in Code]: Parameters<Template<C>> extends [] ? C : never }[Code];

export function isSimpleCode(value: unknown): value is SimpleCode {
  return typeof value === "string" && Object.hasOwn(CODES, value) && CODES[value as Code].length === 0;
}

export function fieldError<C extends Code>(
  path: string,
  code: C,
  ...params: Parameters<Template<C>>
): FieldError {
  // Each template's own signature is enforced by the rest parameter above; the cast only widens it.
  const template = CODES[code] as (p?: unknown) => Message;
  return { path, code, message: template(params[0]) };
}
