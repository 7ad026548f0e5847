import { h } from "../dom.ts";
import { m, t } from "../i18n.ts";
import { fieldId } from "./paths.ts";
import type { Control, FieldDef, Value } from "./types.ts";

/**
 * The markup of one field: label (or legend), hint, the place for its error message and its
 * controls, with the ids the error summary and aria-describedby point to.
 */
export interface FieldMarkup {
  wrapper: HTMLElement;
  controls: Control[];
  errorEl: HTMLElement;
  hintId?: string;
}

export function fieldMarkup(def: FieldDef, values: Record<string, Value>): FieldMarkup {
  const id = fieldId(def.path);
  const errorEl = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const hintId = def.hint ? `${id}-hint` : undefined;
  const hint = def.hint ? h("p", { class: "hint", id: hintId }, m(def.hint)) : null;
  const parts = { errorEl, ...(hintId ? { hintId } : {}) };
  if (def.kind === "select") {
    const select = h(
      "select",
      { id, name: def.path },
      def.options.map((o) =>
        h("option", { value: o.value, selected: values[def.path] === o.value }, o.label),
      ),
    );
    const wrapper = h(
      "div",
      { class: "field" },
      h("label", { for: id }, m(def.label)),
      hint,
      errorEl,
      select,
    );
    return { wrapper, controls: [select], ...parts };
  }
  if (def.kind === "radio") {
    const controls = def.options.map((o, i) =>
      h("input", {
        type: "radio",
        name: def.path,
        id: i === 0 ? id : `${id}-${o.value}`,
        value: o.value,
        checked: values[def.path] === o.value,
        ...(o.hint ? { "aria-describedby": `${id}-${o.value}-hint` } : {}),
      }),
    );
    const wrapper = h(
      "fieldset",
      { class: "field", id: `${id}-group`, ...(hintId ? { "aria-describedby": hintId } : {}) },
      h("legend", {}, m(def.legend)),
      hint,
      errorEl,
      h(
        "div",
        { class: "choices" },
        def.options.map((o, i) =>
          h(
            "div",
            { class: "choice" },
            controls[i],
            h("label", { for: controls[i]?.id ?? id }, m(o.label)),
            o.hint ? h("p", { class: "hint choice-hint", id: `${id}-${o.value}-hint` }, m(o.hint)) : null,
          ),
        ),
      ),
    );
    return { wrapper, controls, ...parts };
  }
  if (def.kind === "checkbox") {
    const box = h("input", { type: "checkbox", id, name: def.path, checked: values[def.path] === true });
    const wrapper = h(
      "div",
      { class: "field field-checkbox" },
      errorEl,
      h("div", { class: "choice" }, box, h("label", { for: id }, m(def.label))),
      hint,
    );
    return { wrapper, controls: [box], ...parts };
  }
  const common = {
    id,
    name: def.path,
    ...(def.autocomplete ? { autocomplete: def.autocomplete } : {}),
    class: `input width-${def.width ?? (def.kind === "amount" || def.kind === "date" ? "s" : "l")}${def.readonly ? " input-readonly" : ""}`,
    ...(def.readonly ? { readonly: true } : {}),
  };
  const value = String(values[def.path] ?? "");
  const control =
    def.kind === "textarea"
      ? h("textarea", { ...common, rows: 4 }, value)
      : h("input", {
          ...common,
          type: def.kind === "amount" || def.kind === "date" ? "text" : def.kind,
          value,
          ...(def.kind === "amount" ? { inputmode: "numeric", spellcheck: "false" } : {}),
          ...(def.kind === "date" ? { inputmode: "numeric", placeholder: "ÅÅÅÅ-MM-DD" } : {}),
        });
  const optional = def.optional ? h("span", { class: "optional" }, ` ${t("optional")}`) : null;
  const preview =
    def.kind === "amount"
      ? h("span", { class: "amount-preview", id: `${id}-preview`, "aria-hidden": "true" })
      : null;
  const wrapper = h(
    "div",
    { class: "field" },
    h("label", { for: id }, m(def.label), optional),
    hint,
    errorEl,
    h("div", { class: "control-row" }, control, preview),
  );
  return { wrapper, controls: [control], ...parts };
}
