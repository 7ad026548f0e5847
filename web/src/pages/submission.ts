import type { ReportForm, RequisitionForm } from "../../../shared/forms/index.ts";
import { get } from "../api.ts";
import { announce, download, h, param } from "../dom.ts";
import {
  bytes,
  dateTime,
  daysLeft,
  kindText,
  kronor,
  longDate,
  refusalText,
  requestText,
  statusBadge,
  statusReasonText,
  statusText,
} from "../format.ts";
import { historySection } from "../history.ts";
import { lang, m } from "../i18n.ts";
import { boot, errorPanel, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";
import type { ProgrammeView, Submission, SubmissionDetail } from "../types.ts";
import { uploadWidget } from "../upload/widget.ts";

/**
 * One submission for its municipality: the receipt, the filled-in form as a PDF to sign, the
 * upload of the signed scan, and then status, what is still required (including a file an officer
 * asked for when returning it), attachments and history.
 */
const sv = () => lang() === "sv";

function receipt(s: Submission): HTMLElement {
  const rows: [string, string][] = [
    [sv() ? "Referens" : "Reference", s.reference],
    [sv() ? "Inkommen" : "Received", s.receivedAtLocal],
    [sv() ? "Typ" : "Type", `${kindText(s.kind)}${s.grantKind ? ` – ${kindText(s.grantKind)}` : ""}`],
    [sv() ? "Kommun" : "Municipality", `${s.kommun} (${s.kommunkod})`],
    [
      s.kind === "report" ? (sv() ? "Erhållet bidrag" : "Grant received") : sv() ? "Belopp" : "Amount",
      kronor(s.amount),
    ],
  ];
  if (s.unspent !== undefined)
    rows.push([sv() ? "Ej förbrukat, att återbetala" : "Unspent, to repay", kronor(s.unspent)]);
  if (s.late)
    rows.push([sv() ? "Försenad" : "Late", sv() ? "Ja, inkom efter sista dag" : "Yes, after the deadline"]);
  return h(
    "section",
    { class: "receipt", "aria-labelledby": "receipt-title" },
    h("h2", { id: "receipt-title" }, sv() ? "Kvitto" : "Receipt"),
    h(
      "dl",
      { class: "facts" },
      rows.flatMap(([dt, dd]) => [h("dt", {}, dt), h("dd", { "data-field": dt }, dd)]),
    ),
  );
}

type Step = { done: boolean; current: boolean; text: string; detail?: HTMLElement | string };

/** A file an officer asked for: done once one of that type was accepted after the request. */
function requestStep(r: SubmissionDetail["requests"][number]): Step {
  return {
    done: r.received,
    current: !r.received,
    text: `${sv() ? "Begärd bilaga" : "Requested attachment"}: ${requestText(r)}.`,
    ...(r.lastRefusal
      ? {
          detail: `${sv() ? "Senaste filen godtogs inte" : "The last file was not accepted"}: ${m(r.lastRefusal.message)}`,
        }
      : {}),
  };
}

function steps(detail: SubmissionDetail, view: ProgrammeView | undefined): Step[] {
  const s = detail.submission;
  const st = s.status;
  const uploaded = st === "received" || st === "approved" || st === "returned";
  const decided = st === "approved";
  const list: Step[] = [
    { done: true, current: false, text: sv() ? "Blanketten är inskickad." : "The form has been sent." },
    {
      done: uploaded,
      current: !uploaded,
      text: sv()
        ? "Skriv ut den ifyllda blanketten (PDF) och låt behörig företrädare skriva under."
        : "Print the filled-in form (PDF) and have an authorised representative sign it.",
    },
    {
      done: uploaded,
      current: !uploaded,
      text: sv()
        ? "Ladda upp en skanning av den underskrivna blanketten."
        : "Upload a scan of the signed form.",
      ...(st === "original-rejected"
        ? {
            detail: `${sv() ? "Senaste filen godtogs inte" : "The last file was not accepted"}: ${statusReasonText(detail)}`,
          }
        : {}),
    },
    {
      done: decided,
      current: st === "received" || st === "returned",
      text:
        st === "returned"
          ? sv()
            ? "Handläggaren har skickat tillbaka inlämningen. Rätta uppgifterna och skicka in igen."
            : "The officer has returned the submission. Correct it and send it again."
          : sv()
            ? "Handläggaren granskar och beslutar."
            : "The officer reviews and decides.",
      ...(st === "returned" && s.statusReason
        ? { detail: `${sv() ? "Motivering" : "Reason"}: ${s.statusReason}` }
        : {}),
    },
    ...detail.requests.map(requestStep),
  ];
  const reportDue = view?.deadlines.report;
  if (s.kind === "requisition" && reportDue) {
    const reported = (view?.own?.reports ?? []).some((r) => r.status !== "returned");
    list.push({
      done: reported,
      current: decided && !reported,
      text: sv()
        ? `Lämna ekonomisk redovisning senast ${longDate(reportDue)} (${daysLeft(reportDue).text}).`
        : `Submit the financial report by ${longDate(reportDue)} (${daysLeft(reportDue).text}).`,
      ...(decided && !reported
        ? {
            detail: h(
              "a",
              { href: formPage(s).replace(pageFile("requisition"), pageFile("report")) },
              sv() ? "Till redovisningen" : "To the report",
            ),
          }
        : {}),
    });
  }
  return list;
}

function stepList(detail: SubmissionDetail, view: ProgrammeView | undefined): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "todo-title" },
    h("h2", { id: "todo-title" }, sv() ? "Vad återstår?" : "What is still required?"),
    h(
      "ol",
      { class: "steps" },
      steps(detail, view).map((step) =>
        h(
          "li",
          { class: step.done ? "step done" : step.current ? "step current" : "step" },
          h(
            "span",
            { class: "visually-hidden" },
            step.done ? (sv() ? "Klart: " : "Done: ") : sv() ? "Återstår: " : "To do: ",
          ),
          step.text,
          step.detail ? h("p", { class: "step-detail" }, step.detail) : null,
        ),
      ),
    ),
  );
}

