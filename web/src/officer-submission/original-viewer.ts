import { h } from "../dom.ts";
import { bytes } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { signaturePanel } from "../signatures/signature-panel.ts";
import { digitalOriginalNote } from "../submission/digital-original.ts";
import { scanMatchNote } from "../submission/scan-match.ts";
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
  openTab: { sv: "Öppna i egen flik", en: "Open in a tab of its own" },
  tools: { sv: "Visning av originalet", en: "Viewing the original" },
  wider: { sv: "Större visning", en: "Larger view" },
  zoomIn: { sv: "Zooma in", en: "Zoom in" },
  zoomOut: { sv: "Zooma ut", en: "Zoom out" },
  fit: { sv: "Anpassa till bredden", en: "Fit to width" },
  zoom: (percent: number) => ({ sv: `Zoom ${percent} %`, en: `Zoom ${percent}%` }),
  frame: { sv: "Originalet, rullbart", en: "The original, scrollable" },
  failed: (error: string) => ({
    sv: `Originalet kunde inte hämtas: ${error}`,
    en: `The original could not be fetched: ${error}`,
  }),
} satisfies Texts;

/** Zoom steps of a scanned image, in per cent of the frame's width (officer.css has each). */
const ZOOMS = [50, 75, 100, 150, 200, 300, 400] as const;

/**
 * Tools to read a scan: a larger view across the page's width and, for an image, zoom in steps
 * inside a frame that scrolls. A PDF keeps the browser's own viewer, which zooms and pages
 * through (taller in the larger view), and opens in a tab of its own at full size.
 */
function viewerTools(section: HTMLElement, image: HTMLImageElement | null): HTMLElement {
  const wider = h(
    "button",
    {
      type: "button",
      class: "button button-secondary",
      id: "original-wide",
      "aria-pressed": "false",
      onclick: () => {
        const wide = section.classList.toggle("original-view-wide");
        wider.setAttribute("aria-pressed", String(wide));
      },
    },
    m(TEXT.wider),
  );
  if (!image) return h("div", { class: "viewer-tools", role: "toolbar", "aria-label": m(TEXT.tools) }, wider);
  let step: number = ZOOMS.indexOf(100);
  const level = h("output", { id: "original-zoom", "aria-live": "polite" });
  const tool = (id: string, label: string, text: string) =>
    h("button", { type: "button", class: "button button-secondary", id, "aria-label": label }, text);
  const zoomOut = tool("original-zoom-out", m(TEXT.zoomOut), "−");
  const zoomIn = tool("original-zoom-in", m(TEXT.zoomIn), "+");
  const show = (next: number) => {
    step = Math.min(Math.max(next, 0), ZOOMS.length - 1);
    const percent = ZOOMS[step] ?? 100;
    image.dataset.zoom = String(percent);
    level.textContent = m(TEXT.zoom(percent));
    zoomOut.disabled = step === 0;
    zoomIn.disabled = step === ZOOMS.length - 1;
  };
  zoomOut.addEventListener("click", () => show(step - 1));
  zoomIn.addEventListener("click", () => show(step + 1));
  const fit = h(
    "button",
    {
      type: "button",
      class: "button button-secondary",
      id: "original-fit",
      onclick: () => show(ZOOMS.indexOf(100)),
    },
    m(TEXT.fit),
  );
  show(step);
  return h(
    "div",
    { class: "viewer-tools", role: "toolbar", "aria-label": m(TEXT.tools) },
    wider,
    zoomOut,
    level,
    zoomIn,
    fit,
  );
}

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
    const pdf = original.contentType === "application/pdf";
    const image = pdf
      ? null
      : h("img", { src: url, alt: label, id: "original-image", class: "original-image" });
    section.append(
      viewerTools(section, image),
      image
        ? // Keyboard users scroll a zoomed scan with the arrow keys once the frame has focus.
          h(
            "div",
            { class: "original-frame", tabindex: "0", role: "region", "aria-label": m(TEXT.frame) },
            image,
          )
        : h("iframe", { src: url, title: label, id: "original-frame" }),
      h(
        "p",
        { class: "small" },
        `${original.contentType}, ${bytes(original.size)}, SHA-256 ${original.sha256.slice(0, 16)}…`,
        original.pdfSignatureMarkers && !signature ? m(TEXT.signed) : "",
        " ",
        h("a", { href: url, download: `${detail.submission.reference}-original` }, m(TEXT.download)),
        " · ",
        h("a", { href: url, target: "_blank", rel: "noopener", id: "original-tab" }, m(TEXT.openTab)),
      ),
    );
  } catch (error) {
    section.append(h("p", {}, m(TEXT.failed(String(error)))));
  }
  // What the check found is shown even when the file itself cannot be fetched.
  const digital = digitalOriginalNote(original.digitalOriginal);
  if (digital) section.append(digital);
  const match = scanMatchNote(detail);
  if (match) section.append(match);
  const panel = signaturePanel(signature, "officer");
  if (panel) section.append(panel);
  return section;
}
