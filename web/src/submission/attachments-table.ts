import { h } from "../dom.ts";
import { attachmentStatusText, bytes, dateTime, hasFile, kindText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { tableRegion } from "../table-region.ts";
import type { Attachment, SubmissionDetail } from "../types.ts";

const TEXT = {
  title: { sv: "Bifogade filer", en: "Attachments" },
  none: { sv: "Inga filer ännu.", en: "No files yet." },
  file: { sv: "Fil", en: "File" },
  status: { sv: "Status", en: "Status" },
  size: { sv: "Storlek", en: "Size" },
  uploaded: { sv: "Uppladdad", en: "Uploaded" },
} satisfies Texts;

/**
 * The rows worth showing: every file the check has read, what an officer asked for, and the one
 * slot still waiting for its file (the newest of its kind). Slots given up for a newer one, with
 * nothing in them, are left out.
 */
export function shownAttachments(attachments: readonly Attachment[]): Attachment[] {
  const newest = new Map<string, Attachment>();
  for (const a of attachments) {
    const seen = newest.get(a.type);
    if (!seen || a.createdAt >= seen.createdAt) newest.set(a.type, a);
  }
  return attachments.filter(
    (a) => hasFile(a) || a.status === "requested" || (a.status === "pending" && newest.get(a.type) === a),
  );
}

/** The files uploaded so far and whether the upload check and the malware scan took them. */
export function attachmentsTable(detail: SubmissionDetail): HTMLElement {
  const items = shownAttachments(detail.attachments);
  return h(
    "section",
    { "aria-labelledby": "attachments-title" },
    h("h2", { id: "attachments-title" }, m(TEXT.title)),
    items.length === 0
      ? h("p", {}, m(TEXT.none))
      : tableRegion(
          "attachments-title",
          h(
            "table",
            { class: "table", id: "attachments-table" },
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
                  { "data-status": a.status },
                  h("td", {}, kindText(a.type)),
                  h("td", {}, attachmentStatusText(a)),
                  h("td", {}, bytes(a.size)),
                  // A slot without a file was not uploaded at any time.
                  h("td", {}, hasFile(a) ? dateTime(a.createdAt) : "—"),
                ),
              ),
            ),
          ),
        ),
  );
}
