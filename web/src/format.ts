import { ROLE_NAMES, type Role } from "../../shared/auth/roles.ts";
import { daysBetween, type IsoDate, stockholmDateTime } from "../../shared/dates.ts";
import { formatKronor } from "../../shared/money.ts";
import { today } from "./config.ts";
import { lang, type Msg, m, type Texts } from "./i18n.ts";
import type { Attachment, AttachmentRequest, Refusal, Submission, SubmissionDetail } from "./types.ts";

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

const TEXT = {
  passed: (ago: number) => ({
    sv: `passerad för ${ago} ${ago === 1 ? "dag" : "dagar"} sedan`,
    en: `passed ${ago} ${ago === 1 ? "day" : "days"} ago`,
  }),
  lastDay: { sv: "sista dagen är i dag", en: "today is the last day" },
  left: (days: number) => ({
    sv: `${days} ${days === 1 ? "dag" : "dagar"} kvar`,
    en: `${days} ${days === 1 ? "day" : "days"} left`,
  }),
  received: { sv: "inkommet", en: "received" },
  notReceived: { sv: "inte inkommet ännu", en: "not received yet" },
  request: (what: string, when: string, reference: string, state: string) => ({
    sv: `${what}, begärt ${when} vid återsändningen av ${reference}: ${state}`,
    en: `${what}, requested ${when} when ${reference} was returned: ${state}`,
  }),
} satisfies Texts;

/** "12 dagar kvar", "sista dagen i dag", "passerad för 3 dagar sedan". */
export function daysLeft(deadline: IsoDate): { text: string; urgent: boolean; passed: boolean } {
  const days = daysBetween(today(), deadline);
  if (days < 0) return { text: m(TEXT.passed(-days)), urgent: false, passed: true };
  if (days === 0) return { text: m(TEXT.lastDay), urgent: true, passed: false };
  return { text: m(TEXT.left(days)), urgent: days <= 14, passed: false };
}

export const STATUS: Record<Submission["status"], Msg> = {
  "awaiting-original": { sv: "Väntar på underskrivet original", en: "Awaiting signed original" },
  "original-rejected": { sv: "Originalet godtogs inte", en: "Original not accepted" },
  received: { sv: "Mottagen", en: "Received" },
  approved: { sv: "Godkänd", en: "Approved" },
  "payment-proposed": { sv: "Godkänd, utbetalning under attest", en: "Approved, payment being attested" },
  returned: { sv: "Återsänd för komplettering", en: "Returned for correction" },
  replaced: { sv: "Ersatt av rättad version", en: "Replaced by a corrected version" },
  refused: { sv: "Avslagen", en: "Refused" },
  paid: { sv: "Utbetald", en: "Paid" },
  lapsed: { sv: "Förfallen", en: "Lapsed" },
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
};

/** A role as the audit trail names it (shared/auth/roles.ts), in the page's language. */
export function roleText(role: string): string {
  const known = ROLE_NAMES[role as Role];
  return known ? m(known) : role;
}

export function kindText(kind: string | undefined): string {
  if (!kind) return "";
  const known = KIND[kind];
  return known ? m(known) : kind;
}

/** A file's state (shared/submissions/lifecycle.ts, attachments), as the pages name it. */
export const ATTACHMENT_STATUS: Record<Attachment["status"], Msg> = {
  requested: { sv: "Begärd, inte inkommen ännu", en: "Requested, not received yet" },
  pending: { sv: "Väntar på fil", en: "Waiting for the file" },
  scanning: { sv: "Kontrolleras (virusskanning)…", en: "Being checked for malware…" },
  // Not "Godtagen": beside the submission's "Mottagen" it read like the officer's approval.
  accepted: { sv: "Mottagen och kontrollerad", en: "Received and checked" },
  refused: { sv: "Inte godtagen", en: "Not accepted" },
  void: { sv: "Ersatt av en senare uppladdning", en: "Superseded by a later upload" },
};

/** "Inte godtagen – filen är inte en PDF, …": a file's state, with the check's reason when refused. */
export function attachmentStatusText(a: Pick<Attachment, "status" | "refusal">): string {
  const known = ATTACHMENT_STATUS[a.status];
  const text = known ? m(known) : a.status;
  const reason = a.status === "refused" ? refusalText(a) : "";
  return reason ? `${text} – ${reason}` : text;
}

/**
 * Whether the check has read a file into the slot: a slot the municipality was given (or a
 * document an officer asked for) has no file, size or upload time until then.
 */
