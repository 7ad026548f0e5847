import { daysBetween, type IsoDate, stockholmDateTime } from "../../shared/dates.ts";
import { formatKronor } from "../../shared/money.ts";
import { today } from "./config.ts";
import { lang, type Msg, m } from "./i18n.ts";
import type { Submission } from "./types.ts";

export { formatKronor };

/** "1 530 608 kr", or "—" for an unknown amount. */
export function kronor(amount: number | undefined | null): string {
  return typeof amount === "number" && Number.isFinite(amount) ? formatKronor(amount) : "—";
}

/** An ISO instant as Stockholm local time, "2022-11-20 14:05:09". */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : stockholmDateTime(date);
}

/** "1 december 2022" / "1 December 2022". */
export function longDate(date: IsoDate): string {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang() === "sv" ? "sv-SE" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, mo - 1, d)));
}

/** "12 dagar kvar", "sista dagen i dag", "passerad för 3 dagar sedan". */
export function daysLeft(deadline: IsoDate): { text: string; urgent: boolean; passed: boolean } {
  const days = daysBetween(today(), deadline);
  const sv = lang() === "sv";
  if (days < 0) {
    const ago = -days;
    return {
      text: sv
        ? `passerad för ${ago} ${ago === 1 ? "dag" : "dagar"} sedan`
        : `passed ${ago} ${ago === 1 ? "day" : "days"} ago`,
      urgent: false,
      passed: true,
    };
  }
  if (days === 0)
    return { text: sv ? "sista dagen är i dag" : "today is the last day", urgent: true, passed: false };
  return {
    text: sv ? `${days} ${days === 1 ? "dag" : "dagar"} kvar` : `${days} ${days === 1 ? "day" : "days"} left`,
    urgent: days <= 14,
    passed: false,
  };
}

export const STATUS: Record<Submission["status"], Msg> = {
  "awaiting-original": { sv: "Väntar på underskrivet original", en: "Awaiting signed original" },
  "original-rejected": { sv: "Originalet godtogs inte", en: "Original not accepted" },
  received: { sv: "Mottagen", en: "Received" },
  approved: { sv: "Godkänd", en: "Approved" },
  returned: { sv: "Återsänd för komplettering", en: "Returned for correction" },
};

export function statusText(status: string): string {
  const known = STATUS[status as Submission["status"]];
  return known ? m(known) : status;
}

export function statusBadge(status: string): HTMLElement {
  const span = document.createElement("span");
  span.className = `badge badge-${status}`;
  span.textContent = statusText(status);
  return span;
}

export const KIND: Record<string, Msg> = {
  requisition: { sv: "Rekvisition", en: "Requisition" },
  report: { sv: "Ekonomisk redovisning", en: "Financial report" },
  base: { sv: "Kommunens del", en: "Municipality's share" },
  "model-extra": { sv: "Extra medel som modellkommun", en: "Model municipality extra" },
  original: { sv: "Underskrivet original", en: "Signed original" },
  "bank-statement": { sv: "Kontoutdrag", en: "Bank statement" },
  pending: { sv: "Väntar på fil", en: "Waiting for file" },
  accepted: { sv: "Godtagen", en: "Accepted" },
  rejected: { sv: "Inte godtagen", en: "Not accepted" },
};

export function kindText(kind: string | undefined): string {
  if (!kind) return "";
  const known = KIND[kind];
  return known ? m(known) : kind;
}

const ACTIONS: Record<string, Msg> = {
  "requisition.submitted": { sv: "Rekvisitionen lämnades in", en: "Requisition submitted" },
  "report.submitted": { sv: "Redovisningen lämnades in", en: "Report submitted" },
  "upload.requested": { sv: "Uppladdning påbörjad", en: "Upload started" },
  "upload.accepted": { sv: "Underskrivet original mottaget", en: "Signed original received" },
  "upload.rejected": { sv: "Uppladdad fil godtogs inte", en: "Uploaded file not accepted" },
  "submission.approved": { sv: "Godkänd av handläggare", en: "Approved by officer" },
  "submission.returned": { sv: "Återsänd av handläggare", en: "Returned by officer" },
  "decision.approve": { sv: "Godkänd av handläggare", en: "Approved by officer" },
  "decision.return": { sv: "Återsänd av handläggare", en: "Returned by officer" },
  "payment.registered": { sv: "Utbetalning registrerad", en: "Payment registered" },
  "repayment.registered": { sv: "Återbetalning registrerad", en: "Repayment registered" },
};

export function actionText(action: string): string {
  const known = ACTIONS[action];
  return known ? m(known) : action;
}

/**
 * The upload check stores its reason in English only; these are its reasons, in Swedish too.
 * Anything unknown is shown as given.
 */
const REASONS: Record<string, string> = {
  "the file is missing.": "filen saknas.",
  "the file is empty.": "filen är tom.",
  "the file contains malware.": "filen innehåller skadlig kod.",
  "the file is not a PDF, JPEG, PNG or TIFF.": "filen är inte en PDF, JPEG, PNG eller TIFF.",
  "the PDF file is incomplete.": "PDF-filen är ofullständig.",
};

export function reasonText(reason: string | undefined): string {
  if (!reason) return "";
  if (lang() === "en") return reason;
  const larger = /^the file is larger than (\d+) bytes\.$/.exec(reason);
  if (larger) return `filen är större än ${larger[1]} byte.`;
  return REASONS[reason] ?? reason;
}

export function bytes(size: number | undefined): string {
  if (size === undefined) return "—";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} kB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
