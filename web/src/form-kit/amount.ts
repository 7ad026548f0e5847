import type { Msg } from "../i18n.ts";

/**
 * Amounts as typed and shown in text fields: whole kronor, grouped the Swedish way. The API takes
 * a number; the field keeps the text.
 */

/**
 * Text → whole kronor: "1 530 608", "1530608", "1 530 608 kr", "1.530.608" and "1 530 608:-"
 * all give 1530608, as do zero öre ("1 530 608,00"). Dots count only as thousands separators in
 * groups of three, so "1.5" is not read as 15. Anything else is passed on as text, so the
 * shared rule reports it (never silently coerced).
 */
export function parseAmount(text: string): number | string | undefined {
  const compact = text
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/(kr|sek|:-)$/i, "")
    .replace(/,0{1,2}$/, "");
  if (compact === "") return undefined;
  const digits = /^-?\d{1,3}(\.\d{3})+$/.test(compact) ? compact.replaceAll(".", "") : compact;
  if (/^-?\d{1,15}$/.test(digits)) return Number(digits);
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
