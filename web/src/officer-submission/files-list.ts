import { h } from "../dom.ts";
import { attachmentStatusText, bytes, dateTime, hasFile, kindText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";

const TEXT = {
  title: { sv: "Filer", en: "Files" },
  none: { sv: "Inga filer ännu.", en: "No files yet." },
} satisfies Texts;

/**
 * Every slot of the submission: what it is and where it stands in the upload check and the
 * malware scan; size and time only where a file came in.
 */
export function filesList(detail: SubmissionDetail): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "files-title" },
    h("h2", { id: "files-title" }, m(TEXT.title)),
    detail.attachments.length === 0
      ? h("p", {}, m(TEXT.none))
      : h(
          "ul",
          {},
          detail.attachments.map((a) =>
            h(
              "li",
              { "data-status": a.status },
              `${kindText(a.type)}: ${attachmentStatusText(a)}`,
              hasFile(a)
                ? ` (${a.size !== undefined ? `${bytes(a.size)}, ` : ""}${dateTime(a.createdAt)})`
                : "",
            ),
          ),
        ),
  );
}
