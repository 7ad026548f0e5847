import { get } from "../api.ts";
import { announce, h, param } from "../dom.ts";
import { kindText, roleText, statusBadge, statusText } from "../format.ts";
import { historySection } from "../history.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, errorPanel, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";
import { missingRoles } from "../roles.ts";
import { signaturePanel } from "../signatures/signature-panel.ts";
import { attachmentsTable } from "../submission/attachments-table.ts";
import { digitalOriginalNote } from "../submission/digital-original.ts";
import { nextAction } from "../submission/next-action.ts";
import { pdfButton } from "../submission/pdf-button.ts";
import { receipt } from "../submission/receipt.ts";
import { requestedUploads } from "../submission/requested-uploads.ts";
import { scanMatchNote } from "../submission/scan-match.ts";
import { situationOf, unclaimedScans } from "../submission/situation.ts";
import { statusExplanation } from "../submission/status-explanation.ts";
import { stepList } from "../submission/steps.ts";
import type { ProgrammeView, SubmissionDetail } from "../types.ts";
import { pollDelay } from "../upload/check.ts";

/**
 * One submission for its municipality: the receipt, the filled-in form as a PDF to sign, the
 * upload of the signed scan, and then status, what it means and what is still required (including
 * a file an officer asked for when returning it), attachments and history. Everything the page
 * offers follows from the submission's one state (submission/situation.ts).
 */
const TEXT = {
  municipality: { sv: "Kommunen", en: "Municipality" },
  officer: { sv: "Handläggare", en: "Officer" },
  system: { sv: "Systemet", en: "System" },
  status: (status: string) => ({ sv: `Status: ${status}`, en: `Status: ${status}` }),
  reportSent: { sv: "Redovisningen är inskickad", en: "The report has been sent" },
  requisitionSent: { sv: "Rekvisitionen är inskickad", en: "The requisition has been sent" },
  sent: (reference: string, email: string) => ({
    sv: `Referensnummer ${reference}. Ett mejl med registreringen har skickats till kommunens registrator och till ${email}.`,
    en: `Reference ${reference}. An e-mail confirming registration has been sent to the municipality's registry and to ${email}.`,
  }),
  toGrants: { sv: "Till våra statsbidrag", en: "To our grants" },
} satisfies Texts;

/** The municipality sees who did what by party, name and role (README "Roles"), never an account id. */
function who(actor: { kind: string; name?: string; roles?: string[] }): string {
  const party = m(
    actor.kind === "municipality" ? TEXT.municipality : actor.kind === "officer" ? TEXT.officer : TEXT.system,
  );
  const roles = (actor.roles ?? []).map(roleText).join(", ");
  return [party, actor.name, roles].filter(Boolean).join(" · ");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

await boot("submission", "municipality", async ({ main, session }) => {
  const maySign = missingRoles(session, ["signatory"]).length === 0;
  const id = param("id") ?? "";
  const path = `/submissions/${encodeURIComponent(id)}`;
  const first = await get<SubmissionDetail>(path);
  // The programme gives deadlines and the other versions' references; not essential.
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
  let polling = false;

  const render = (detail: SubmissionDetail, fromUpload: boolean) => {
    const s = detail.submission;
    const situation = situationOf(detail);
    statusArea.replaceChildren(
      h("p", { class: "status-line" }, "Status: ", statusBadge(s.status)),
      statusExplanation(detail, view),
      stepList(detail, view, situation),
    );
    // After an upload the widgets stay as they are, so their result remains on screen.
    if (!fromUpload) {
      const updated = (d: SubmissionDetail) => render(d, true);
      uploadArea.replaceChildren(
        ...[
          nextAction(detail, situation, updated, maySign),
          ...requestedUploads(detail, situation, updated),
        ].filter((el) => el !== null),
      );
    }
    // The form as a PDF: beside the upload while signing is the next step, with the receipt after.
    const pdfInPanel = uploadArea.querySelector("#download-pdf") !== null;
    // What the check found about the original's digital signatures (the API leaves out the
    // signers' personnummer for the municipality).
    const signature = signaturePanel(s.original?.signature, "municipality");
    const match = scanMatchNote(detail);
    const digital = digitalOriginalNote(s.original?.digitalOriginal);
    details.replaceChildren(
      receipt(s, pdfInPanel ? null : pdfButton(s)),
      attachmentsTable(detail),
      ...(digital ? [digital] : []),
      ...(match ? [match] : []),
      ...(signature ? [signature] : []),
      historySection(detail.audit, who),
    );
    announce(m(TEXT.status(statusText(s.status))));
    // A file being scanned that no upload widget waits for: the page itself asks until the verdict.
    if (unclaimedScans(situation).length > 0 && !polling) void poll();
  };

  const poll = async () => {
    polling = true;
    try {
      for (let attempt = 0; ; attempt++) {
        await sleep(pollDelay(attempt));
        const detail = await get<SubmissionDetail>(path);
        if (unclaimedScans(situationOf(detail)).length === 0) {
          polling = false;
          render(detail, false);
          return;
        }
      }
    } catch (error) {
      polling = false;
      main.append(errorPanel(error));
    }
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
    // "Just sent" is true once: a reload or a bookmark must not announce it again.
    const url = new URL(location.href);
    url.searchParams.delete("new");
    history.replaceState(history.state, "", url);
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
  // The registration mail's link to the form (?form=pdf, shared/mail/links.ts): make the PDF at
  // once, as the button does, and leave focus on the button should the browser hold the
  // download back. Once: a reload does not download it again.
  if (param("form") === "pdf") {
    const url = new URL(location.href);
    url.searchParams.delete("form");
    history.replaceState(history.state, "", url);
    const button = main.querySelector<HTMLButtonElement>("#download-pdf");
    button?.focus();
    button?.click();
  }
});
