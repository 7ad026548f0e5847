import { h } from "./dom.ts";

/**
 * A data table that scrolls sideways inside its own region when a narrow screen cannot fit its
 * columns, so the page itself never does (WCAG 1.4.10 lets a data table scroll in two directions).
 * The region is named by the table's heading and focusable, so it can be scrolled by keyboard.
 */
export function tableRegion(labelledBy: string, table: HTMLTableElement): HTMLElement {
  return h(
    "div",
    { class: "table-scroll", role: "region", "aria-labelledby": labelledBy, tabindex: "0" },
    table,
  );
}
