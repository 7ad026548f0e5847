import { h } from "../dom.ts";
import { kindText, kronor, statusBadge, statusReasonText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";
import { facts } from "./facts.ts";
import { formData } from "./form-data.ts";
import { requestedDocuments } from "./requested-documents.ts";

const TEXT = {
  title: { sv: "Uppgifter", en: "Details" },
  municipality: { sv: "Bidragsmottagare", en: "Recipient" },
  type: { sv: "Typ", en: "Type" },
  amount: { sv: "Belopp", en: "Amount" },
  allocation: { sv: "Tilldelat enligt Bilaga 1", en: "Allocated in Bilaga 1" },
  withExtra: (extra: string) => ({
    sv: ` (och ${extra} extra som modellkommun)`,
    en: ` (and ${extra} extra as a model municipality)`,
  }),
  unspent: { sv: "Ej förbrukat", en: "Unspent" },
  received: { sv: "Inkom", en: "Received" },
  late: { sv: " (försenad)", en: " (late)" },
  contact: { sv: "Inlämnad av", en: "Submitted by" },
  paid: { sv: "Utbetalt", en: "Paid" },
} satisfies Texts;

/**
 * What the municipality was granted for what this submission draws on: the model extra for an
 * extra requisition, the share (and the extra, where there is one) otherwise.
 */
function allocationText(detail: SubmissionDetail): string | undefined {
  const a = detail.allocation;
  if (!a) return undefined;
  if (detail.submission.grantKind === "model-extra") return kronor(a.modelExtra);
  return `${kronor(a.amount)}${a.modelExtra > 0 ? m(TEXT.withExtra(kronor(a.modelExtra))) : ""}`;
}

/** The submission at a glance: status, documents asked for, the ledger's facts, then the form's data. */
export function submissionSummary(detail: SubmissionDetail): HTMLElement {
  const s = detail.submission;
  return h(
    "section",
    { "aria-labelledby": "summary-title" },
    h("h2", { id: "summary-title" }, m(TEXT.title)),
    h(
      "p",
      { class: "status-line" },
      "Status: ",
      statusBadge(s.status),
      s.statusReason ? h("span", {}, ` ${statusReasonText(detail)}`) : null,
    ),
    requestedDocuments(detail),
    facts([
      [m(TEXT.municipality), `${s.kommun} (${s.kommunkod})`],
      [m(TEXT.type), `${kindText(s.kind)}${s.grantKind ? ` – ${kindText(s.grantKind)}` : ""}`],
      [m(TEXT.amount), kronor(s.amount)],
      [m(TEXT.allocation), allocationText(detail)],
      [m(TEXT.unspent), s.unspent !== undefined ? kronor(s.unspent) : undefined],
      [m(TEXT.received), `${s.receivedAtLocal}${s.late ? m(TEXT.late) : ""}`],
      [m(TEXT.contact), s.createdBy.email ?? s.createdBy.sub],
      [m(TEXT.paid), s.payment ? `${kronor(s.payment.amount)} (${s.payment.paidOn})` : undefined],
    ]),
    formData(s, detail.questions),
  );
}
