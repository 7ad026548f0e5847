import { h } from "../dom.ts";

/** Label–value rows as a description list; rows without a value are left out. */
export function facts(list: [string, string | undefined][]): HTMLElement {
  return h(
    "dl",
    { class: "facts" },
    list
      .filter(([, v]) => v !== undefined && v !== "")
      .flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "")]),
  );
}
