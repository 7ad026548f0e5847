import { REASON_TEXT } from "../../../shared/intake/model.ts";
import { append, h } from "../dom.ts";
import { bytes, dateTime } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { discardForm } from "./discard-form.ts";
import { fileForm } from "./file-form.ts";
import { scanName, scanPreview } from "./scan-preview.ts";
import { senderAuthText, typeName } from "./texts.ts";
import type { IntakeItem } from "./types.ts";

const TEXT = {
  noSubject: { sv: "(inget ämne)", en: "(no subject)" },
  received: { sv: "Mottaget", en: "Received" },
  from: { sv: "Från", en: "From" },
  noFrom: { sv: "(ingen avsändare)", en: "(no sender)" },
  sender: { sv: "Avsändaren", en: "The sender" },
  why: { sv: "Varför det väntar", en: "Why it waits" },
  codes: { sv: "QR-koden anger", en: "The QR code names" },
  attachments: { sv: "Skannade bilagor", en: "Scanned attachments" },
  none: { sv: "Inga skannade bilagor.", en: "No scanned attachments." },
  noCode: { sv: "ingen QR-kod läst", en: "no QR code read" },
  virus: {
    sv: "Bilagorna kan inte öppnas eller kopplas eftersom e-posttjänsten fann ett virus.",
    en: "The attachments cannot be opened or filed, as the mail service found a virus.",
  },
} satisfies Texts;

/**
 * One waiting message: when it came, from whom and whether SES vouched for that address, why it
 * waits, its scans (each opened on request), and the two ways out: file it to a submission, or
 * discard it with a reason. Once handled, the card says what was done and keeps focus there.
 */
export function itemCard(item: IntakeItem): HTMLElement {
  const titleId = `intake-${item.id}-title`;
  const card = h("article", {
    class: "panel intake-item",
    "aria-labelledby": titleId,
    id: `intake-${item.id}`,
  });
  const done = (notice: HTMLElement) => {
    card.replaceChildren(card.firstElementChild ?? "", notice);
    notice.focus();
  };
  const virus = item.reason === "VIRUS";
  const scans = item.scans.map((scan) => {
    const preview = virus ? undefined : scanPreview(item, scan);
    const codes = scan.references.length > 0 ? scan.references.join(", ") : m(TEXT.noCode);
    return h(
      "li",
      {},
      h(
        "p",
        {},
        h("strong", {}, scanName(scan)),
        ` – ${typeName(scan.contentType)}, ${bytes(scan.size)}, ${codes}`,
      ),
      preview ? h("div", { class: "actions" }, preview.button) : null,
      preview?.region ?? null,
    );
  });
  const references = [...new Set(item.scans.flatMap((s) => s.references))];
  append(card, [
    h("h2", { id: titleId }, item.subject || m(TEXT.noSubject)),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, m(TEXT.received)),
      h("dd", {}, dateTime(item.receivedAt)),
      h("dt", {}, m(TEXT.from)),
      h("dd", { class: "intake-from" }, item.from || m(TEXT.noFrom)),
      h("dt", {}, m(TEXT.sender)),
      h("dd", { class: "intake-auth" }, m(senderAuthText(item.senderAuth))),
      h("dt", {}, m(TEXT.why)),
      h("dd", { class: "intake-reason" }, item.reason ? m(REASON_TEXT[item.reason]) : "—"),
      references.length > 0 ? h("dt", {}, m(TEXT.codes)) : null,
      references.length > 0 ? h("dd", {}, references.join(", ")) : null,
    ),
    h("h3", {}, m(TEXT.attachments)),
    scans.length > 0 ? h("ul", { class: "intake-scans" }, scans) : h("p", {}, m(TEXT.none)),
    virus ? h("p", { class: "notice notice-warning" }, m(TEXT.virus)) : null,
    virus || item.scans.length === 0 ? null : fileForm(item, done),
    discardForm(item, done),
  ]);
  return card;
}
