import type { Programme } from "../programmes/schema.ts";
import type { Position } from "./overview.ts";

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

/**
 * What a payment is charged to, as the agreement says ("utgiftsområde 9, anslag 4:5, anslagspost
 * 8"): the programme's, since one programme draws on one anslagspost.
 */
export function appropriationText(a: Programme["appropriation"]): string | undefined {
  return a
    ? `UO ${a.expenditureArea} anslag ${a.anslag} ap. ${a.anslagspost} ${a.anslagspostName}`
    : undefined;
}

type Column = [string, (p: Position, appropriation: string | undefined) => Cell];

/** The export's columns, in order: the header names and how each is read from a position. */
const COLUMNS: readonly Column[] = [
  ["kommunkod", (p) => p.kommunkod],
  ["kommun", (p) => p.kommun],
  ["allocation", (p) => p.allocation],
  ["modelExtra", (p) => p.modelExtra],
  ["requisitioned", (p) => p.requisitioned],
  ["modelExtraRequisitioned", (p) => p.modelExtraRequisitioned],
  ["lapsed", (p) => p.lapsed],
  ["notYetRequisitioned", (p) => p.notYetRequisitioned],
  ["status", (p) => p.status],
  ["requisitionReference", (p) => p.requisition?.reference],
  ["requisitionReceivedOn", (p) => p.requisition?.receivedOn],
  ["requisitionStatus", (p) => p.requisition?.status],
  ["modelExtraReference", (p) => p.extraRequisition?.reference],
  ["modelExtraReceivedOn", (p) => p.extraRequisition?.receivedOn],
  ["lapsedOn", (p) => p.lapsedOn],
  ["paid", (p) => p.paid],
  ["paidOn", (p) => p.paidOn],
  ["paidFromAppropriation", (p, appropriation) => (p.paid > 0 ? appropriation : undefined)],
  ["reportReference", (p) => p.report?.reference],
  ["reportReceivedOn", (p) => p.report?.receivedOn],
  ["reportStatus", (p) => p.report?.status],
  ["reportLate", (p) => (p.report ? p.report.late : undefined)],
  ["reportReceived", (p) => p.report?.received],
  ["reportCosts", (p) => p.report?.costs],
  ["unspent", (p) => p.report?.unspent],
  ["reportOverdueSince", (p) => p.reportOverdueSince],
  ["reclaimListedOn", (p) => p.reclaimListedOn],
  ["repaymentDue", (p) => p.repaymentDue],
  ["repaymentDueBy", (p) => p.repaymentDueBy],
  ["repaid", (p) => p.repaid],
  ["repaidOn", (p) => p.repaidOn],
  ["repaymentOutstanding", (p) => p.repaymentOutstanding],
];

export const EXPORT_HEADER = COLUMNS.map(([name]) => name);

/** GET /programmes/{id}/export.csv: one row per municipality; payments name the appropriation. */
export function exportCsv(list: readonly Position[], appropriation?: Programme["appropriation"]): string {
  const charged = appropriationText(appropriation ?? null);
  return toCsv([EXPORT_HEADER, ...list.map((p) => COLUMNS.map(([, read]) => read(p, charged)))]);
}
