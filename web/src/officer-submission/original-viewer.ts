import { h } from "../dom.ts";
import { bytes } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { signaturePanel } from "../signatures/signature-panel.ts";
import type { SubmissionDetail } from "../types.ts";

const TEXT = {
  title: { sv: "Underskrivet original", en: "Signed original" },
  notYet: { sv: "Originalet har inte kommit in ännu.", en: "The original has not arrived yet." },
  label: (reference: string) => ({ sv: `Original för ${reference}`, en: `Original of ${reference}` }),
  // Markers are not a signature: for an original checked before signatures were verified, say
  // only what is known.
  signed: {
    sv: " Innehåller markeringar för en digital signatur (ej verifierad).",
    en: " Contains digital-signature markers (not verified).",
  },
  download: { sv: "Ladda ner", en: "Download" },
  failed: (error: string) => ({
    sv: `Originalet kunde inte hämtas: ${error}`,
    en: `The original could not be fetched: ${error}`,
  }),
} satisfies Texts;

/**
 * The signed original beside the submitted data: fetched with the short-lived presigned link into
 * a blob: URL, so the page's policy need not allow S3 frames.
 */
export async function originalViewer(detail: SubmissionDetail): Promise<HTMLElement> {
  const section = h(
    "section",
    { class: "original-view", "aria-labelledby": "original-title" },
    h("h2", { id: "original-title" }, m(TEXT.title)),
  );
  const original = detail.submission.original;
  if (!original || !detail.originalDownload) {
    section.append(h("p", {}, m(TEXT.notYet)));
    return section;
  }
  // The officer's copy of the summary is the attachment's (with serialNumbers); the submission's
  // is the one lists return, without them.
  const signature =
    detail.attachments.find((a) => a.id === original.attachmentId)?.signature ?? original.signature;
  try {
    const res = await fetch(detail.originalDownload.url);
    if (!res.ok) throw new Error(`${res.status}`);
    const blob = new Blob([await res.arrayBuffer()], { type: original.contentType });
    const url = URL.createObjectURL(blob);
    const label = m(TEXT.label(detail.submission.reference));
    section.append(
      original.contentType === "application/pdf"
        ? h("iframe", { src: url, title: label, id: "original-frame" })
        : h("img", { src: url, alt: label, id: "original-image" }),
      h(
        "p",
        { class: "small" },
        `${original.contentType}, ${bytes(original.size)}, SHA-256 ${original.sha256.slice(0, 16)}…`,
        original.pdfSignatureMarkers && !signature ? m(TEXT.signed) : "",
        " ",
        h("a", { href: url, download: `${detail.submission.reference}-original` }, m(TEXT.download)),
      ),
    );
  } catch (error) {
    section.append(h("p", {}, m(TEXT.failed(String(error)))));
  }
  // What the check found is shown even when the file itself cannot be fetched.
  const panel = signaturePanel(signature, "officer");
  if (panel) section.append(panel);
  return section;
}
