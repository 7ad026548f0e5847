import { api } from "../api.ts";
import { h } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import { invalid } from "../form-kit/simple-checks.ts";
import { m, type Texts } from "../i18n.ts";
import type { ProgrammeSummary } from "../types.ts";

/**
 * POST /programmes/{id}/close from the officer's page: with a reason, and only after the officer
 * confirms, since it cannot be undone; a closed programme says when and why instead.
 */
const TEXT = {
  title: { sv: "Stäng bidraget", en: "Close the programme" },
  intro: {
    sv: "Efter stängningen kan inga rekvisitioner, redovisningar eller rättelser skickas in, och påminnelserna upphör. Det inskickade finns kvar och kan fortfarande beslutas, betalas och återbetalas. Det går inte att ångra.",
    en: "After closing, no requisitions, reports or corrections can be sent, and reminders stop. What was sent stays and can still be decided, paid and repaid. It cannot be undone.",
  },
  reason: { sv: "Skäl till stängningen", en: "Reason for closing" },
  reasonRequired: { sv: "Ange skälet, minst tre tecken.", en: "Give the reason, at least three characters." },
  confirm: {
    sv: "Jag förstår att stängningen inte går att ångra.",
    en: "I understand that closing cannot be undone.",
  },
  mustConfirm: {
    sv: "Bekräfta att du vill stänga bidraget.",
    en: "Confirm that you want to close the programme.",
  },
  close: { sv: "Stäng bidraget", en: "Close the programme" },
  closed: (on: string, reason: string) => ({
    sv: `Bidraget stängdes den ${on}. Skäl: ${reason}`,
    en: `The programme was closed on ${on}. Reason: ${reason}`,
  }),
} satisfies Texts;

function closedNotice(closed: { on: string; reason: string }): HTMLElement {
  return h(
    "div",
    { class: "notice notice-warning", id: "closed-notice" },
    h("p", {}, m(TEXT.closed(closed.on, closed.reason))),
  );
}

export function closeForm(programme: ProgrammeSummary): HTMLElement {
  const section = (...children: (HTMLElement | null)[]) =>
    h(
      "section",
      { "aria-labelledby": "close-title", id: "close" },
      h("h2", { id: "close-title" }, m(TEXT.title)),
      ...children,
    );
  if (programme.closed) return section(closedNotice(programme.closed));

  const kit = new FormKit({
    toInput: (v) => ({
      reason: String(v["close.reason"] ?? "").trim(),
      confirmed: v["close.confirm"] === true,
    }),
    validate: (input) => [
      ...(String(input.reason).length < 3 ? [invalid("close.reason", TEXT.reasonRequired, "REQUIRED")] : []),
      ...(input.confirmed === true
        ? []
        : [invalid("close.confirm", TEXT.mustConfirm, "CONFIRMATION_REQUIRED")]),
    ],
  });
  kit.init({ "close.reason": "", "close.confirm": false });
  const result = h("div", { role: "status", id: "close-result" });
  const form = h(
    "form",
    { novalidate: true, id: "close-form" },
    kit.summary,
    kit.field({ path: "close.reason", kind: "text", width: "l", label: TEXT.reason }),
    kit.field({ path: "close.confirm", kind: "checkbox", label: TEXT.confirm }),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button button-danger", id: "close-programme" }, m(TEXT.close)),
    ),
  );
  onValidSubmit(form, kit, result, async () => {
    const { reason } = kit.input() as { reason: string };
    const done = await api<{ closed: { on: string; reason: string } }>(
      "POST",
      `/programmes/${encodeURIComponent(programme.id)}/close`,
      { body: { reason } },
    );
    form.replaceWith(closedNotice(done.closed));
  });
  return section(h("p", {}, m(TEXT.intro)), form, result);
}
