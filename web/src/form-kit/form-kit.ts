import type { FieldError } from "../../../shared/errors.ts";
import { formatKronor } from "../../../shared/money.ts";
import { announce } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import { parseAmount } from "./amount.ts";
import { errorSummary, renderErrorSummary, type SummaryItem } from "./error-summary.ts";
import { errorText } from "./error-text.ts";
import { type FieldMarkup, fieldMarkup } from "./field-markup.ts";
import { fieldId } from "./paths.ts";
import type { Control, FieldDef, Value } from "./types.ts";

/**
 * Accessible form fields bound to the dotted paths of the API's JSON (the same paths its
 * FieldErrors carry), so one error list — from the shared zod schemas and rules in the browser, or
 * from the API — lands on the right field: message under the label's hint, aria-invalid,
 * aria-describedby, and an error summary with links at the top after a submit attempt.
 */
interface Registered extends FieldMarkup {
  def: FieldDef;
}

export interface FormKitOptions {
  /** Builds the API's JSON from the current values. */
  toInput: (values: Record<string, Value>) => Record<string, unknown>;
  /** All errors for an input (shared schema + rules). */
  validate: (input: Record<string, unknown>) => FieldError[];
  /** Errors reported at a path without a field of its own are shown at this field instead. */
  aliases?: Record<string, string>;
  onChange?: (values: Record<string, Value>) => void;
  /** The user changed a value (typing, choosing, "fill in example"): e.g. to save the draft. */
  onEdit?: () => void;
}

const TEXT = {
  error: { sv: "Fel", en: "Error" },
  noErrors: { sv: "Formuläret är ifyllt utan fel.", en: "The form has no errors." },
} satisfies Texts;

export class FormKit {
  readonly values: Record<string, Value> = {};
  private readonly fields = new Map<string, Registered>();
  private readonly touched = new Set<string>();
  private submitted = false;
  private serverErrors: FieldError[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly summary: HTMLElement;

  constructor(private readonly options: FormKitOptions) {
    this.summary = errorSummary();
  }

  /** Initial values, before the fields are built (a saved draft's are among them). */
  init(values: Record<string, Value>): void {
    Object.assign(this.values, values);
  }

  input(): Record<string, unknown> {
    return this.options.toInput(this.values);
  }

  field(def: FieldDef): HTMLElement {
    const registered: Registered = { def, ...fieldMarkup(def, this.values) };
    this.fields.set(def.path, registered);
    for (const control of registered.controls) this.bind(registered, control);
    this.describe(registered, undefined);
    if (def.kind === "amount") this.updatePreview(registered);
    return registered.wrapper;
  }

  private bind(reg: Registered, control: Control): void {
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
    control.addEventListener("blur", (event) => {
      if (reg.def.kind === "amount") {
        const parsed = parseAmount(control.value);
        // Show the amount grouped the Swedish way once the user leaves the field.
        if (typeof parsed === "number" && parsed >= 0) {
          control.value = formatKronor(parsed).replace(/ kr$/, "");
          this.values[path] = control.value;
        }
      }
      // A box or an option is answered by ticking it: tabbing past one is not an answer, so only
      // "change" (or a submit) makes its error show.
      if (reg.def.kind === "checkbox" || reg.def.kind === "radio") return;
      this.touched.add(path);
      // Leaving the field for the submit button: the submit checks everything at once. Showing or
      // clearing an error now, or when the live check typing started comes due, would move the
      // button between mouse down and up, and lose the click.
      if (isSubmitButton((event as FocusEvent).relatedTarget)) {
        if (this.timer) clearTimeout(this.timer);
        return;
      }
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
    this.options.onEdit?.();
    if (this.timer) clearTimeout(this.timer);
    // Live, but not on every keystroke.
    this.timer = setTimeout(() => this.refresh(), now ? 0 : 250);
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

  /** Sets many values; `edit: false` when they are not the user's change (a colleague's draft loaded). */
  setAll(values: Record<string, Value>, { edit = true }: { edit?: boolean } = {}): void {
    for (const [path, value] of Object.entries(values)) this.set(path, value);
    this.options.onChange?.(this.values);
    if (edit) this.options.onEdit?.();
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
    reg.errorEl.textContent = error ? `${m(TEXT.error)}: ${errorText(error)}` : "";
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
    const items = [...unordered]
      .sort((a, b) => rank(a) - rank(b))
      .map((e): SummaryItem => {
        const path = this.target(e.path);
        const label = this.label(path);
        const text = label ? `${label}: ${errorText(e)}` : errorText(e);
        if (!this.fields.has(path)) return { text };
        const focus = () => {
          const control = this.fields.get(path)?.controls[0];
          control?.focus();
          control?.scrollIntoView({ block: "center" });
        };
        return { text, target: { href: `#${fieldId(path)}`, focus } };
      });
    renderErrorSummary(this.summary, items);
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
    announce(m(TEXT.noErrors));
    return true;
  }
}

function isSubmitButton(target: EventTarget | null): boolean {
  return target instanceof HTMLButtonElement && target.type === "submit";
}
