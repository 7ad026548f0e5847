import type { FieldError } from "../../../shared/errors.ts";
import { type Msg, m } from "../i18n.ts";

/** Messages the web words differently from the API (it accepts "1 530 608" and "1 530 608 kr"). */
const WEB_MESSAGES: Record<string, Msg> = {
  NOT_AN_INTEGER_AMOUNT: {
    sv: "Ange beloppet i hela kronor, t.ex. 1 530 608.",
    en: "Enter the amount in whole kronor, e.g. 1 530 608.",
  },
};

export function errorText(error: FieldError): string {
  return m(WEB_MESSAGES[error.code] ?? error.message);
}
