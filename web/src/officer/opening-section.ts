import { h } from "../dom.ts";
import { dateTime } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import type { ProgrammeSummary, ProgrammeView } from "../types.ts";
import { openProgramme, sendMissing, showOutcome } from "./opening-outcome.ts";

type Opening = NonNullable<ProgrammeView["opening"]>;

const TEXT = {
  title: { sv: "Öppning och utskick", en: "Opening and announcement" },
  opened: (when: string, by: string) => ({
    sv: `Bidraget är öppnat (${when}, ${by}). Kommunerna har fått utskicket med sin tilldelning, och påminnelser går ut före sista dag.`,
    en: `The grant is open (${when}, ${by}). The municipalities have been sent the announcement with their allocation, and reminders go out before the deadline.`,
  }),
  tooLate: {
    sv: "Bidraget öppnades aldrig, och sista dag för rekvisition har passerat: det kan inte längre öppnas.",
    en: "The grant was never opened, and the last day to requisition has passed: it can no longer be opened.",
  },
  notOpen: {
    sv: "Bidraget är inte öppnat. När det öppnas får varje kommun ett e-postutskick med sin tilldelning, sista dag och hur man rekvirerar; sedan påminner systemet före sista dag.",
    en: "The grant is not open. Opening it sends every municipality an e-mail with its allocation, the deadline and how to requisition; the system then sends reminders before the deadline.",
  },
  open: { sv: "Öppna bidraget", en: "Open the grant" },
  /** Without the count when the page does not have the programme's allocations. */
  question: (title: string, count: number | undefined) => {
    const n = count ? `${count} ` : "";
    return {
      sv: `Öppna ${title}? ${n}kommuner får utskicket nu, och det går inte att ta tillbaka.`,
      en: `Open ${title}? ${n}municipalities are sent the announcement now, and it cannot be taken back.`,
    };
  },
  confirm: { sv: "Ja, öppna och skicka utskicket", en: "Yes, open and send the announcement" },
  cancel: { sv: "Avbryt", en: "Cancel" },
  opening: { sv: "Öppnar och skickar utskicket…", en: "Opening and sending the announcement…" },
} satisfies Texts;

function openedNotice(opening: Opening): HTMLElement {
  return h(
    "p",
    { class: "notice notice-success", id: "opening-state" },
    m(TEXT.opened(dateTime(opening.openedAt), opening.openedBy)),
  );
}

/**
 * Opening announces the programme to every municipality, which cannot be taken back: the button
 * asks once more before it calls the API, and is not there when the programme is open already or
 * can no longer be opened (its requisition deadline has passed).
 */
export function openingSection(
  programme: ProgrammeSummary,
  opening: Opening | null,
  recipients: readonly unknown[],
): HTMLElement {
  const title = h("h2", { id: "opening-title" }, m(TEXT.title));
  const section = h("section", { "aria-labelledby": "opening-title", id: "opening" }, title);
  if (opening) {
    section.append(openedNotice(opening));
    if (programme.daysLeftToRequisition >= 0) section.append(...sendMissing(programme));
    return section;
  }
  if (programme.daysLeftToRequisition < 0) {
    section.append(h("p", { class: "notice notice-warning", id: "opening-state" }, m(TEXT.tooLate)));
    return section;
  }
  const count = recipients.length;
  const state = h("p", { id: "opening-state" }, m(TEXT.notOpen));
  const result = h("div", { id: "opening-result", role: "status" });
  const openButton = h(
    "button",
    {
      type: "button",
      class: "button",
      id: "open-programme",
      "aria-expanded": "false",
      "aria-controls": "open-confirm",
    },
    m(TEXT.open),
  );
  const question = h(
    "p",
    { id: "open-confirm-text", tabindex: "-1" },
    m(TEXT.question(programme.title, count)),
  );
  const confirmButton = h(
    "button",
    { type: "button", class: "button", id: "open-confirm-yes" },
    m(TEXT.confirm),
  );
  const cancelButton = h(
    "button",
    { type: "button", class: "button button-secondary", id: "open-confirm-no" },
    m(TEXT.cancel),
  );
  const confirm = h(
    "div",
    {
      class: "panel",
      id: "open-confirm",
      role: "group",
      "aria-labelledby": "open-confirm-text",
      hidden: true,
    },
    question,
    h("div", { class: "actions" }, confirmButton, cancelButton),
  );
  const ask = (open: boolean) => {
    confirm.hidden = !open;
    openButton.setAttribute("aria-expanded", String(open));
    (open ? question : openButton).focus();
  };
  openButton.addEventListener("click", () => ask(true));
  cancelButton.addEventListener("click", () => ask(false));
  let busy = false;
  confirmButton.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    confirmButton.setAttribute("aria-disabled", "true");
    result.textContent = m(TEXT.opening);
    try {
      const answer = await openProgramme(programme);
      // Open now: the button and the question go; what happened stays, and takes focus.
      section.replaceChildren(title, result);
      showOutcome(result, answer);
    } catch (error) {
      result.replaceChildren(errorPanel(error));
      ask(false);
    } finally {
      busy = false;
      confirmButton.removeAttribute("aria-disabled");
    }
  });
  section.append(state, h("div", { class: "actions" }, openButton), confirm, result);
  return section;
}
