import type { FieldError } from "../../shared/errors.ts";
import { formatKronor } from "../../shared/money.ts";
import { announce, h } from "./dom.ts";
import { lang, type Msg, m, t } from "./i18n.ts";

/**
 * Accessible form fields bound to the dotted paths of the API's JSON (the same paths its
 * FieldErrors carry), so one error list — from the shared zod schemas and rules in the browser, or
 * from the API — lands on the right field: message under the label's hint, aria-invalid,
 * aria-describedby, and an error summary with links at the top after a submit attempt.
 */
export type Value = string | boolean;

interface BaseDef {
  path: string;
  hint?: Msg;
}
export interface InputDef extends BaseDef {
  kind: "text" | "email" | "tel" | "date" | "amount" | "textarea";
  label: Msg;
  autocomplete?: string;
  optional?: boolean;
  width?: "xs" | "s" | "m" | "l";
}
export interface ChoiceDef extends BaseDef {
  kind: "radio";
  legend: Msg;
  options: { value: string; label: Msg; hint?: Msg }[];
}
export interface CheckboxDef extends BaseDef {
  kind: "checkbox";
  label: Msg;
}
export interface SelectDef extends BaseDef {
  kind: "select";
  label: Msg;
  options: { value: string; label: string }[];
}
export type FieldDef = InputDef | ChoiceDef | CheckboxDef | SelectDef;

/** Messages the web words differently from the API (it accepts "1 530 608" and "1 530 608 kr"). */
const WEB_MESSAGES: Record<string, Msg> = {
  NOT_AN_INTEGER_AMOUNT: {
    sv: "Ange beloppet i hela kronor, t.ex. 1 530 608.",
    en: "Enter the amount in whole kronor, e.g. 1 530 608.",
  },
};

export function errorText(error: FieldError): string {
  return m(WEB_MESSAGES[error.code] ?? error.message);
}

export const fieldId = (path: string) => `f-${path.replace(/\./g, "-") || "form"}`;

/**
 * Text → whole kronor: "1 530 608", "1530608" and "1 530 608 kr" all give 1530608. Anything else
 * is passed on as text, so the shared rule reports it (never silently coerced).
 */
export function parseAmount(text: string): number | string | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/kr$/i, "");
  if (compact === "") return undefined;
  if (/^-?\d{1,15}$/.test(compact)) return Number(compact);
  return text;
}