function attachmentsTable(detail: SubmissionDetail): HTMLElement {
  const items = detail.attachments.filter((a) => a.status !== "pending" || detail.attachments.length === 1);
  return h(
    "section",
    { "aria-labelledby": "attachments-title" },
    h("h2", { id: "attachments-title" }, sv() ? "Bifogade filer" : "Attachments"),
    items.length === 0
      ? h("p", {}, sv() ? "Inga filer ännu." : "No files yet.")
      : h(
          "table",
          { class: "table" },
          h("caption", { class: "visually-hidden" }, sv() ? "Bifogade filer" : "Attachments"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, sv() ? "Fil" : "File"),
              h("th", { scope: "col" }, sv() ? "Status" : "Status"),
              h("th", { scope: "col" }, sv() ? "Storlek" : "Size"),
              h("th", { scope: "col" }, sv() ? "Uppladdad" : "Uploaded"),
            ),
          ),
          h(
            "tbody",
            {},
            items.map((a) =>
              h(
                "tr",
                {},
                h("td", {}, kindText(a.type)),
                h("td", {}, kindText(a.status), a.status === "rejected" ? ` – ${refusalText(a)}` : ""),
                h("td", {}, bytes(a.size)),
                h("td", {}, dateTime(a.createdAt)),
              ),
            ),
          ),
        ),
  );
}

function history(detail: SubmissionDetail): HTMLElement {
  const who = (kind: string) =>
    kind === "municipality"
      ? sv()
        ? "Kommunen"
        : "Municipality"
      : kind === "officer"
        ? sv()
          ? "Handläggare"
          : "Officer"
        : sv()
          ? "Systemet"
          : "System";
  return historySection(detail.audit, (actor) => who(actor.kind));
}

async function makePdf(s: Submission): Promise<void> {
  // pdf-lib is large: loaded only when a PDF is asked for.
  const { bilaga2Pdf, bilaga2FileName } = await import("../pdf/bilaga2.ts");
  const input =
    s.kind === "requisition"
      ? {
          kind: "requisition" as const,
          reference: s.reference,
          form: s.form as unknown as RequisitionForm,
          receivedAt: s.receivedAtLocal,
        }
      : {
          kind: "report" as const,
          reference: s.reference,
          form: s.form as unknown as ReportForm,
          receivedAt: s.receivedAtLocal,
        };
  const pdf = await bilaga2Pdf(input);
  download(pdf, bilaga2FileName(s.reference), "application/pdf");
}

function pdfButton(s: Submission): HTMLElement {
  const status = h("span", { class: "form-status", role: "status" });
  return h(
    "div",
    { class: "pdf-download" },
    h(
      "button",
      {
        type: "button",
        class: "button",
        id: "download-pdf",
        onclick: async () => {
          status.textContent = sv() ? "Skapar PDF…" : "Making the PDF…";
          try {
            await makePdf(s);
            status.textContent = sv() ? "PDF:en är nedladdad." : "The PDF has been downloaded.";
          } catch (error) {
            status.textContent = `${sv() ? "Det gick inte att skapa PDF:en" : "Could not make the PDF"}: ${String(error)}`;
          }
        },
      },
      sv() ? "Ladda ner ifylld blankett (PDF)" : "Download the filled-in form (PDF)",
    ),
    status,
    h(
      "p",
      { class: "hint" },
      sv()
        ? "Referensnumret och en QR-kod med det står på varje sida, så att skanningen kan kopplas till inlämningen."
        : "The reference and a QR code of it are on every page, so the scan can be matched to the submission.",
    ),
  );
}

const formPage = (s: Submission) =>
  `${pageFile(s.kind === "report" ? "report" : "requisition")}?programme=${encodeURIComponent(s.programmeId)}`;