export function hasFile(a: Pick<Attachment, "status" | "object">): boolean {
  return (
    a.object !== undefined || a.status === "scanning" || a.status === "accepted" || a.status === "refused"
  );
}

const ACTIONS: Record<string, Msg> = {
  "requisition.submitted": { sv: "Rekvisitionen lämnades in", en: "Requisition submitted" },
  "report.submitted": { sv: "Redovisningen lämnades in", en: "Report submitted" },
  "requisition.corrected": { sv: "Rättad rekvisition lämnades in", en: "Corrected requisition submitted" },
  "report.corrected": { sv: "Rättad redovisning lämnades in", en: "Corrected report submitted" },
  "submission.replaced": { sv: "Ersatt av en rättad version", en: "Replaced by a corrected version" },
  "upload.requested": { sv: "Uppladdning påbörjad", en: "Upload started" },
  "upload.requested:bank-statement": {
    sv: "Uppladdning av kontoutdrag påbörjad",
    en: "Upload of a bank statement started",
  },
  "upload.accepted": { sv: "Underskrivet original mottaget", en: "Signed original received" },
  "upload.accepted:bank-statement": { sv: "Kontoutdrag mottaget", en: "Bank statement received" },
  "upload.scanning": {
    sv: "Underskrivet original klarade kontrollen, virusskanning pågår",
    en: "Signed original passed the check, malware scan under way",
  },
  "upload.scanning:bank-statement": {
    sv: "Kontoutdrag klarade kontrollen, virusskanning pågår",
    en: "Bank statement passed the check, malware scan under way",
  },
  "upload.rejected": { sv: "Uppladdad fil godtogs inte", en: "Uploaded file not accepted" },
  "upload.rejected:bank-statement": {
    sv: "Uppladdat kontoutdrag godtogs inte",
    en: "Bank statement not accepted",
  },
  "submission.approved": { sv: "Godkänd av handläggare", en: "Approved by officer" },
  "submission.returned": { sv: "Återsänd av handläggare", en: "Returned by officer" },
  "submission.refused": { sv: "Avslagen av handläggare", en: "Refused by officer" },
  "submission.lapsed": {
    sv: "Förfallen: inte rättad inom respittiden",
    en: "Lapsed: not corrected within the grace period",
  },
  "decision.approve": { sv: "Godkänd av handläggare", en: "Approved by officer" },
  "decision.return": { sv: "Återsänd av handläggare", en: "Returned by officer" },
  "decision.refuse": { sv: "Avslagen av handläggare", en: "Refused by officer" },
  "payment.recorded": { sv: "Utbetalning registrerad", en: "Payment recorded" },
  "payment.proposed": { sv: "Utbetalning föreslagen", en: "Payment proposed" },
  "payment.attested": { sv: "Utbetalning attesterad", en: "Payment attested" },
  "payment.registered": { sv: "Utbetalning registrerad", en: "Payment registered" },
  "repayment.registered": { sv: "Återbetalning registrerad", en: "Repayment registered" },
};

/** An audit event's action; uploads are named by what was uploaded when that matters. */
export function actionText(action: string, details: Record<string, unknown> = {}): string {
  const known = ACTIONS[`${action}:${String(details.type)}`] ?? ACTIONS[action];
  return known ? m(known) : action;
}

/** Why the upload check refused a file, in the page's language (the API gives both). */
export function refusalText(file: { refusal?: Refusal | undefined }): string {
  return file.refusal ? m(file.refusal.message) : "";
}

/**
 * The reason beside a submission's status: the officer's words for a return, the upload check's
 * refusal (from the refused original, which has it in both languages) for a refused original.
 */
export function statusReasonText(detail: Pick<SubmissionDetail, "submission" | "attachments">): string {
  const s = detail.submission;
  if (s.status !== "original-rejected") return s.statusReason ?? "";
  const refused = detail.attachments
    .filter((a) => a.type === "original" && a.status === "refused")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1);
  return refused ? refusalText(refused) : (s.statusReason ?? "");
}

/** "Kontoutdrag, begärt 2022-11-20 14:05:09 vid återsändningen av SB-2022-1281-R1: inte inkommet ännu". */
export function requestText(request: AttachmentRequest): string {
  const state = m(request.received ? TEXT.received : TEXT.notReceived);
  return m(
    TEXT.request(kindText(request.type), dateTime(request.requestedAt), request.requestedBy.reference, state),
  );
}

export function bytes(size: number | undefined): string {
  if (size === undefined) return "—";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} kB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
