import { isIsoDate } from "../../../shared/dates.ts";
import type { FieldError } from "../../../shared/errors.ts";
import type { ReportForm, RequisitionForm } from "../../../shared/forms/index.ts";
import { get, post } from "../api.ts";
import { today } from "../config.ts";
import { append, h, param } from "../dom.ts";
import { amountText, parseAmount } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import type { Value } from "../form-kit/types.ts";
import {
  bytes,
  dateTime,
  kindText,
  kronor,
  refusalText,
  requestText,
  statusBadge,
  statusReasonText,
} from "../format.ts";
import { historySection } from "../history.ts";
import { lang } from "../i18n.ts";
import { boot, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";
import type { Submission, SubmissionDetail } from "../types.ts";

/**
 * One submission for an officer: the submitted data beside the signed original (fetched with the
 * short-lived presigned link into a blob: URL, so the page's policy need not allow S3 frames),
 * then approve or return with a reason (optionally asking for a bank statement or a new signed
 * original), and record the payment of an approved requisition.
 */
const sv = () => lang() === "sv";
/** What an officer may ask for on a return; the form's "none" sends no request. */
const REQUESTABLE = ["bank-statement", "original"] as const;
const fieldError = (path: string, sv: string, en: string): FieldError => ({
  path,
  code: "INVALID",
  message: { sv, en },
});

function rows(list: [string, string | undefined][]): HTMLElement {
  return h(
    "dl",
    { class: "facts" },
    list
      .filter(([, v]) => v !== undefined && v !== "")
      .flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "")]),
  );
}

function formData(s: Submission): HTMLElement {
  const f = s.form as unknown as RequisitionForm & ReportForm;
  const r = f.recipient;
  const g = f.grant;
  const parts: HTMLElement[] = [
    h("h3", {}, sv() ? "1. Kontaktuppgifter" : "1. Contact details"),
    rows([
      [sv() ? "Bidragsmottagare" : "Recipient", r.name],
      [sv() ? "Organisationsnummer" : "Organisation number", r.organisationNumber],
      [sv() ? "Kontaktperson" : "Contact person", r.contactPerson],
      [
        sv() ? "Postadress" : "Address",
        `${r.postalAddress.street}, ${r.postalAddress.postalCode} ${r.postalAddress.city}`,
      ],
      [sv() ? "Telefon" : "Phone", r.phone],
      ["Fax", r.fax],
      [sv() ? "E-post" : "E-mail", r.email],
    ]),
    h(
      "h3",
      {},
      s.kind === "report"
        ? sv()
          ? "2. Bidrag som redovisningen avser"
          : "2. Grant reported on"
        : sv()
          ? "2. Bidrag som ansökan avser"
          : "2. Grant applied for",
    ),
    rows([
      [sv() ? "Överenskommelse" : "Agreement", g.agreementTitle],
      [sv() ? "Överenskommelsens diarienummer" : "Agreement case no.", g.agreementDiarienummer],
      [sv() ? "Beslutets diarienummer" : "Decision case no.", g.decisionDiarienummer],
      [sv() ? "Period" : "Period", `${g.period.from} – ${g.period.to}`],
      ...(s.kind === "requisition"
        ? ([
            [sv() ? "Avser" : "Concerns", kindText(g.kind)],
            [sv() ? "Belopp" : "Amount", kronor(g.amount)],
          ] as [string, string][])
        : ([
            [sv() ? "Summa bidrag" : "Total grant", kronor(g.totalGrant)],
            [sv() ? "Utbetalt" : "Paid", kronor(g.totalPaid)],
          ] as [string, string][])),
    ]),
  ];
  if (s.kind === "requisition") {
    parts.push(
      h("h3", {}, sv() ? "3. Uppgifter för utbetalning" : "3. Payment details"),
      rows([
        [sv() ? "Betalningssätt" : "Method", f.payment.method],
        [sv() ? "Konto" : "Account", f.payment.account],
        [sv() ? "Referens" : "Reference", f.payment.reference],
      ]),
    );
  } else {
    parts.push(
      h("h3", {}, sv() ? "3. Redovisning" : "3. Accounts"),
      rows([
        [sv() ? "Erhållet bidrag" : "Received", kronor(f.accounting.received)],
        [sv() ? "Totala kostnader" : "Total costs", kronor(f.accounting.costs)],
        [sv() ? "Ej förbrukat" : "Unspent", kronor(f.accounting.unspent)],
        [
          sv() ? "Enkäten besvarad" : "Survey answered",
          f.accounting.surveyAnswered ? (sv() ? "Ja" : "Yes") : sv() ? "Nej" : "No",
        ],
      ]),
      h("h3", {}, sv() ? "4. Granskning" : "4. Review"),
      rows([
        [sv() ? "Alternativ" : "Alternative", String(f.certification.alternative)],
        [sv() ? "Avvikelser" : "Deviations", f.certification.deviations],
        [sv() ? "Åtgärder" : "Measures", f.certification.measures],
        [sv() ? "Granskare" : "Reviewer", `${f.certification.name}, ${f.certification.title}`],
      ]),
    );
  }
  parts.push(
    h("h3", {}, sv() ? "Underskrift" : "Signature"),
    rows([
      [sv() ? "Namnförtydligande" : "Signatory", f.signature.signatory],
      [sv() ? "Datum" : "Date", f.signature.date],
    ]),
  );
  return h("div", { class: "form-data" }, parts);
}

