import { isIsoDate } from "../../../shared/dates.ts";
import type { FieldError } from "../../../shared/errors.ts";
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
  date: { sv: "Ange ett datum ÅÅÅÅ-MM-DD.", en: "Enter a date YYYY-MM-DD." },
  future: { sv: "Datumet får inte vara senare än i dag.", en: "The date must not be later than today." },
  amount: {
    sv: "Ange beloppet i hela kronor, större än 0.",
    en: "Enter the amount in whole kronor, more than 0.",
  },
} satisfies Texts;

/** A day that has come: money that arrived or was paid out. */
export function pastDate(path: string, value: unknown): FieldError | undefined {
  if (!isIsoDate(String(value))) return invalid(path, TEXT.date);
  if (String(value) > today()) return invalid(path, TEXT.future);
  return undefined;
}

/** Whole kronor, more than 0 (parseAmount has already turned the text into a number, if it is one). */
export function positiveAmount(path: string, value: unknown): FieldError | undefined {
  return typeof value !== "number" || value <= 0 ? invalid(path, TEXT.amount) : undefined;
}
