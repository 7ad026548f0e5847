import type { Msg } from "../i18n.ts";

/**
 * Amounts as typed and shown in text fields: whole kronor, grouped the Swedish way. The API takes
 * a number; the field keeps the text.
 */

/**
 * Text → whole kronor: "1 530 608", "1530608" and "1 530 608 kr" all give 1530608. Anything else
 * is passed on as text, so the shared rule reports it (never silently coerced).
 */
export function parseAmount(text: string): number | string | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/kr$/i, "");
  if (compact === "") return undefined;
  if (/^-?\d{1,15}$/.test(compact)) return Number(compact);
  return text;
}

/** "1 530 608" for an amount field's text. */
export function amountText(amount: number | undefined): string {
  return amount === undefined ? "" : amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** An amount field's label with its unit: "Belopp som rekvireras (kr)", "Amount requisitioned (SEK)". */
export function amountLabel(label: Msg): Msg {
  return { sv: `${label.sv} (kr)`, en: `${label.en} (SEK)` };
}
