import { get } from "../api.ts";
import { announce, h, param } from "../dom.ts";
import { kindText, statusBadge, statusText } from "../format.ts";
import { historySection } from "../history.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, errorPanel, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";
import { attachmentsTable } from "../submission/attachments-table.ts";
import { nextAction } from "../submission/next-action.ts";
import { receipt } from "../submission/receipt.ts";
import { requestedUploads } from "../submission/requested-uploads.ts";
import { stepList } from "../submission/steps.ts";
import type { ProgrammeView, SubmissionDetail } from "../types.ts";

/**
 * One submission for its municipality: the receipt, the filled-in form as a PDF to sign, the
 * upload of the signed scan, and then status, what is still required (including a file an officer
 * asked for when returning it), attachments and history.
 */
const TEXT = {
  municipality: { sv: "Kommunen", en: "Municipality" },
  officer: { sv: "Handläggare", en: "Officer" },
  system: { sv: "Systemet", en: "System" },
  status: (status: string) => ({ sv: `Status: ${status}`, en: `Status: ${status}` }),
  reportSent: { sv: "Redovisningen är inskickad", en: "The report has been sent" },
  requisitionSent: { sv: "Rekvisitionen är inskickad", en: "The requisition has been sent" },
  sent: (reference: string, email: string) => ({
    sv: `Referensnummer ${reference}. Ett mejl med registreringen har skickats till kommunens registrator och till ${email}. Nästa steg: skriv under och ladda upp.`,
    en: `Reference ${reference}. An e-mail confirming registration has been sent to the municipality's registry and to ${email}. Next: sign and upload.`,
  }),
  toGrants: { sv: "Till våra statsbidrag", en: "To our grants" },
} satisfies Texts;

/** The municipality sees who did what by role, not by name. */
function who(actor: { kind: string }): string {
  return m(
    actor.kind === "municipality" ? TEXT.municipality : actor.kind === "officer" ? TEXT.officer : TEXT.system,
  );
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
    details.replaceChildren(receipt(s), attachmentsTable(detail), historySection(detail.audit, who));
    const needsUpload = s.status === "awaiting-original" || s.status === "original-rejected";
    // After an upload the widgets stay as they are, so their result remains on screen.
    if (!fromUpload) {
      const settled = (d: SubmissionDetail) => render(d, true);
      uploadArea.replaceChildren(nextAction(s, needsUpload, settled), ...requestedUploads(detail, settled));
    }
    announce(m(TEXT.status(statusText(s.status))));
  };

  if (isNew) {
    main.append(
      h(
        "div",
        { class: "notice notice-success", role: "status" },
        h("h2", {}, m(s0.kind === "report" ? TEXT.reportSent : TEXT.requisitionSent)),
        h("p", {}, m(TEXT.sent(s0.reference, s0.createdBy.email ?? ""))),
      ),
    );
  }
  main.append(
    statusArea,
    uploadArea,
    details,
    h("p", {}, h("a", { href: pageFile("programmes") }, m(TEXT.toGrants))),
  );
  try {
    render(first, false);
  } catch (error) {
    main.append(errorPanel(error));
  }
});
