import { h } from "../dom.ts";
import { kindText, kronor, statusBadge, statusReasonText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";
import { facts } from "./facts.ts";
import { formData } from "./form-data.ts";
import { requestedDocuments } from "./requested-documents.ts";

const TEXT = {
  title: { sv: "Uppgifter", en: "Details" },
  municipality: { sv: "Kommun", en: "Municipality" },
  type: { sv: "Typ", en: "Type" },
  amount: { sv: "Belopp", en: "Amount" },
  unspent: { sv: "Ej förbrukat", en: "Unspent" },
  received: { sv: "Inkom", en: "Received" },
  late: { sv: " (försenad)", en: " (late)" },
  contact: { sv: "Inlämnad av", en: "Submitted by" },
  paid: { sv: "Utbetalt", en: "Paid" },
} satisfies Texts;

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
      [m(TEXT.unspent), s.unspent !== undefined ? kronor(s.unspent) : undefined],
      [m(TEXT.received), `${s.receivedAtLocal}${s.late ? m(TEXT.late) : ""}`],
      [m(TEXT.contact), s.createdBy.email ?? s.createdBy.sub],
      [m(TEXT.paid), s.payment ? `${kronor(s.payment.amount)} (${s.payment.paidOn})` : undefined],
    ]),
    formData(s),
  );
}
