import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";

/**
 * The list of a form's errors at its top, shown after a submit attempt: each error links to its
 * field (and moves focus there), so a keyboard or screen reader user can go straight to it.
 */
export interface SummaryItem {
  text: string;
  /** The field to go to; an error without a field of its own is listed without a link. */
  target?: { href: string; focus: () => void };
}

const TEXT = {
  title: (count: number) =>
    count === 1
      ? { sv: "Det finns 1 fel i formuläret", en: "There is 1 problem with the form" }
      : { sv: `Det finns ${count} fel i formuläret`, en: `There are ${count} problems with the form` },
} satisfies Texts;

export function errorSummary(): HTMLElement {
  return h("div", { class: "error-summary", id: "error-summary", tabindex: "-1", hidden: true });
}

export function renderErrorSummary(summary: HTMLElement, items: SummaryItem[]): void {
  summary.replaceChildren();
  summary.hidden = items.length === 0;
  if (items.length === 0) return;
  summary.append(
    h("h2", { id: "error-summary-title" }, m(TEXT.title(items.length))),
    h(
      "ul",
      {},
      items.map(({ text, target }) =>
        target
          ? h(
              "li",
              {},
              h(
                "a",
                {
                  href: target.href,
                  onclick: (event: Event) => {
                    event.preventDefault();
                    target.focus();
                  },
                },
                text,
              ),
            )
          : h("li", {}, text),
      ),
    ),
  );
  summary.setAttribute("aria-labelledby", "error-summary-title");
}