async function originalViewer(detail: SubmissionDetail): Promise<HTMLElement> {
  const section = h(
    "section",
    { class: "original-view", "aria-labelledby": "original-title" },
    h("h2", { id: "original-title" }, sv() ? "Underskrivet original" : "Signed original"),
  );
  const original = detail.submission.original;
  if (!original || !detail.originalDownload) {
    section.append(
      h("p", {}, sv() ? "Originalet har inte kommit in ännu." : "The original has not arrived yet."),
    );
    return section;
  }
  try {
    const res = await fetch(detail.originalDownload.url);
    if (!res.ok) throw new Error(`${res.status}`);
    const blob = new Blob([await res.arrayBuffer()], { type: original.contentType });
    const url = URL.createObjectURL(blob);
    const label = `${sv() ? "Original för" : "Original of"} ${detail.submission.reference}`;
    section.append(
      original.contentType === "application/pdf"
        ? h("iframe", { src: url, title: label, id: "original-frame" })
        : h("img", { src: url, alt: label, id: "original-image" }),
      h(
        "p",
        { class: "small" },
        `${original.contentType}, ${bytes(original.size)}, SHA-256 ${original.sha256.slice(0, 16)}…`,
        original.pdfSigned
          ? sv()
            ? " Innehåller en digital signatur."
            : " Contains a digital signature."
          : "",
        " ",
        h(
          "a",
          { href: url, download: `${detail.submission.reference}-original` },
          sv() ? "Ladda ner" : "Download",
        ),
      ),
    );
  } catch (error) {
    section.append(
      h(
        "p",
        {},
        `${sv() ? "Originalet kunde inte hämtas" : "The original could not be fetched"}: ${String(error)}`,
      ),
    );
  }
  return section;
}

