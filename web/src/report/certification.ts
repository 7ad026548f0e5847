import { ApiError, api } from "../api.ts";
import { h } from "../dom.ts";
import type { FormKit } from "../form-kit/form-kit.ts";
import type { Value } from "../form-kit/types.ts";
import { dateTime } from "../format.ts";
import type { DraftView, ServerDraft } from "../forms/server-draft.ts";
import { m, type Texts } from "../i18n.ts";
import type { Session } from "../session.ts";

const TEXT = {
  certifiedBy: (who: string, when: string) => ({
    sv: `Intygad av ${who} ${when}.`,
    en: `Certified by ${who} ${when}.`,
  }),
  notCertified: {
    sv: "Redovisningen är inte intygad än. En intygare (ekonomichef eller verksamhetschef) intygar den innan den behöriga företrädaren skickar in den. En ändring i redovisningen efter intyget gör att den behöver intygas igen.",
    en: "The report is not certified yet. A certifier (head of finance or of the service) certifies it before the signatory sends it. A change to the report after the certification means it must be certified again.",
  },
  selfCertifies: {
    sv: "Du är både intygare och behörig företrädare: redovisningen intygas med ditt namn och din titel när du skickar in den.",
    en: "You are both certifier and signatory: the report is certified with your name and title when you send it.",
  },
  certify: { sv: "Intyga redovisningen", en: "Certify the report" },
  certifying: { sv: "Intygar…", en: "Certifying…" },
} satisfies Texts;

/**
 * Section 4's certifier (README "Roles"): the name and title are a certifier's account's, never
 * typed. A person who is certifier and signatory certifies by sending; a certifier who does not
 * send certifies the saved draft ("Intyga redovisningen"), and the signatory then sends what they
 * certified. The panel says which applies and who has certified.
 */
export function certificationPanel(options: {
  session: Session;
  kit: FormKit;
  programmeId: string;
  /** The report's server draft; none for a correction, which its sender certifies. */
  draft: () => ServerDraft | undefined;
}) {
  const { session, kit } = options;
  const isCertifier = session.roles.includes("certifier");
  const isSignatory = session.roles.includes("signatory");
  const own = { "certification.name": session.name ?? "", "certification.title": session.title ?? "" };
  const status = h("p", { id: "certification-status", role: "status" });
  const result = h("p", { class: "form-status", role: "status" });
  const button = h(
    "button",
    { type: "button", class: "button button-secondary", id: "certify-report" },
    m(TEXT.certify),
  );
  // A certifier who does not send certifies the draft; one who sends certifies by sending.
  const offersButton = isCertifier && !isSignatory && options.draft() !== undefined;
  const element = h("div", { class: "certification" }, status, offersButton ? button : null, result);
  let names: Record<string, Value> = isCertifier
    ? own
    : { "certification.name": "", "certification.title": "" };

  const show = (draft: DraftView | undefined) => {
    const certified = draft?.certified;
    if (isCertifier) names = own;
    else
      names = {
        "certification.name": certified?.name ?? "",
        "certification.title": certified?.title ?? "",
      };
    kit.setAll(names, { edit: false });
    if (certified)
      status.textContent = m(
        TEXT.certifiedBy(`${certified.name}, ${certified.title},`, dateTime(certified.at).slice(0, 16)),
      );
    else status.textContent = m(isCertifier && isSignatory ? TEXT.selfCertifies : TEXT.notCertified);
  };

  button.addEventListener("click", async () => {
    const draft = options.draft();
    if (!draft) return;
    button.setAttribute("disabled", "");
    result.textContent = m(TEXT.certifying);
    try {
      // What is certified is the draft on the server: the form as shown, saved first.
      if (!(await draft.saveNow())) {
        result.textContent = "";
        return;
      }
      const { draft: certified } = await api<{ draft: DraftView }>(
        "POST",
        `/programmes/${encodeURIComponent(options.programmeId)}/drafts/report/certify`,
        { body: { version: draft.currentVersion } },
      );
      result.textContent = "";
      draft.adopt(certified);
    } catch (error) {
      result.textContent = "";
      if (error instanceof ApiError && error.errors.length > 0) kit.showServerErrors(error.errors);
      else result.textContent = error instanceof ApiError ? m(error.userMessage) : String(error);
    } finally {
      button.removeAttribute("disabled");
    }
  });

  return { element, show, names: () => names };
}
