import { ApiError, api } from "../api.ts";
import { announce, h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import type { IntakeItem } from "./types.ts";

const TEXT = {
  title: { sv: "Kassera", en: "Discard" },
  reason: { sv: "Skäl att kassera meddelandet", en: "Why the message is discarded" },
  reasonHint: {
    sv: "Sparas i ärendeloggen, till exempel ”Reklam” eller ”Frågan besvarad per telefon”. Högst 500 tecken.",
    en: "Kept in the audit trail, for example “Advertising” or “Question answered by phone”. At most 500 characters.",
  },
  discard: { sv: "Kassera meddelandet", en: "Discard the message" },
  noReason: { sv: "Ange ett skäl (högst 500 tecken).", en: "Give a reason (at most 500 characters)." },
  discarded: (reason: string) => ({ sv: `Kasserat: ${reason}`, en: `Discarded: ${reason}` }),
} satisfies Texts;

/** Sets a waiting message aside with a reason, which the audit trail keeps. */
export function discardForm(item: IntakeItem, onDone: (notice: HTMLElement) => void): HTMLElement {
  const base = `intake-${item.id}-discard`;
  const reasonId = `${base}-reason`;
  const errorId = `${reasonId}-error`;
  const textarea = h("textarea", {
    id: reasonId,
    name: "reason",
    class: "input width-l",
    rows: 2,
    maxlength: 500,
    "aria-describedby": `${reasonId}-hint`,
  });
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const field = h(
    "div",
    { class: "field" },
    h("label", { for: reasonId }, m(TEXT.reason)),
    h("p", { class: "hint", id: `${reasonId}-hint` }, m(TEXT.reasonHint)),
    error,
    textarea,
  );
  const showError = (text: string | undefined) => {
    error.hidden = !text;
    error.textContent = text ?? "";
    field.classList.toggle("has-error", Boolean(text));
    if (text) {
      textarea.setAttribute("aria-invalid", "true");
      textarea.setAttribute("aria-describedby", `${errorId} ${reasonId}-hint`);
      textarea.focus();
    } else {
      textarea.removeAttribute("aria-invalid");
      textarea.setAttribute("aria-describedby", `${reasonId}-hint`);
    }
  };
  const result = h("div", { id: `${base}-result` });
  const form = h(
    "form",
    { novalidate: true, id: base, "aria-labelledby": `${base}-title` },
    h("h3", { id: `${base}-title` }, m(TEXT.title)),
    field,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button button-danger", id: `${base}-submit` }, m(TEXT.discard)),
    ),
    result,
  );
  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    const reason = (textarea as HTMLTextAreaElement).value.trim();
    if (!reason || reason.length > 500) {
      showError(m(TEXT.noReason));
      return;
    }
    showError(undefined);
    busy = true;
    try {
      await api("POST", `/intake/${encodeURIComponent(item.id)}/discard`, { body: { reason } });
      const text = m(TEXT.discarded(reason));
      announce(text);
      onDone(h("div", { class: "notice", tabindex: "-1", id: `intake-${item.id}-done` }, h("p", {}, text)));
    } catch (err) {
      const fieldError = err instanceof ApiError ? err.errors.find((e) => e.path === "reason") : undefined;
      if (fieldError) showError(m(fieldError.message));
      else result.replaceChildren(errorPanel(err));
    } finally {
      busy = false;
    }
  });
  return form;
}