function getPath(obj: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = obj;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (last === undefined) return;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * Errors of the shared schema (shape) and rules (relations) while the user types. The rules only
 * run on a form that parses, so fields with shape errors are stood in for by a valid sample's
 * value; rule errors that depend on a stood-in field are dropped. That way "amount exceeds
 * allocation" shows while the e-mail is still half-typed.
 */
export function liveErrors<F>(
  input: Record<string, unknown>,
  sample: unknown,
  parse: (input: unknown) => { ok: true; form: F } | { ok: false; errors: FieldError[] },
  rules: (form: F) => FieldError[],
  dependsOn: Record<string, string[]> = {},
): FieldError[] {
  const parsed = parse(input);
  if (parsed.ok) return rules(parsed.form);
  const bad = new Set(parsed.errors.map((e) => e.path));
  const patched = structuredClone(input);
  for (const path of bad) setPath(patched, path, structuredClone(getPath(sample, path)));
  const reparsed = parse(patched);
  if (!reparsed.ok) return parsed.errors;
  const independent = (path: string) => !bad.has(path) && !(dependsOn[path] ?? []).some((p) => bad.has(p));
  return [...parsed.errors, ...rules(reparsed.form).filter((e) => independent(e.path))];
}

interface Registered {
  def: FieldDef;
  wrapper: HTMLElement;
  controls: (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[];
  errorEl: HTMLElement;
  hintId?: string;
}

export interface FormKitOptions {
  /** Builds the API's JSON from the current values. */
  toInput: (values: Record<string, Value>) => Record<string, unknown>;
  /** All errors for an input (shared schema + rules). */
  validate: (input: Record<string, unknown>) => FieldError[];
  /** Errors reported at a path without a field of its own are shown at this field instead. */
  aliases?: Record<string, string>;
  /** sessionStorage key of the draft. */
  draftKey?: string;
  onChange?: (values: Record<string, Value>) => void;
}

export class FormKit {
  readonly values: Record<string, Value> = {};
  private readonly fields = new Map<string, Registered>();
  private readonly touched = new Set<string>();
  private submitted = false;
  private serverErrors: FieldError[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly summary: HTMLElement;

  constructor(private readonly options: FormKitOptions) {
    this.summary = h("div", { class: "error-summary", id: "error-summary", tabindex: "-1", hidden: true });
    if (options.draftKey) {
      window.addEventListener("statsbidrag:before-reload", () => this.saveDraft());
    }
  }

  /** Initial values; a saved draft (same tab) wins over them. */
  init(values: Record<string, Value>): void {
    Object.assign(this.values, values);
    const key = this.options.draftKey;
    const draft = key ? sessionStorage.getItem(key) : null;
    if (draft) {
      try {
        Object.assign(this.values, JSON.parse(draft) as Record<string, Value>);
      } catch {
        // A corrupt draft is ignored.
      }
    }
  }

  saveDraft(): void {
    if (this.options.draftKey) sessionStorage.setItem(this.options.draftKey, JSON.stringify(this.values));
  }

  clearDraft(): void {
    if (this.options.draftKey) sessionStorage.removeItem(this.options.draftKey);
  }

  input(): Record<string, unknown> {
    return this.options.toInput(this.values);
  }

  field(def: FieldDef): HTMLElement {
    const id = fieldId(def.path);
    const errorEl = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
    const hintId = def.hint ? `${id}-hint` : undefined;
    const hint = def.hint ? h("p", { class: "hint", id: hintId }, m(def.hint)) : null;
    let wrapper: HTMLElement;
    let controls: (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[];
    if (def.kind === "select") {
      const select = h(
        "select",
        { id, name: def.path },
        def.options.map((o) =>
          h("option", { value: o.value, selected: this.values[def.path] === o.value }, o.label),
        ),
      );
      controls = [select];
      wrapper = h("div", { class: "field" }, h("label", { for: id }, m(def.label)), hint, errorEl, select);
    } else if (def.kind === "radio") {
      controls = def.options.map((o, i) =>
        h("input", {
          type: "radio",
          name: def.path,
          id: i === 0 ? id : `${id}-${o.value}`,
          value: o.value,
          checked: this.values[def.path] === o.value,
          ...(o.hint ? { "aria-describedby": `${id}-${o.value}-hint` } : {}),
        }),
      );
      wrapper = h(
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
    } else if (def.kind === "checkbox") {
      const box = h("input", {
        type: "checkbox",
        id,
        name: def.path,
        checked: this.values[def.path] === true,
      });
      controls = [box];
      wrapper = h(
        "div",
        { class: "field field-checkbox" },
        errorEl,
        h("div", { class: "choice" }, box, h("label", { for: id }, m(def.label))),
        hint,
      );
    } else {
      const common = {
        id,
        name: def.path,
        ...(def.autocomplete ? { autocomplete: def.autocomplete } : {}),
        class: `input width-${def.width ?? (def.kind === "amount" || def.kind === "date" ? "s" : "l")}`,
      };
      const value = String(this.values[def.path] ?? "");
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
      controls = [control];
      const optional = def.optional ? h("span", { class: "optional" }, ` ${t("optional")}`) : null;
      const preview =
        def.kind === "amount"
          ? h("span", { class: "amount-preview", id: `${id}-preview`, "aria-hidden": "true" })
          : null;
      wrapper = h(
        "div",
        { class: "field" },
        h("label", { for: id }, m(def.label), optional),
        hint,
        errorEl,
        h("div", { class: "control-row" }, control, preview),
      );
    }
    const registered: Registered = { def, wrapper, controls, errorEl, ...(hintId ? { hintId } : {}) };
    this.fields.set(def.path, registered);
    for (const control of controls) this.bind(registered, control);
    this.describe(registered, undefined);
    if (def.kind === "amount") this.updatePreview(registered);
    return wrapper;
  }

  private bind(reg: Registered, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): void {
    const path = reg.def.path;
    const read = () => {
      if (reg.def.kind === "checkbox") this.values[path] = (control as HTMLInputElement).checked;
      else if (reg.def.kind === "radio") {
        if ((control as HTMLInputElement).checked) this.values[path] = control.value;
      } else this.values[path] = control.value;
    };
    control.addEventListener("input", () => {
      read();
      this.serverErrors = this.serverErrors.filter((e) => e.path !== path);
      if (reg.def.kind === "amount") this.updatePreview(reg);
      this.changed();
    });
    control.addEventListener("change", () => {
      read();
      this.touched.add(path);
      this.changed(true);
    });
    control.addEventListener("blur", () => {
      if (reg.def.kind === "amount") {
        const parsed = parseAmount(control.value);
        // Show the amount grouped the Swedish way once the user leaves the field.
        if (typeof parsed === "number" && parsed >= 0) {
          control.value = formatKronor(parsed).replace(/ kr$/, "");
          this.values[path] = control.value;
        }
      }
      this.touched.add(path);
      this.refresh();
    });
  }

  private updatePreview(reg: Registered): void {
    const preview = document.getElementById(`${fieldId(reg.def.path)}-preview`);
    if (!preview) return;
    const parsed = parseAmount(String(this.values[reg.def.path] ?? ""));
    preview.textContent = typeof parsed === "number" && parsed >= 0 ? `= ${formatKronor(parsed)}` : "";
  }

  private changed(now = false): void {
    this.options.onChange?.(this.values);
    if (this.timer) clearTimeout(this.timer);
    // Live, but not on every keystroke.
    this.timer = setTimeout(
      () => {
        this.saveDraft();
        this.refresh();
      },
      now ? 0 : 250,
    );
  }

  /** Sets a value from code (computed fields, "fill in example"). */
  set(path: string, value: Value): void {
    this.values[path] = value;
    const reg = this.fields.get(path);
    if (!reg) return;
    for (const control of reg.controls) {
      if (reg.def.kind === "checkbox") (control as HTMLInputElement).checked = value === true;
      else if (reg.def.kind === "radio") (control as HTMLInputElement).checked = control.value === value;
      else control.value = String(value);
    }
    if (reg.def.kind === "amount") this.updatePreview(reg);
  }

  setAll(values: Record<string, Value>): void {
    for (const [path, value] of Object.entries(values)) this.set(path, value);
    this.options.onChange?.(this.values);
    this.saveDraft();
    this.refresh();
  }

  private target(path: string): string {
    return this.fields.has(path) ? path : (this.options.aliases?.[path] ?? path);
  }

  errors(): FieldError[] {
    return [...this.options.validate(this.input()), ...this.serverErrors];
  }

  /** Re-validates and shows errors on touched fields (all fields after a submit attempt). */
  refresh(): FieldError[] {
    const errors = this.errors();
    const byPath = new Map<string, FieldError>();
    for (const e of errors) {
      const path = this.target(e.path);
      if (!byPath.has(path)) byPath.set(path, e);
    }
    for (const [path, reg] of this.fields) {
      const visible =
        this.submitted ||
        this.touched.has(path) ||
        this.serverErrors.some((e) => this.target(e.path) === path);
      this.describe(reg, visible ? byPath.get(path) : undefined);
    }
    if (this.submitted) this.renderSummary(errors);
    return errors;
  }

  private describe(reg: Registered, error: FieldError | undefined): void {
    const id = fieldId(reg.def.path);
    reg.errorEl.hidden = !error;
    reg.errorEl.textContent = error ? `${lang() === "sv" ? "Fel" : "Error"}: ${errorText(error)}` : "";
    reg.wrapper.classList.toggle("has-error", Boolean(error));
    const describedBy = [reg.hintId, error ? `${id}-error` : undefined].filter(Boolean).join(" ");
    if (reg.def.kind === "radio") {
      // The fieldset carries the group's hint and error; each option only its own hint.
      if (describedBy) reg.wrapper.setAttribute("aria-describedby", describedBy);
      else reg.wrapper.removeAttribute("aria-describedby");
      for (const c of reg.controls) {
        if (error) c.setAttribute("aria-invalid", "true");
        else c.removeAttribute("aria-invalid");
      }
      return;
    }
    for (const c of reg.controls) {
      if (describedBy) c.setAttribute("aria-describedby", describedBy);
      else c.removeAttribute("aria-describedby");
      if (error) c.setAttribute("aria-invalid", "true");
      else c.removeAttribute("aria-invalid");
    }
  }

  private label(path: string): string {
    const reg = this.fields.get(path);
    if (!reg) return "";
    return m(reg.def.kind === "radio" ? reg.def.legend : reg.def.label);
  }

  private renderSummary(unordered: FieldError[]): void {
    // In the order of the form, so the summary reads like the page; general errors first.
    const order = [...this.fields.keys()];
    const rank = (e: FieldError) => order.indexOf(this.target(e.path));
    const errors = [...unordered].sort((a, b) => rank(a) - rank(b));
    const summary = this.summary;
    summary.replaceChildren();
    summary.hidden = errors.length === 0;
    if (errors.length === 0) return;
    const sv = lang() === "sv";
    const title =
      errors.length === 1
        ? sv
          ? "Det finns 1 fel i formuläret"
          : "There is 1 problem with the form"
        : sv
          ? `Det finns ${errors.length} fel i formuläret`
          : `There are ${errors.length} problems with the form`;
    summary.append(
      h("h2", { id: "error-summary-title" }, title),
      h(
        "ul",
        {},
        errors.map((e) => {
          const path = this.target(e.path);
          const label = this.label(path);
          const text = label ? `${label}: ${errorText(e)}` : errorText(e);
          if (!this.fields.has(path)) return h("li", {}, text);
          return h(
            "li",
            {},
            h(
              "a",
              {
                href: `#${fieldId(path)}`,
                onclick: (event: Event) => {
                  event.preventDefault();
                  const control = this.fields.get(path)?.controls[0];
                  control?.focus();
                  control?.scrollIntoView({ block: "center" });
                },
              },
              text,
            ),
          );
        }),
      ),
    );
    summary.setAttribute("aria-labelledby", "error-summary-title");
  }

  /** Shows errors from the API (400 VALIDATION_FAILED) on their fields. */
  showServerErrors(errors: FieldError[]): void {
    this.serverErrors = errors;
    this.submitted = true;
    this.refresh();
    this.summary.focus();
  }

  /** On submit: all errors visible; the summary takes focus when there are any. */
  check(): boolean {
    this.submitted = true;
    const errors = this.refresh();
    if (errors.length > 0) {
      this.summary.focus();
      this.summary.scrollIntoView({ block: "start" });
      return false;
    }
    announce(lang() === "sv" ? "Formuläret är ifyllt utan fel." : "The form has no errors.");
    return true;
  }
}
