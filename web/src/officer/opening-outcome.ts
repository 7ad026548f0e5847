import type { OpenResult } from "../../../shared/deadlines/announce.ts";
import { post } from "../api.ts";
import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import { pageFile } from "../pages.ts";
import type { ProgrammeSummary } from "../types.ts";

/**
 * Sending a programme's announcement: the API call, what it did (who got it now, who had it, who
 * has no address), and the button that sends what is still missing once the programme is open.
 */
const TEXT = {
  opened: { sv: "Bidraget är öppnat.", en: "The grant is open." },
  openAlready: {
    sv: "Bidraget var redan öppnat; bara det som saknades skickades.",
    en: "The grant was open already; only what was missing was sent.",
  },
  announced: (now: number, before: number) =>
    before
      ? {
          sv: `${now} kommuner fick utskicket nu, ${before} hade fått det tidigare.`,
          en: `${now} municipalities were sent the announcement now, ${before} had it before.`,
        }
      : {
          sv: `${now} kommuner fick utskicket nu.`,
          en: `${now} municipalities were sent the announcement now.`,
        },
  unreachable: (names: string[]) => ({
    sv: `${names.length} kommuner saknar adress i kontaktregistret och fick inget: ${names.join(", ")}.`,
    en: `${names.length} municipalities have no address in the contact register and got nothing: ${names.join(", ")}.`,
  }),
  toContacts: { sv: "Till kontaktregistret", en: "To the contact register" },
  sendMissing: { sv: "Skicka utskicket som saknas", en: "Send the missing announcements" },
  sending: { sv: "Skickar…", en: "Sending…" },
  sendMissingHint: {
    sv: "Kommuner som saknade adress i kontaktregistret när bidraget öppnades har inte fått utskicket. Lägg in adressen och skicka det som saknas; ingen kommun får det två gånger.",
    en: "Municipalities without an address in the contact register when the grant was opened were not sent the announcement. Add the address and send what is missing; no municipality gets it twice.",
  },
} satisfies Texts;

/** POST /programmes/{id}/open: opens once; called again, it only sends the announcements still missing. */
export const openProgramme = (programme: ProgrammeSummary) =>
  post<OpenResult>(`/programmes/${encodeURIComponent(programme.id)}/open`);

function openedResult(r: OpenResult): HTMLElement {
  const lines = [
    m(r.opened ? TEXT.opened : TEXT.openAlready),
    m(TEXT.announced(r.announced, r.alreadyAnnounced)),
    r.unreachable.length ? m(TEXT.unreachable(r.unreachable)) : "",
  ];
  return h(
    "div",
    { class: "notice notice-success", id: "opening-outcome", tabindex: "-1" },
    lines.filter(Boolean).map((line) => h("p", {}, line)),
    r.unreachable.length ? h("p", {}, h("a", { href: pageFile("contacts") }, m(TEXT.toContacts))) : null,
  );
}

/** Shows what the call did in `result`, and moves focus there. */
export function showOutcome(result: HTMLElement, answer: OpenResult): void {
  const outcome = openedResult(answer);
  result.replaceChildren(outcome);
  outcome.focus();
}

/**
 * Once open: a municipality that had no address when the programme was opened gets its
 * announcement when the officer sends what is missing, after adding the address. Nothing is sent
 * twice, so this needs no confirmation.
 */
export function sendMissing(programme: ProgrammeSummary): HTMLElement[] {
  const result = h("div", { id: "send-missing-result", role: "status" });
  const button = h(
    "button",
    { type: "button", class: "button button-secondary", id: "send-missing" },
    m(TEXT.sendMissing),
  );
  button.addEventListener("click", async () => {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    result.textContent = m(TEXT.sending);
    try {
      showOutcome(result, await openProgramme(programme));
    } catch (error) {
      result.replaceChildren(errorPanel(error));
    } finally {
      button.removeAttribute("aria-disabled");
    }
  });
  return [h("p", { class: "hint" }, m(TEXT.sendMissingHint)), h("div", { class: "actions" }, button), result];
}
