/**
 * CSV for Excel in a Swedish locale: UTF-8 with a BOM, `;` between cells, CRLF between rows.
 * A text cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a
 * carriage return) is neutralised with a leading apostrophe (OWASP "CSV injection"), and a cell
 * holding `;`, a quote or a line break is quoted as RFC 4180 says.
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = typeof value === "boolean" ? (value ? "ja" : "nej") : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