function decisionForm(s: Submission, reload: () => void): HTMLElement {
  const requested = (v: Record<string, Value>) => REQUESTABLE.find((type) => type === v.requestedAttachment);
  // Reason and request belong to a return only; they show once "return" is chosen.
  const returnBlock = h("div", { id: "return-block" });
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => {
      const type = requested(v);
      return v.decision === "return"
        ? {
            decision: "return",
            reason: String(v.reason ?? ""),
            ...(type ? { requestedAttachment: type } : {}),
          }
        : { decision: v.decision || undefined };
    },
    onChange: (v) => {
      returnBlock.hidden = v.decision !== "return";
    },
    validate: (input) => {
      if (input.decision !== "approve" && input.decision !== "return")
        return [fieldError("decision", "Välj godkänn eller skicka tillbaka.", "Choose approve or return.")];
      if (input.decision === "return" && String(input.reason ?? "").trim().length < 3)
        return [
          fieldError(
            "reason",
            "Ange ett skäl som kommunen kan rätta efter (minst 3 tecken).",
            "Give a reason the municipality can act on (at least 3 characters).",
          ),
        ];
      return [];
    },
  });
  kit.init({ decision: "", reason: "", requestedAttachment: "none" });
  returnBlock.append(
    kit.field({
      path: "reason",
      kind: "textarea",
      label: { sv: "Skäl", en: "Reason" },
      hint: {
        sv: "Skriv vad som ska rättas, så att kommunen kan göra det.",
        en: "Say what is to be corrected, so the municipality can do it.",
      },
    }),
    kit.field({
      path: "requestedAttachment",
      kind: "radio",
      legend: { sv: "Begär en handling", en: "Ask for a document" },
      hint: {
        sv: "Det som begärs visas för kommunen som något som återstår och står i e-postmeddelandet.",
        en: "What is asked for is shown to the municipality as still required and is in the e-mail.",
      },
      options: [
        { value: "none", label: { sv: "Ingen handling", en: "No document" } },
        {
          value: "bank-statement",
          label: { sv: "Begär kontoutdrag", en: "Request bank statement" },
          hint: {
            sv: "Kommunen laddar upp ett kontoutdrag som visar kontot i uppgifterna för utbetalning.",
            en: "The municipality uploads a bank statement showing the account in the payment details.",
          },
        },
        {
          value: "original",
          label: { sv: "Begär nytt underskrivet original", en: "Request a new signed original" },
          hint: {
            sv: "Kommer med den rättade versionens skannade blankett.",
            en: "Comes with the corrected version's scanned form.",
          },
        },
      ],
    }),
  );
  returnBlock.hidden = kit.values.decision !== "return";
  const result = h("div", { role: "status" });
  const form = h(
    "form",
    { novalidate: true, id: "decision-form" },
    kit.summary,
    kit.field({
      path: "decision",
      kind: "radio",
      legend: { sv: "Beslut", en: "Decision" },
      options: [
        { value: "approve", label: { sv: "Godkänn", en: "Approve" } },
        {
          value: "return",
          label: { sv: "Skicka tillbaka för rättelse", en: "Return for correction" },
          hint: {
            sv: "Kommunen får skälet med e-post och kan skicka in en rättad version.",
            en: "The municipality gets the reason by e-mail and can send a corrected version.",
          },
        },
      ],
    }),
    returnBlock,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", id: "decide" }, sv() ? "Spara beslut" : "Save decision"),
    ),
    result,
  );
  onValidSubmit(form, kit, result, async () => {
    await post(`/submissions/${encodeURIComponent(s.id)}/decision`, kit.input());
    reload();
  });
  return h(
    "section",
    { "aria-labelledby": "decision-title", class: "panel" },
    h("h2", { id: "decision-title" }, sv() ? "Beslut" : "Decision"),
    form,
  );
}

function paymentForm(s: Submission, reload: () => void): HTMLElement {
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => ({
      paidOn: String(v.paidOn ?? ""),
      amount: parseAmount(String(v.amount ?? "")),
    }),
    validate: (input) => {
      const errors: FieldError[] = [];
      if (!isIsoDate(String(input.paidOn)))
        errors.push(fieldError("paidOn", "Ange ett datum ÅÅÅÅ-MM-DD.", "Enter a date YYYY-MM-DD."));
      else if (String(input.paidOn) > today())
        errors.push(
          fieldError(
            "paidOn",
            "Datumet får inte vara senare än i dag.",
            "The date must not be later than today.",
          ),
        );
      if (typeof input.amount !== "number" || input.amount <= 0)
        errors.push(
          fieldError(
            "amount",
            "Ange beloppet i hela kronor, större än 0.",
            "Enter the amount in whole kronor, more than 0.",
          ),
        );
      else if (input.amount > s.amount)
        errors.push(
          fieldError(
            "amount",
            `Högst det rekvirerade beloppet ${kronor(s.amount)}.`,
            `At most the requisitioned ${kronor(s.amount)}.`,
          ),
        );
      return errors;
    },
  });
  kit.init({ paidOn: today(), amount: amountText(s.amount) });
  const result = h("div", { role: "status" });
  const form = h(
    "form",
    { novalidate: true, id: "payment-form" },
    kit.summary,
    kit.field({
      path: "amount",
      kind: "amount",
      label: { sv: "Utbetalt belopp (kr)", en: "Amount paid (SEK)" },
    }),
    kit.field({
      path: "paidOn",
      kind: "date",
      label: { sv: "Utbetalningsdag", en: "Payment date" },
      hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    }),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button" }, sv() ? "Registrera utbetalning" : "Record payment"),
    ),
    result,
  );
  onValidSubmit(form, kit, result, async () => {
    await post(`/submissions/${encodeURIComponent(s.id)}/payment`, kit.input());
    reload();
  });
  return h(
    "section",
    { "aria-labelledby": "payment-title", class: "panel" },
    h("h2", { id: "payment-title" }, sv() ? "Utbetalning" : "Payment"),
    form,
  );
}

