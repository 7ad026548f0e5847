import { isRefusal } from "../../shared/ledger/refusals.ts";
import { h } from "./dom.ts";
import { actionText, dateTime, kindText, refusalText } from "./format.ts";
import { lang } from "./i18n.ts";
import type { AuditEvent } from "./types.ts";

/** What an event adds to its name: the upload check's refusal, or the officer's reason and request. */
function eventDetail(details: AuditEvent["details"]): string {
  const sv = lang() === "sv";
  const reason = isRefusal(details.refusal)
    ? refusalText({ refusal: details.refusal })
    : typeof details.reason === "string"
      ? details.reason
      : "";
  const requested =
    typeof details.requestedAttachment === "string"
      ? `${sv ? "begärt" : "requested"}: ${kindText(details.requestedAttachment)}`
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
            h("td", {}, actionText(e.action, e.details), eventDetail(e.details)),
            h("td", {}, who(e.actor)),
          ),
        ),
      ),
    ),
  );
}
