import { get } from "../api.ts";
import { h } from "../dom.ts";
import { bytes } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import { typeName } from "./texts.ts";
import type { IntakeItem, IntakeScan, ScanLink } from "./types.ts";

const TEXT = {
  show: (name: string) => ({ sv: `Visa ${name}`, en: `Show ${name}` }),
  hide: { sv: "Dölj skanningen", en: "Hide the scan" },
  title: (name: string) => ({ sv: `Skanning: ${name}`, en: `Scan: ${name}` }),
  unnamed: (n: number) => ({ sv: `bilaga ${n}`, en: `attachment ${n}` }),
  download: { sv: "Ladda ner", en: "Download" },
  openTab: { sv: "Öppna i egen flik", en: "Open in a tab of its own" },
  frame: { sv: "Skanningen, rullbar", en: "The scan, scrollable" },
  loading: { sv: "Hämtar skanningen…", en: "Fetching the scan…" },
} satisfies Texts;

export const scanName = (scan: IntakeScan) => scan.filename ?? m(TEXT.unnamed(scan.index + 1));

/**
 * One waiting scan, opened on request: the officer-intake function copies it out of the message
 * and gives a short-lived link, which is fetched into a blob: URL (as the original viewer does),
 * so the page's policy need not allow S3 frames. Closed again with the same button.
 */
export function scanPreview(
  item: IntakeItem,
  scan: IntakeScan,
): { button: HTMLElement; region: HTMLElement } {
  const name = scanName(scan);
  const regionId = `intake-${item.id}-scan-${scan.index}`;
  const region = h("div", { id: regionId, class: "original-view", hidden: true });
  const button = h(
    "button",
    {
      type: "button",
      class: "button button-secondary",
      id: `${regionId}-show`,
      "aria-expanded": "false",
      "aria-controls": regionId,
    },
    m(TEXT.show(name)),
  );
  let objectUrl: string | undefined;
  button.addEventListener("click", async () => {
    if (!region.hidden) {
      region.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.textContent = m(TEXT.show(name));
      return;
    }
    region.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.textContent = m(TEXT.hide);
    if (objectUrl) return;
    region.replaceChildren(h("p", { class: "loading" }, m(TEXT.loading)));
    try {
      const link = await get<ScanLink>(`/intake/${encodeURIComponent(item.id)}/scans/${scan.index}`);
      const res = await fetch(link.url);
      if (!res.ok) throw new Error(`${res.status}`);
      objectUrl = URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: link.contentType }));
      const label = m(TEXT.title(name));
      const view =
        link.contentType === "application/pdf"
          ? h("iframe", { src: objectUrl, title: label, class: "intake-scan-frame" })
          : h(
              "div",
              { class: "original-frame", tabindex: "0", role: "region", "aria-label": m(TEXT.frame) },
              h("img", { src: objectUrl, alt: label, class: "original-image", id: `${regionId}-image` }),
            );
      region.replaceChildren(
        h("h4", {}, label),
        view,
        h(
          "p",
          { class: "small" },
          `${typeName(link.contentType)}, ${bytes(link.size)} `,
          h("a", { href: objectUrl, download: name }, m(TEXT.download)),
          " · ",
          h("a", { href: objectUrl, target: "_blank", rel: "noopener" }, m(TEXT.openTab)),
        ),
      );
    } catch (error) {
      region.replaceChildren(errorPanel(error));
    }
  });
  return { button, region };
}
