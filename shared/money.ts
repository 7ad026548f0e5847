/** Money is integer kronor everywhere: no öre, no floats. */
export type Kronor = number;

export function isKronor(value: unknown): value is Kronor {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** "1 530 608 kr" — Swedish grouping with a plain space, so messages read the same in mail and CSV. */
export function formatKronor(amount: Kronor): string {
  const sign = amount < 0 ? "-" : "";
  const digits = Math.abs(amount).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ")} kr`;
}

/**
 * Parses an amount as agencies publish it ("1 530 608", "1 530 608 kr", "250000").
 * Used for allocation tables only; the JSON API never coerces text to money.
 */
export function parseKronorText(text: string): Kronor | undefined {
  const compact = text
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/kr$/i, "")
    .trim();
  if (!/^\d{1,12}$/.test(compact)) return undefined;
  return Number(compact);
}

export function sumKronor(amounts: readonly Kronor[]): Kronor {
  return amounts.reduce((total, amount) => total + amount, 0);
}