/** What officers asked for when returning this version or the one it corrects, and whether it came. */
function requestsList(detail: SubmissionDetail): HTMLElement | null {
  if (detail.requests.length === 0) return null;
  return h(
    "div",
    { id: "requests" },
    h("h3", {}, sv() ? "Begärda handlingar" : "Requested documents"),
    h(
      "ul",
      {},
      detail.requests.map((r) => h("li", {}, `${requestText(r)}.`)),
    ),
    downloadsList(detail),
  );
}

/** Links to the accepted files besides the original (which is shown beside the data). */
function downloadsList(detail: SubmissionDetail): HTMLElement | null {
  const downloads = detail.attachmentDownloads ?? [];
  if (downloads.length === 0) return null;
  return h(
    "ul",
    { id: "attachment-downloads", class: "links" },
    downloads.map((d, i) =>
      h(
        "li",
        {},
        h(
          "a",
          { href: d.url, target: "_blank", rel: "noopener noreferrer" },
          `${sv() ? "Öppna" : "Open"} ${kindText(d.type).toLowerCase()}${downloads.length > 1 ? ` ${i + 1}` : ""}`,
        ),
      ),
    ),
  );
}

function historyTable(detail: SubmissionDetail): HTMLElement {
  return historySection(detail.audit, (actor) => actor.email ?? actor.kind);
}

await boot("officer-submission", "officer", async ({ main }) => {
  const id = param("id") ?? "";
  const render = async (focus: boolean) => {
    const detail = await get<SubmissionDetail>(`/submissions/${encodeURIComponent(id)}`);
    const s = detail.submission;
    setTitle("officer-submission", s.reference);
    const heading = h("h1", { tabindex: "-1" }, `${sv() ? "Granska" : "Review"} ${s.reference}`);
    const summary = h(
      "section",
      { "aria-labelledby": "summary-title" },
      h("h2", { id: "summary-title" }, sv() ? "Uppgifter" : "Details"),
      h(
        "p",
        { class: "status-line" },
        "Status: ",
        statusBadge(s.status),
        s.statusReason ? h("span", {}, ` ${statusReasonText(detail)}`) : null,
      ),
      requestsList(detail),
      rows([
        [sv() ? "Kommun" : "Municipality", `${s.kommun} (${s.kommunkod})`],
        [sv() ? "Typ" : "Type", `${kindText(s.kind)}${s.grantKind ? ` – ${kindText(s.grantKind)}` : ""}`],
        [sv() ? "Belopp" : "Amount", kronor(s.amount)],
        [sv() ? "Ej förbrukat" : "Unspent", s.unspent !== undefined ? kronor(s.unspent) : undefined],
        [
          sv() ? "Inkom" : "Received",
          `${s.receivedAtLocal}${s.late ? (sv() ? " (försenad)" : " (late)") : ""}`,
        ],
        [sv() ? "Kontakt" : "Contact", s.contactEmail],
        [
          sv() ? "Utbetalt" : "Paid",
          s.payment ? `${kronor(s.payment.amount)} (${s.payment.paidOn})` : undefined,
        ],
        [sv() ? "Ersätter" : "Replaces", s.replaces],
        [sv() ? "Ersatt av" : "Replaced by", s.replacedBy],
      ]),
      formData(s),
    );
    const actions: HTMLElement[] = [];
    if (s.status === "received") actions.push(decisionForm(s, () => void render(true)));
    if (s.kind === "requisition" && s.status === "approved" && !s.payment)
      actions.push(paymentForm(s, () => void render(true)));
    const attachments = h(
      "section",
      { "aria-labelledby": "files-title" },
      h("h2", { id: "files-title" }, sv() ? "Filer" : "Files"),
      h(
        "ul",
        {},
        detail.attachments.map((a) =>
          h(
            "li",
            {},
            `${kindText(a.type)}: ${kindText(a.status)}${a.status === "rejected" ? ` – ${refusalText(a)}` : ""} (${a.size !== undefined ? `${bytes(a.size)}, ` : ""}${dateTime(a.createdAt)})`,
          ),
        ),
      ),
    );
    main.replaceChildren(heading);
    append(main, [
      h(
        "p",
        {},
        h(
          "a",
          { href: `${pageFile("officer")}?programme=${encodeURIComponent(s.programmeId)}` },
          sv() ? "Tillbaka till översikten" : "Back to the overview",
        ),
      ),
      h("div", { class: "review" }, summary, await originalViewer(detail)),
      ...actions,
      attachments,
      historyTable(detail),
    ]);
    if (focus) heading.focus();
  };
  await render(false);
});
