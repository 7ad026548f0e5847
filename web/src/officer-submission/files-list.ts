import { h } from "../dom.ts";
import { bytes, dateTime, kindText, refusalText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";

const TEXT = {
  title: { sv: "Filer", en: "Files" },
} satisfies Texts;

/** Every file uploaded to the submission: what it is, whether the upload check took it, size and time. */
export function filesList(detail: SubmissionDetail): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "files-title" },
    h("h2", { id: "files-title" }, m(TEXT.title)),
    h(
      "ul",
      {},
      detail.attachments.map((a) =>
        h(
          "li",
          {},
          `${kindText(a.type)}: ${kindText(a.status)}${a.status === "refused" ? ` – ${refusalText(a)}` : ""} (${a.size !== undefined ? `${bytes(a.size)}, ` : ""}${dateTime(a.createdAt)})`,
        ),
      ),
    ),
  );
}