/** The panel with what the municipality can do now: sign and upload, correct, or nothing. */
function nextAction(
  s: Submission,
  needsUpload: boolean,
  onSettled: (d: SubmissionDetail) => void,
): HTMLElement {
  if (s.status === "returned") {
    return h(
      "section",
      { "aria-labelledby": "next-title", class: "panel" },
      h("h2", { id: "next-title" }, sv() ? "Rätta och skicka in igen" : "Correct and send again"),
      s.replacedBy
        ? h(
            "p",
            {},
            sv() ? "En rättad version är inskickad: " : "A corrected version has been sent: ",
            h(
              "a",
              { href: `${pageFile("submission")}?id=${encodeURIComponent(s.replacedBy)}` },
              sv() ? "visa den" : "show it",
            ),
            ".",
          )
        : h(
            "p",
            {},
            h(
              "a",
              {
                class: "button",
                href: `${formPage(s)}&from=${encodeURIComponent(s.id)}${s.grantKind === "model-extra" ? "&kind=model-extra" : ""}`,
              },
              sv() ? "Rätta och skicka in igen" : "Correct and send again",
            ),
          ),
    );
  }
  return h(
    "section",
    { "aria-labelledby": "sign-title", class: "panel" },
    h("h2", { id: "sign-title" }, sv() ? "Skriv under och ladda upp" : "Sign and upload"),
    pdfButton(s),
    needsUpload
      ? uploadWidget({ submissionId: s.id, onSettled })
      : h(
          "p",
          {},
          sv() ? "Det underskrivna originalet är mottaget." : "The signed original has been received.",
        ),
  );
}

/**
 * Upload areas for the bank statements officers asked for and have not got yet: one per type, on
 * this version (a file on the returned version or on its correction counts for the request).
 */
function requestedUploads(detail: SubmissionDetail, onSettled: (d: SubmissionDetail) => void): HTMLElement[] {
  const open = detail.requests.filter((r) => r.type === "bank-statement" && !r.received);
  const first = open[0];
  if (!first) return [];
  return [
    h(
      "section",
      { "aria-labelledby": "requested-title", class: "panel", id: "requested-upload" },
      h("h2", { id: "requested-title" }, sv() ? "Ladda upp kontoutdrag" : "Upload a bank statement"),
      h(
        "p",
        {},
        sv()
          ? `Handläggaren begärde ett kontoutdrag när ${first.requestedBy.reference} skickades tillbaka. Ladda upp det här som PDF, JPEG, PNG eller TIFF.`
          : `The officer asked for a bank statement when ${first.requestedBy.reference} was returned. Upload it here as a PDF, JPEG, PNG or TIFF.`,
      ),
      uploadWidget({ submissionId: detail.submission.id, type: "bank-statement", onSettled }),
    ),
  ];
}

await boot("submission", "municipality", async ({ main }) => {
  const id = param("id") ?? "";
  const first = await get<SubmissionDetail>(`/submissions/${encodeURIComponent(id)}`);
  // The programme gives the report deadline for "what is still required"; not essential.
  const view = await get<ProgrammeView>(
    `/programmes/${encodeURIComponent(first.submission.programmeId)}`,
  ).catch(() => undefined);
  const isNew = param("new") === "1";
  const s0 = first.submission;
  setTitle("submission", s0.reference);
  const heading = main.querySelector("h1");
  if (heading) heading.textContent = `${kindText(s0.kind)} ${s0.reference}`;

  const statusArea = h("div", { id: "status-area" });
  const uploadArea = h("div", { id: "upload-area" });
  const details = h("div", { id: "details-area" });

  const render = (detail: SubmissionDetail, fromUpload: boolean) => {
    const s = detail.submission;
    statusArea.replaceChildren(
      h("p", { class: "status-line" }, "Status: ", statusBadge(s.status)),
      stepList(detail, view),
    );
    details.replaceChildren(receipt(s), attachmentsTable(detail), history(detail));
    const needsUpload = s.status === "awaiting-original" || s.status === "original-rejected";
    // After an upload the widgets stay as they are, so their result remains on screen.
    if (!fromUpload) {
      const settled = (d: SubmissionDetail) => render(d, true);
      uploadArea.replaceChildren(nextAction(s, needsUpload, settled), ...requestedUploads(detail, settled));
    }
    announce(`${sv() ? "Status" : "Status"}: ${statusText(s.status)}`);
  };

  if (isNew) {
    main.append(
      h(
        "div",
        { class: "notice notice-success", role: "status" },
        h(
          "h2",
          {},
          s0.kind === "report"
            ? sv()
              ? "Redovisningen är inskickad"
              : "The report has been sent"
            : sv()
              ? "Rekvisitionen är inskickad"
              : "The requisition has been sent",
        ),
        h(
          "p",
          {},
          sv()
            ? `Referensnummer ${s0.reference}. Ett mejl med registreringen har skickats till ${s0.contactEmail}. Nästa steg: skriv under och ladda upp.`
            : `Reference ${s0.reference}. An e-mail confirming registration has been sent to ${s0.contactEmail}. Next: sign and upload.`,
        ),
      ),
    );
  }
  main.append(
    statusArea,
    uploadArea,
    details,
    h("p", {}, h("a", { href: pageFile("programmes") }, sv() ? "Till våra statsbidrag" : "To our grants")),
  );
  try {
    render(first, false);
  } catch (error) {
    main.append(errorPanel(error));
  }
});
