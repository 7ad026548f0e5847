import type { ShownAuditEvent } from "../../shared/audit.ts";
import { isRefusal } from "../../shared/submissions/refusals.ts";
import { h } from "./dom.ts";
import { actionText, dateTime, kindText, refusalText } from "./format.ts";
import { m, type Texts } from "./i18n.ts";
import { tableRegion } from "./table-region.ts";
import type { AuditEvent } from "./types.ts";

const TEXT = {
  requested: (what: string) => ({ sv: `begärt: ${what}`, en: `requested: ${what}` }),
  title: { sv: "Händelser", en: "History" },
  time: { sv: "Tid", en: "Time" },
  event: { sv: "Händelse", en: "Event" },
  by: { sv: "Av", en: "By" },
} satisfies Texts;

/** What an event adds to its name: the upload check's refusal, or the officer's reason and request. */
function eventDetail(details: AuditEvent["details"]): string {
  const reason = isRefusal(details.refusal)
    ? refusalText({ refusal: details.refusal })
    : typeof details.reason === "string"
      ? details.reason
      : "";
  const requested =
    typeof details.requestedAttachment === "string"
      ? m(TEXT.requested(kindText(details.requestedAttachment)))
      : "";
  return [reason, requested]
    .filter(Boolean)
    .map((part) => ` – ${part}`)
    .join("");
}

/**
 * A submission's audit trail as a table, oldest first. Municipality and officer pages show the
 * same events; they differ only in how they name who did it.
 */
export function historySection(
  audit: readonly ShownAuditEvent[],
  who: (actor: ShownAuditEvent["actor"]) => string,
): HTMLElement {
  const events = [...audit].sort((a, b) => a.at.localeCompare(b.at));
  return h(
    "section",
    { "aria-labelledby": "history-title" },
    h("h2", { id: "history-title" }, m(TEXT.title)),
    tableRegion(
      "history-title",
      h(
        "table",
        { class: "table", id: "history-table" },
        h("caption", { class: "visually-hidden" }, m(TEXT.title)),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, m(TEXT.time)),
            h("th", { scope: "col" }, m(TEXT.event)),
            h("th", { scope: "col" }, m(TEXT.by)),
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
              h("td", {}, actionText(e.action, e.details), eventDetail(e.details)),
              h("td", {}, who(e.actor)),
            ),
          ),
        ),
      ),
    ),
  );
}
