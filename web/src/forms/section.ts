import { h } from "../dom.ts";
import { type Msg, m } from "../i18n.ts";

/** One numbered section of a Bilaga 2 form, as on paper: its title, an optional intro, its fields. */
export function section(id: string, title: Msg, intro: Msg | null, ...children: HTMLElement[]): HTMLElement {
  return h(
    "section",
    { class: "form-section", "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, m(title)),
    intro ? h("p", { class: "section-intro" }, m(intro)) : null,
    ...children,
  );
}
