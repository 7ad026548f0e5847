import { bilaga2FileName } from "../../../shared/forms/pdf/file-name.ts";
import { apiFetch } from "../api.ts";
import { download, h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";

const TEXT = {
  making: { sv: "Hämtar PDF…", en: "Fetching the PDF…" },
  done: { sv: "PDF:en är nedladdad.", en: "The PDF has been downloaded." },
  failed: (error: string) => ({
    sv: `Det gick inte att hämta PDF:en: ${error}`,
    en: `Could not fetch the PDF: ${error}`,
  }),
  download: { sv: "Ladda ner ifylld blankett (PDF)", en: "Download the filled-in form (PDF)" },
  hint: {
    sv: "Referensnumret och en QR-kod står på varje sida, så att skanningen kopplas till just den här inlämningen. Skanna alla sidor, också den med underskriften.",
    en: "The reference and a QR code are on every page, so the scan is matched to this very submission. Scan every page, including the one with the signature.",
  },
} satisfies Texts;

/**
 * The API makes the form (GET /submissions/{id}/form.pdf, the one generator): the page loads no
 * PDF library or fonts of its own, and what is printed is what the officer and scripts get.
 */
async function fetchPdf(s: Submission): Promise<void> {
  const res = await apiFetch("GET", `/submissions/${encodeURIComponent(s.id)}/form.pdf`);
  // The name from the reference, as the API's Content-Disposition gives it (a header a page on
  // another origin cannot read without CORS exposing it).
  download(new Uint8Array(await res.arrayBuffer()), bilaga2FileName(s.reference), "application/pdf");
}

/** The submitted form filled in as a PDF, to print, sign by hand and scan. */
export function pdfButton(s: Submission): HTMLElement {
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
          status.textContent = m(TEXT.making);
          try {
            await fetchPdf(s);
            status.textContent = m(TEXT.done);
          } catch (error) {
            status.textContent = m(TEXT.failed(error instanceof Error ? error.message : String(error)));
          }
        },
      },
      m(TEXT.download),
    ),
    status,
    h("p", { class: "hint" }, m(TEXT.hint)),
  );
}
