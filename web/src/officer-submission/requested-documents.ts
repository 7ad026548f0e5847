import { h } from "../dom.ts";
import { kindText, requestText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";

const TEXT = {
  title: { sv: "Begärda handlingar", en: "Requested documents" },
  open: (what: string) => ({ sv: `Öppna ${what}`, en: `Open ${what}` }),
} satisfies Texts;

/** Links to the accepted files besides the original (which is shown beside the data). */
function downloadsList(detail: SubmissionDetail): HTMLElement | null {
  const downloads = detail.attachmentDownloads ?? [];
  if (downloads.length === 0) return null;
  return h(
    "ul",
    { id: "attachment-downloads", class: "links" },
    downloads.map((d, i) =>
      h(
        "li",
        {},
        h(
          "a",
          { href: d.url, target: "_blank", rel: "noopener noreferrer" },
          m(TEXT.open(`${kindText(d.type).toLowerCase()}${downloads.length > 1 ? ` ${i + 1}` : ""}`)),
        ),
      ),
    ),
  );
}

/** What officers asked for when returning this version or the one it corrects, and whether it came. */
export function requestedDocuments(detail: SubmissionDetail): HTMLElement | null {
  if (detail.requests.length === 0) return null;
  return h(
    "div",
    { id: "requests" },
    h("h3", {}, m(TEXT.title)),
    h(
      "ul",
      {},
      detail.requests.map((r) => h("li", {}, `${requestText(r)}.`)),
    ),
    downloadsList(detail),
  );
}
