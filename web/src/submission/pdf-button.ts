import type { ReportForm, RequisitionForm } from "../../../shared/forms/index.ts";
import { download, h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";
import { fetchFormFonts } from "./form-fonts.ts";

const TEXT = {
  making: { sv: "Skapar PDF…", en: "Making the PDF…" },
  done: { sv: "PDF:en är nedladdad.", en: "The PDF has been downloaded." },
  failed: (error: string) => ({
    sv: `Det gick inte att skapa PDF:en: ${error}`,
    en: `Could not make the PDF: ${error}`,
  }),
  download: { sv: "Ladda ner ifylld blankett (PDF)", en: "Download the filled-in form (PDF)" },
  hint: {
    sv: "Referensnumret och en QR-kod står på varje sida, så att skanningen kopplas till just den här inlämningen. Skanna alla sidor, också den med underskriften.",
    en: "The reference and a QR code are on every page, so the scan is matched to this very submission. Scan every page, including the one with the signature.",
  },
} satisfies Texts;

async function makePdf(s: Submission): Promise<void> {
  // pdf-lib and the fonts are large: loaded only when a PDF is asked for.
  const [{ bilaga2Pdf, bilaga2FileName }, fonts] = await Promise.all([
    import("../../../shared/forms/pdf/bilaga2.ts"),
    fetchFormFonts(),
  ]);
  const input =
    s.kind === "requisition"
      ? {
          kind: "requisition" as const,
          submissionId: s.id,
          reference: s.reference,
          form: s.form as unknown as RequisitionForm,
          receivedAt: s.receivedAtLocal,
        }
      : {
          kind: "report" as const,
          submissionId: s.id,
          reference: s.reference,
          form: s.form as unknown as ReportForm,
          receivedAt: s.receivedAtLocal,
        };
  const pdf = await bilaga2Pdf(input, fonts);
  download(pdf, bilaga2FileName(s.reference), "application/pdf");
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
            await makePdf(s);
            status.textContent = m(TEXT.done);
          } catch (error) {
            status.textContent = m(TEXT.failed(String(error)));
          }
        },
      },
      m(TEXT.download),
    ),
    status,
    h("p", { class: "hint" }, m(TEXT.hint)),
  );
}
