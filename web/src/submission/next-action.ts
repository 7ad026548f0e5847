import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission, SubmissionDetail } from "../types.ts";
import { uploadWidget } from "../upload/widget.ts";
import { formPage } from "./form-link.ts";
import { pdfButton } from "./pdf-button.ts";
import { type Situation, scanningOf } from "./situation.ts";

const TEXT = {
  correct: { sv: "Rätta och skicka in igen", en: "Correct and send again" },
  sign: { sv: "Skriv under och ladda upp", en: "Sign and upload" },
  signatoryUploads: {
    sv: "Den behöriga företrädaren skriver under blanketten och laddar upp den; ditt konto har inte den rollen. Skriv ut blanketten åt hen.",
    en: "The signatory signs the form and uploads it; your account does not have that role. Print the form for them.",
  },
} satisfies Texts;

/** The link to the form filled in from the returned version (`&from=`), for its grant kind. */
function correctionHref(s: Submission): string {
  return `${formPage(s)}&from=${encodeURIComponent(s.id)}${s.grantKind === "model-extra" ? "&kind=model-extra" : ""}`;
}

/**
 * The panel with what the municipality can do now, if anything: sign and upload while the original
 * is awaited (the widget first waits for a file already being scanned), or correct a returned
 * version. Any other state has no panel: nothing to do, or nothing to do yet.
 */
export function nextAction(
  detail: SubmissionDetail,
  situation: Situation,
  onUpdate: (d: SubmissionDetail) => void,
  /** Whether the signed-in person is a signatory: only they get an upload slot for the original. */
  maySign = true,
): HTMLElement | null {
  const s = detail.submission;
  if (situation.correct) {
    return h(
      "section",
      { "aria-labelledby": "next-title", class: "panel" },
      h("h2", { id: "next-title" }, m(TEXT.correct)),
      h("p", {}, h("a", { class: "button", href: correctionHref(s) }, m(TEXT.correct))),
    );
  }
  if (situation.uploadOriginal) {
    return h(
      "section",
      { "aria-labelledby": "sign-title", class: "panel" },
      h("h2", { id: "sign-title" }, m(TEXT.sign)),
      pdfButton(s),
      maySign
        ? uploadWidget({ submissionId: s.id, waitingFor: scanningOf(situation, "original"), onUpdate })
        : h("p", { id: "role-needed", class: "notice notice-info" }, m(TEXT.signatoryUploads)),
    );
  }
  return null;
}
