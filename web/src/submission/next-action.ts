import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { Submission, SubmissionDetail } from "../types.ts";
import { uploadWidget } from "../upload/widget.ts";
import { formPage } from "./form-link.ts";
import { pdfButton } from "./pdf-button.ts";

const TEXT = {
  correct: { sv: "Rätta och skicka in igen", en: "Correct and send again" },
  corrected: { sv: "En rättad version är inskickad: ", en: "A corrected version has been sent: " },
  showIt: { sv: "visa den", en: "show it" },
  sign: { sv: "Skriv under och ladda upp", en: "Sign and upload" },
  received: { sv: "Det underskrivna originalet är mottaget.", en: "The signed original has been received." },
} satisfies Texts;

/** The panel with what the municipality can do now: sign and upload, correct, or nothing. */
export function nextAction(
  s: Submission,
  needsUpload: boolean,
  onSettled: (d: SubmissionDetail) => void,
): HTMLElement {
  if (s.status === "returned") {
    return h(
      "section",
      { "aria-labelledby": "next-title", class: "panel" },
      h("h2", { id: "next-title" }, m(TEXT.correct)),
      s.replacedBy
        ? h(
            "p",
            {},
            m(TEXT.corrected),
            h(
              "a",
              { href: `${pageFile("submission")}?id=${encodeURIComponent(s.replacedBy)}` },
              m(TEXT.showIt),
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
              m(TEXT.correct),
            ),
          ),
    );
  }
  return h(
    "section",
    { "aria-labelledby": "sign-title", class: "panel" },
    h("h2", { id: "sign-title" }, m(TEXT.sign)),
    pdfButton(s),
    needsUpload ? uploadWidget({ submissionId: s.id, onSettled }) : h("p", {}, m(TEXT.received)),
  );
}
