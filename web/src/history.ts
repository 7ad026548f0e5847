import { h } from "./dom.ts";
import { actionText, dateTime, reasonText } from "./format.ts";
import { lang } from "./i18n.ts";
import type { AuditEvent } from "./types.ts";

/**
 * A submission's audit trail as a table, oldest first. Municipality and officer pages show the
 * same events; they differ only in how they name who did it.
 */
export function historySection(
  audit: readonly AuditEvent[],
  who: (actor: AuditEvent["actor"]) => string,
): HTMLElement {
  const sv = lang() === "sv";
  const events = [...audit].sort((a, b) => a.at.localeCompare(b.at));
  return h(
    "section",
    { "aria-labelledby": "history-title" },
    h("h2", { id: "history-title" }, sv ? "Händelser" : "History"),
    h(
      "table",
      { class: "table" },
      h("caption", { class: "visually-hidden" }, sv ? "Händelser" : "History"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, sv ? "Tid" : "Time"),
          h("th", { scope: "col" }, sv ? "Händelse" : "Event"),
          h("th", { scope: "col" }, sv ? "Av" : "By"),
        ),
      ),
      h(
        "tbody",
        {},
        events.map((e) =>
          h(
            "tr",
            {},
            h("td", { class: "nowrap" }, dateTime(e.at)),
            h(
              "td",
              {},
              actionText(e.action),
              typeof e.details.reason === "string" ? ` – ${reasonText(e.details.reason)}` : "",
            ),
            h("td", {}, who(e.actor)),
          ),
        ),
      ),
    ),
  );
}
