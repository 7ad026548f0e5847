import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";

const TEXT = {
  cancel: { sv: "Avbryt", en: "Cancel" },
} satisfies Texts;

export interface ConfirmStep {
  /** The question with its two buttons; hidden until asked. */
  panel: HTMLElement;
  /** Shows `question` and a yes button named `yes`, focus on the question. */
  ask(question: string, yes: string): void;
  /** Hides the question; focus goes back to `returnTo`. */
  close(): void;
}

/**
 * A decision that cannot be taken back asks once more before it is sent: the question takes focus,
 * "yes" sends, "cancel" (or Escape) puts focus back where it came from.
 */
export function confirmStep(
  id: string,
  returnTo: () => HTMLElement | null,
  onYes: () => Promise<void>,
): ConfirmStep {
  const question = h("p", { id: `${id}-text`, tabindex: "-1" });
  const yesButton = h("button", { type: "button", class: "button", id: `${id}-yes` });
  const noButton = h(
    "button",
    { type: "button", class: "button button-secondary", id: `${id}-no` },
    m(TEXT.cancel),
  );
  const panel = h(
    "div",
    { class: "panel confirm", id, role: "group", "aria-labelledby": `${id}-text`, hidden: true },
    question,
    h("div", { class: "actions" }, yesButton, noButton),
  );
  const close = () => {
    panel.hidden = true;
    returnTo()?.focus();
  };
  let busy = false;
  yesButton.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    yesButton.setAttribute("aria-disabled", "true");
    try {
      await onYes();
    } finally {
      busy = false;
      yesButton.removeAttribute("aria-disabled");
    }
  });
  noButton.addEventListener("click", close);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  return {
    panel,
    ask(text, yes) {
      question.textContent = text;
      yesButton.textContent = yes;
      panel.hidden = false;
      question.focus();
    },
    close,
  };
}
