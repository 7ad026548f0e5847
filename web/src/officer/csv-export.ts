import { ApiError, apiFetch } from "../api.ts";
import { download, h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";

const TEXT = {
  title: { sv: "Export", en: "Export" },
  intro: {
    sv: "En rad per kommun med tilldelning, rekvisition, utbetalning, redovisning och återbetalning. Semikolonavgränsad för Excel.",
    en: "One row per municipality with allocation, requisition, payment, report and repayment. Semicolon-separated for Excel.",
  },
  fetching: { sv: "Hämtar…", en: "Fetching…" },
  done: { sv: "CSV-filen är nedladdad.", en: "The CSV file has been downloaded." },
  download: { sv: "Ladda ner CSV", en: "Download CSV" },
} satisfies Texts;

/** The programme as a spreadsheet: one row per municipality, downloaded as a CSV file. */
export function csvExport(programmeId: string): HTMLElement {
  const status = h("span", { class: "form-status", role: "status" });
  return h(
    "section",
    { "aria-labelledby": "export-title" },
    h("h2", { id: "export-title" }, m(TEXT.title)),
    h("p", {}, m(TEXT.intro)),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "button button-secondary",
          id: "export-csv",
          onclick: async () => {
            status.textContent = m(TEXT.fetching);
            try {
              // The export needs the bearer token, so it is fetched and saved rather than linked.
              const res = await apiFetch("GET", `/programmes/${encodeURIComponent(programmeId)}/export.csv`);
              download(
                new Uint8Array(await res.arrayBuffer()),
                `${programmeId}.csv`,
                "text/csv;charset=utf-8",
              );
              status.textContent = m(TEXT.done);
            } catch (error) {
              status.textContent = error instanceof ApiError ? m(error.userMessage) : String(error);
            }
          },
        },
        m(TEXT.download),
      ),
      status,
    ),
  );
}
