import type * as z from "zod/mini";
import { _safeParse, $ZodError } from "zod/v4/core";
import type { FieldError } from "../errors.ts";
import * as f from "./fast-fields.ts";
import { toFieldErrors } from "./issues.ts";
import { MAX_LENGTH } from "./rules/text.ts";
import { type ReportForm, type RequisitionForm, reportSchema, requisitionSchema } from "./schema.ts";

type Issue = z.core.$ZodIssue;
type Parsed<F> = { ok: true; form: F } | { ok: false; errors: FieldError[] };

/**
 * Parsing a form field by field with the checks of ./fast-fields.ts, down to the fields they
 * leave open, which their own zod schemas parse. Issues are put together as zod's strict objects
 * do (fields in the shape's order, prefixed with their path, then one issue for unknown keys), and
 * ./issues.ts words them, so the errors are the whole-form zod parse's.
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
  answers: f.slow,
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
  answers: f.slow,
};

/** A fast check with the zod schema it mirrors; for an object without checks of its own, its fields too. */
interface Node {
  fast: f.Fast<unknown>;
  schema: z.ZodMiniType;
  optional: boolean;
  key: string;
  /** Where the node sits in the form, as zod's issues name it: fixed, so a parse builds no paths. */
  path: readonly PropertyKey[];
  /** An object's fields; a leaf (a field, or an object zod checks as a whole) has none. */
  fields: readonly Node[] | undefined;
  /** The fields' keys in the shape's order, and as a set. */
  names: readonly string[] | undefined;
  known: ReadonlySet<string> | undefined;
}

/**
 * Pairs each fast check with the zod schema at the same key; throws at start-up if the two ever
 * name different fields, so neither can change without the other.
 */
function bind(
  key: string,
  fast: f.Fast<unknown>,
  schema: z.ZodMiniType,
  path: readonly PropertyKey[],
  optional = false,
): Node {
  const allowed = (fast as Partial<f.FastOneOf<unknown>>).allowed;
  if (allowed && [...allowed].join() !== [...(schema._zod.values ?? [])].join())
    throw new Error(`${key}: fast values ${allowed} ≠ zod's`);
  const fastFields = (fast as Partial<f.FastObject>).fields;
  if (!fastFields)
    return { key, fast, schema, optional, path, fields: undefined, names: undefined, known: undefined };
  const shape = (schema as z.ZodMiniObject).shape as Record<string, z.ZodMiniType>;
  const names = fastFields.map((field) => field.key);
  if (names.join() !== Object.keys(shape).join())
    throw new Error(`fast fields ${names} ≠ ${Object.keys(shape)}`);
  if ((schema._zod.def.checks?.length ?? 0) > 0)
    throw new Error(`${key}: an object with checks is a leaf here`);
  const fields = fastFields.map((field) =>
    bind(
      field.key,
      field.fast,
      shape[field.key] as z.ZodMiniType,
      [...path, field.key],
      field.optional === true,
    ),
  );
  return { key, fast, schema, optional, path, fields, names, known: new Set(names) };
}

/**
 * zod's own safeParse, with its plain error class rather than the Error subclass `.safeParse`
 * uses: the issues are the same, without capturing a stack trace for every wrong field.
 */
const safeParse = _safeParse($ZodError);

/** Zod parses `value`; its issues join `issues` under the node's path. */
function withZod(node: Node, value: unknown, issues: Issue[]): unknown {
  const result = safeParse(node.schema, value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ ...issue, path: [...node.path, ...issue.path] });
  return undefined;
}

/**
 * One pass: an object is walked field by field, and each leaf asks its fast check, which gives
 * the value or the issue zod would give, and zod only when the check leaves the value open. A
 * valid form, or one with the usual mistakes, thus costs the fast checks alone.
 */
function parseNode(node: Node, value: unknown, issues: Issue[]): unknown {
  const { fields, names, known } = node;
  if (!fields || !names || !known || !f.isPlainObject(value)) return parseLeaf(node, value, issues);
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const key = field.key;
    const v = value[key];
    // zod's rules for optional keys: absent adds nothing, undefined is kept as undefined.
    if (v === undefined && field.optional) {
      if (key in value) out[key] = undefined;
      continue;
    }
    out[key] = field.fields === undefined ? parseLeaf(field, v, issues) : parseNode(field, v, issues);
  }
  let unknown: string[] | undefined;
  let next = 0;
  for (const key in value) {
    // Keys in the shape's order, as forms come, are known without a look-up.
    if (key === names[next]) {
      next++;
      continue;
    }
    if (known.has(key)) continue;
    unknown ??= [];
    unknown.push(key);
  }
  if (unknown)
    issues.push({
      code: "unrecognized_keys",
      keys: unknown,
      path: [...node.path],
      input: value,
      message: "",
    });
  return out;
}

/** A field's value from its fast check, or the issue it or zod gives. */
function parseLeaf(node: Node, value: unknown, issues: Issue[]): unknown {
  const fast = node.fast(value);
  if (fast === SLOW) return withZod(node, value, issues);
  if (fast instanceof f.Refused) {
    issues.push({ ...fast.issue, path: [...node.path, ...fast.issue.path] });
    return undefined;
  }
  return fast;
}

function parseForm(root: Node, input: unknown): Parsed<unknown> {
  const issues: Issue[] = [];
  const form = parseNode(root, input, issues);
  return issues.length > 0 ? { ok: false, errors: toFieldErrors(issues) } : { ok: true, form };
}

/** A form's top-level section; only the answers may be left out. */
const sectionField = (key: string, fast: f.Fast<unknown>): f.FastField =>
  key === "answers" ? { key, fast, optional: true } : { key, fast };

const requisition = bind(
  "",
  f.strictObject(Object.entries(requisitionSections).map(([key, fast]) => sectionField(key, fast))),
  requisitionSchema,
  [],
);
const report = bind(
  "",
  f.strictObject(Object.entries(reportSections).map(([key, fast]) => sectionField(key, fast))),
  reportSchema,
  [],
);

// The casts hold because every value came from its zod schema or from its proven twin.
export const parseRequisitionByField = (input: unknown) =>
  parseForm(requisition, input) as Parsed<RequisitionForm>;

export const parseReportByField = (input: unknown) => parseForm(report, input) as Parsed<ReportForm>;
