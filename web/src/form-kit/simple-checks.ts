import { isIsoDate } from "../../../shared/dates.ts";
import type { FieldError } from "../../../shared/errors.ts";
import { CODES } from "../../../shared/forms/codes.ts";
import { today } from "../config.ts";
import type { Msg, Texts } from "../i18n.ts";

/**
 * Checks for the small forms that have no shared schema (the officer's decision, payment and
 * repayment, the contact register): each gives the field's error, or nothing.
 */
export const invalid = (path: string, message: Msg, code = "INVALID"): FieldError => ({
  path,
  code,
  message,
});

const TEXT = {
  amount: {
    sv: "Ange beloppet i hela kronor, större än 0.",
    en: "Enter the amount in whole kronor, more than 0.",
  },
} satisfies Texts;

/**
 * A day that has come: money that arrived or was paid out. Worded as the Bilaga 2 forms word
 * their dates (one message per rule, whichever page shows it).
 */
export function pastDate(path: string, value: unknown): FieldError | undefined {
  if (!isIsoDate(String(value))) return invalid(path, CODES.INVALID_DATE(), "INVALID_DATE");
  const day = today();
  if (String(value) > day) return invalid(path, CODES.DATE_IN_FUTURE({ today: day }), "DATE_IN_FUTURE");
  return undefined;
}

/** Whole kronor, more than 0 (parseAmount has already turned the text into a number, if it is one). */
export function positiveAmount(path: string, value: unknown): FieldError | undefined {
  return typeof value !== "number" || value <= 0 ? invalid(path, TEXT.amount) : undefined;
}
