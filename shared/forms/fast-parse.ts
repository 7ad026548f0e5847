import type * as z from "zod/mini";
import type { FieldError } from "../errors.ts";
import * as f from "./fast-fields.ts";
import { toFieldErrors } from "./issues.ts";
import { MAX_LENGTH } from "./rules/text.ts";
import { type ReportForm, type RequisitionForm, reportSchema, requisitionSchema } from "./schema.ts";

type Issue = z.core.$ZodIssue;
type Parsed<F> = { ok: true; form: F } | { ok: false; errors: FieldError[] };

/**
 * Parsing a form section by section: each top-level section (recipient, grant, …) goes through
 * ./fast-fields.ts, and only a section it cannot vouch for through its own zod schema. A form with
 * one mistake thus costs one section's zod parse, not the whole form's. The sections' issues are
 * put together as zod's strict object does (sections in the shape's order, prefixed with their
 * key, then one issue for unknown keys), so the errors are the full parse's.
 */

const { SLOW } = f;

const recipient = f.strictObject([
  { key: "name", fast: f.requiredText(MAX_LENGTH.name) },
  { key: "organisationNumber", fast: f.organisationNumberField },
  { key: "contactPerson", fast: f.requiredText(MAX_LENGTH.name) },
  {
    key: "postalAddress",
    fast: f.strictObject([
      { key: "street", fast: f.requiredText(MAX_LENGTH.street) },
      { key: "postalCode", fast: f.postalCodeField },
      { key: "city", fast: f.requiredText(MAX_LENGTH.city) },
    ]),
  },
  { key: "phone", fast: f.phoneField },
  { key: "fax", fast: f.optionalPhoneField, optional: true },
  { key: "email", fast: f.emailField },
]);

const agreementFields: f.FastField[] = [
  { key: "agreementDiarienummer", fast: f.optionalText(MAX_LENGTH.diarienummer), optional: true },
  { key: "decisionDiarienummer", fast: f.requiredText(MAX_LENGTH.diarienummer) },
  { key: "agreementTitle", fast: f.optionalText(MAX_LENGTH.title), optional: true },
];

const signature = f.strictObject([
  { key: "date", fast: f.dateField },
  { key: "signatory", fast: f.requiredText(MAX_LENGTH.name) },
]);

const requisitionSections = {
  recipient,
  grant: f.strictObject([
    ...agreementFields,
    { key: "amount", fast: f.kronorField },
    { key: "kind", fast: f.oneOf(["base", "model-extra"]) },
    { key: "period", fast: f.periodField },
    { key: "surveyCommitment", fast: f.boolean, optional: true },
  ]),
  payment: f.paymentField,
  signature,
};

const reportSections = {
  recipient,
  grant: f.strictObject([
    ...agreementFields,
    { key: "totalGrant", fast: f.kronorField },
    { key: "totalPaid", fast: f.kronorField },
    { key: "period", fast: f.periodField },
  ]),
  accounting: f.strictObject([
    { key: "received", fast: f.kronorField },
    { key: "costs", fast: f.kronorField },
    { key: "unspent", fast: f.kronorField },
    { key: "surveyAnswered", fast: f.boolean },
  ]),
  certification: f.strictObject([
    { key: "alternative", fast: f.oneOf([1, 2]) },
    { key: "deviations", fast: f.optionalText(MAX_LENGTH.longText, true), optional: true },
    { key: "measures", fast: f.optionalText(MAX_LENGTH.longText, true), optional: true },
    { key: "name", fast: f.requiredText(MAX_LENGTH.name) },
    { key: "title", fast: f.requiredText(MAX_LENGTH.name) },
    { key: "phone", fast: f.phoneField },
    { key: "email", fast: f.emailField },
  ]),
  signature,
};

type Shape = Record<string, z.ZodMiniType>;

/**
 * A form's sections, fast and zod side by side, in the zod shape's order; built once per form.
 * Throws at start-up if the two lists ever name different sections.
 */
function sectionsOf(shape: Shape, fast: Record<string, f.Fast<unknown>>) {
  const keys = Object.keys(shape);
  if (keys.join() !== Object.keys(fast).join())
    throw new Error(`fast sections ${Object.keys(fast)} ≠ ${keys}`);
  return keys.map((key) => ({
    key,
    fast: fast[key] as f.Fast<unknown>,
    schema: shape[key] as z.ZodMiniType,
  }));
}

type Sections = ReturnType<typeof sectionsOf>;

/** Undefined when the input is no plain object: the whole-form zod parse says what it is instead. */
function parseBySection(sections: Sections, input: unknown): Parsed<Record<string, unknown>> | undefined {
  if (!f.isPlainObject(input)) return undefined;
  const form: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const { key, fast, schema } of sections) {
    const present = key in input;
    const value = input[key];
    const parsed = present ? fast(value) : SLOW;
    if (parsed !== SLOW) {
      form[key] = parsed;
      continue;
    }
    // A section is an object, so an absent one fails here as REQUIRED, as in the whole-form parse.
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) form[key] = result.data;
    else for (const issue of result.error.issues) issues.push({ ...issue, path: [key, ...issue.path] });
  }
  const unknown: string[] = [];
  for (const key in input) if (!sections.some((s) => s.key === key)) unknown.push(key);
  if (unknown.length > 0) {
    issues.push({ code: "unrecognized_keys", keys: unknown, path: [], input, message: "" });
  }
  return issues.length > 0 ? { ok: false, errors: toFieldErrors(issues) } : { ok: true, form };
}

const requisition = sectionsOf(requisitionSchema.shape, requisitionSections);
const report = sectionsOf(reportSchema.shape, reportSections);

// The casts hold because each section's value came from its zod schema or from its proven twin.
export const parseRequisitionBySection = (input: unknown) =>
  parseBySection(requisition, input) as Parsed<RequisitionForm> | undefined;

export const parseReportBySection = (input: unknown) =>
  parseBySection(report, input) as Parsed<ReportForm> | undefined;
