import { h } from "../dom.ts";
import { bytes, dateTime, kindText, refusalText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";

const TEXT = {
  title: { sv: "Bifogade filer", en: "Attachments" },
  none: { sv: "Inga filer ännu.", en: "No files yet." },
  file: { sv: "Fil", en: "File" },
  status: { sv: "Status", en: "Status" },
  size: { sv: "Storlek", en: "Size" },
  uploaded: { sv: "Uppladdad", en: "Uploaded" },
} satisfies Texts;

/** The files uploaded so far and whether the upload check took them (an abandoned upload is left out). */
export function attachmentsTable(detail: SubmissionDetail): HTMLElement {
  const items = detail.attachments.filter((a) => a.status !== "pending" || detail.attachments.length === 1);
  return h(
    "section",
    { "aria-labelledby": "attachments-title" },
    h("h2", { id: "attachments-title" }, m(TEXT.title)),
    items.length === 0
      ? h("p", {}, m(TEXT.none))
      : h(
          "table",
          { class: "table" },
          h("caption", { class: "visually-hidden" }, m(TEXT.title)),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, m(TEXT.file)),
              h("th", { scope: "col" }, m(TEXT.status)),
              h("th", { scope: "col" }, m(TEXT.size)),
              h("th", { scope: "col" }, m(TEXT.uploaded)),
            ),
          ),
          h(
            "tbody",
            {},
            items.map((a) =>
              h(
                "tr",
                {},
                h("td", {}, kindText(a.type)),
                h("td", {}, kindText(a.status), a.status === "refused" ? ` – ${refusalText(a)}` : ""),
                h("td", {}, bytes(a.size)),
                h("td", {}, dateTime(a.createdAt)),
              ),
            ),
          ),
        ),
  );
}
