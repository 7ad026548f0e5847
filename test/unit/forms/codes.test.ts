import { describe, expect, it } from "vitest";
import { CODES, type Code, fieldError, isSimpleCode } from "../../../shared/forms/codes.ts";

/** Parameters for every template at once, so each message can be rendered in one loop. */
const ANY_PARAMS = {
  expected: "string",
  allowed: ["base", "model-extra"],
  max: 200,
  field: "note",
  kommunkod: "1281",
  programmeTitle: "Äldreomsorg 2022",
  amount: 2_000_000,
  kommun: "Lund",
  allocation: 1_530_608,
  extra: 1_500_000,
  from: "2022-01-01",
  to: "2022-12-31",
  today: "2022-06-01",
  deadline: "2022-12-01",
  base: 1_530_608,
  withExtra: 3_030_608,
  paid: 1,
  grant: 1,
  received: 1,
  unspent: 1,
  registered: "212000-1264",
  question: { sv: "Hur ökar investeringen förutsättningarna?", en: "How does the investment help?" },
  id: "motivering",
};

const BRIEFED_CODES = [
  "REQUIRED",
  "INVALID_TYPE",
  "NOT_AN_INTEGER_AMOUNT",
  "NEGATIVE_AMOUNT",
  "INVALID_DATE",
  "TOO_LONG",
  "UNKNOWN_FIELD",
  "INVALID_ORGANISATION_NUMBER",
  "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER",
  "NOT_A_REGION_ORGANISATION_NUMBER",
  "NOT_THE_RECIPIENTS_ORGANISATION_NUMBER",
  "INVALID_BANKGIRO",
  "INVALID_PLUSGIRO",
  "INVALID_POSTAL_CODE",
  "INVALID_PHONE",
  "INVALID_EMAIL",
  "AMOUNT_EXCEEDS_ALLOCATION",
  "AMOUNT_NOT_POSITIVE",
  "NOT_A_MODEL_MUNICIPALITY",
  "TITLE_MISMATCH",
  "DIARIENUMMER_MISMATCH",
  "INVALID_DIARIENUMMER",
  "PERIOD_OUTSIDE_PROGRAMME",
  "SIGNATURE_DATE_IN_FUTURE",
  "SIGNATURE_AFTER_DEADLINE",
  "UNSPENT_MISMATCH",
  "RECEIVED_EXCEEDS_PAID",
  "PAID_EXCEEDS_GRANT",
  "TOTAL_GRANT_MISMATCH",
  "SURVEY_COMMITMENT_REQUIRED",
  "DEVIATIONS_REQUIRED",
  "UNKNOWN_RECIPIENT",
  "RECIPIENT_NOT_CALLER",
  "ORGANISATION_NUMBER_MISMATCH",
];

describe("error codes", () => {
  it("has every code the API documents", () => {
    // Prepare
    const defined = Object.keys(CODES);
    // Act
    const missing = BRIEFED_CODES.filter((code) => !defined.includes(code));
    // Assess
    expect(missing).toEqual([]);
  });

  it("gives every code a non-empty Swedish and English message", () => {
    // Prepare
    const codes = Object.keys(CODES) as Code[];
    // Act
    const messages = codes.map((code) =>
      (CODES[code] as (p: typeof ANY_PARAMS) => { sv: string; en: string })(ANY_PARAMS),
    );
    // Assess
    for (const message of messages) {
      expect(message.sv.trim()).not.toBe("");
      expect(message.en.trim()).not.toBe("");
      expect(message.sv).not.toMatch(/undefined|NaN|\[object/);
      expect(message.en).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it("builds a FieldError with path, code and message", () => {
    // Prepare
    const params = { amount: 2_000_000, kommun: "Lund", allocation: 1_530_608 };
    // Act
    const error = fieldError("grant.amount", "AMOUNT_EXCEEDS_ALLOCATION", params);
    // Assess
    expect(error).toEqual({
      path: "grant.amount",
      code: "AMOUNT_EXCEEDS_ALLOCATION",
      message: {
        sv: "Beloppet 2 000 000 kr överstiger Lunds tilldelning 1 530 608 kr",
        en: "The amount 2 000 000 kr exceeds Lund's allocation of 1 530 608 kr",
      },
    });
  });

  it("tells simple codes (no parameters) from the others", () => {
    // Prepare
    const candidates = ["INVALID_PHONE", "TOO_LONG", "NO_SUCH_CODE", 42];
    // Act
    const simple = candidates.map(isSimpleCode);
    // Assess
    expect(simple).toEqual([true, false, false, false]);
  });
});
