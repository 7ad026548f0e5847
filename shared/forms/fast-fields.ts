import type * as z from "zod/mini";
import { accountRule, normaliseAccount, RULES, type Rule } from "./fields.ts";
import { amountProblem } from "./rules/amount.ts";
import { normaliseOrganisationNumber } from "./rules/organisation-number.ts";
import { normalisePostalCode } from "./rules/postal-code.ts";
import { MAX_LENGTH } from "./rules/text.ts";

/**
 * The fields of ./fields.ts as plain functions, asking the same rules (RULES, amountProblem). Zod's
 * object and check machinery costs more than the rules themselves, so ./fast-parse.ts asks these
 * first and zod only about what they leave open. Each says one of three things: the parsed value
 * when the input is certainly valid; Refused, with the one issue zod's field gives, when the input
 * is certainly invalid in a plain way (missing, of the wrong type, empty, failing its rule); SLOW
 * otherwise (text too long or with unusual characters, an object that is not a plain one, the
 * answers), for zod to word. test/unit/forms/fast-parse.test.ts generates forms to prove that
 * the three agree with zod's whole-form parse, value and errors.
 */
export const SLOW: unique symbol = Symbol("slow");

/**
 * What a check says of a value it is sure is wrong: the issue zod's field gives for it, its path
 * relative to the field (./fast-parse.ts puts the field's own in front).
 */
export class Refused {
  constructor(readonly issue: z.core.$ZodIssue) {}
}

export type Fast<T> = (value: unknown) => T | Refused | typeof SLOW;

/** zod's own words for a value of the wrong type (or none), as its base types give them. */
const wrongType = (expected: "string" | "boolean" | "object", input: unknown) =>
  new Refused({ code: "invalid_type", expected, input, path: [], message: "" });

/** A rule's code, as ./fields.ts's custom checks report it. */
const ruleFailed = (code: string, input: unknown) =>
  new Refused({ code: "custom", params: { code }, input, path: [], message: "" });

/**
 * A superset of the unsafe characters of ./fields.ts without its look-arounds: text that matches
 * none of these is safe, and text that matches any (every surrogate, say) goes to zod. Built from
 * strings, as there, so the classes can name control characters.
 */
const DIRECTION_AND_SURROGATES = "\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff";
const MAYBE_UNSAFE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${DIRECTION_AND_SURROGATES}]`);
/** The same for multi-line text, which may keep tabs and line breaks. */
const MAYBE_UNSAFE_MULTILINE = new RegExp(
  `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${DIRECTION_AND_SURROGATES}]`,
);

/**
 * A string field's input before its checks: the trimmed text, or what zod's z.string() says of
 * anything else. Missing and the primitives are plain; an object or array is SLOW, as zod runs
 * the length checks on anything with a length.
 */
function stringInput(value: unknown): string | Refused | typeof SLOW {
  if (typeof value === "string") return value.trim();
  if (typeof value === "object" && value !== null) return SLOW;
  if (typeof value === "function") return SLOW;
  return wrongType("string", value);
}

/**
 * Trimmed text within `max` UTF-16 units (zod counts code points, which can only be fewer, so a
 * longer text is for zod) and free of anything unsafe; empty text is missing when `min` is 1.
 */
function text(
  value: unknown,
  min: 0 | 1,
  max: number,
  unsafe = MAYBE_UNSAFE,
): string | Refused | typeof SLOW {
  const t = stringInput(value);
  if (typeof t !== "string") return t;
  // requiredText's minLength(1) aborts: an empty text is missing, whatever else.
  if (t.length < min)
    return new Refused({
      code: "too_small",
      origin: "string",
      minimum: min,
      input: t,
      path: [],
      message: "",
    });
  return t.length > max || unsafe.test(t) ? SLOW : t;
}

export const requiredText =
  (max: number): Fast<string> =>
  (value) =>
    text(value, 1, max);

/** Present keys only: ./fast-parse.ts leaves an absent or undefined optional field to the object. */
export const optionalText =
  (max: number, multiline = false): Fast<string> =>
  (value) =>
    text(value, 0, max, multiline ? MAYBE_UNSAFE_MULTILINE : MAYBE_UNSAFE);

/** Text that must pass `rule`, then normalised as the zod field's overwrite does. */
const checkedText =
  (min: 0 | 1, max: number, rule: Rule<string>, normalise: (v: string) => string = (v) => v): Fast<string> =>
  (value) => {
    const t = text(value, min, max);
    if (typeof t !== "string") return t;
    const code = rule(t);
    return code === undefined ? normalise(t) : ruleFailed(code, t);
  };

export const organisationNumberField = checkedText(
  1,
  MAX_LENGTH.organisationNumber,
  RULES.organisationNumber,
  normaliseOrganisationNumber,
);
export const postalCodeField = checkedText(1, MAX_LENGTH.postalCode, RULES.postalCode, normalisePostalCode);
export const phoneField = checkedText(1, MAX_LENGTH.phone, RULES.phone);
export const emailField = checkedText(1, MAX_LENGTH.email, RULES.email);
export const optionalPhoneField = checkedText(0, MAX_LENGTH.phone, RULES.optionalPhone);

/** Dates are not trimmed: " 2022-01-01" is no date. */
export const dateField: Fast<string> = (value) => {
  if (typeof value !== "string") {
    const t = stringInput(value);
    return typeof t === "string" ? SLOW : t;
  }
  const code = RULES.date(value);
  return code === undefined ? value : ruleFailed(code, value);
};

/** Whole kronor: zod's field accepts any input and leaves it to the rule, as here. */
export const kronorField: Fast<number> = (value) => {
  const code = amountProblem(value);
  return code === undefined ? (value as number) : ruleFailed(code, value);
};

/** A field the fast path leaves to zod: the programme's answers, rare and of varied shape. */
export const slow: Fast<never> = () => SLOW;

export const boolean: Fast<boolean> = (value) =>
  typeof value === "boolean" ? value : wrongType("boolean", value);

/** One of a few values, as z.enum and z.literal say; ./fast-parse.ts checks `allowed` is theirs. */
export interface FastOneOf<T> extends Fast<T> {
  allowed: readonly T[];
}

export const oneOf = <const T extends string | number>(allowed: readonly T[]): FastOneOf<T> => {
  const fast: Fast<T> = (value) =>
    allowed.includes(value as T)
      ? (value as T)
      : new Refused({ code: "invalid_value", values: [...allowed], input: value, path: [], message: "" });
  return Object.assign(fast, { allowed });
};

/** A field of a strict object: required, or optional (absent, or undefined, is then fine). */
export interface FastField {
  key: string;
  fast: Fast<unknown>;
  optional?: true;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * A strict object, built as zod builds it: keys in the shape's order, an absent optional key
 * left out, a present one kept even when undefined. Any key outside the shape, and any field not
 * certainly valid, is for the caller to go into (./fast-parse.ts) or for zod.
 */
export interface FastObject extends Fast<Record<string, unknown>> {
  /** Its fields, so that ./fast-parse.ts can go into an object that fails as a whole. */
  fields: readonly FastField[];
}

export function strictObject(fields: readonly FastField[]): FastObject {
  const known = new Set(fields.map((f) => f.key));
  const fast: Fast<Record<string, unknown>> = (value) => {
    if (!isPlainObject(value)) {
      // zod's objects take anything of type object but arrays; only the other plain cases are said here.
      if (typeof value === "object" && value !== null && !Array.isArray(value)) return SLOW;
      return wrongType("object", value);
    }
    for (const key in value) if (!known.has(key)) return SLOW;
    const out: Record<string, unknown> = {};
    for (const { key, fast, optional } of fields) {
      const v = value[key];
      if (optional && v === undefined) {
        if (key in value) out[key] = undefined;
        continue;
      }
      const parsed = fast(v);
      if (parsed === SLOW || parsed instanceof Refused) return SLOW;
      out[key] = parsed;
    }
    return out;
  };
  return Object.assign(fast, { fields });
}

export const periodField = strictObject([
  { key: "from", fast: dateField },
  { key: "to", fast: dateField },
]);

const paymentShape = strictObject([
  { key: "method", fast: oneOf(["bankgiro", "plusgiro"]) },
  { key: "account", fast: requiredText(MAX_LENGTH.account) },
  { key: "reference", fast: optionalText(MAX_LENGTH.reference), optional: true },
]);

/**
 * Not a FastObject: zod checks the account against the method only once every field is valid,
 * so a payment with a wrong field is zod's. With all fields valid, the account is checked and
 * normalised as the zod field's check and overwrite do, a refusal reported at `account`.
 */
export const paymentField: Fast<Record<string, unknown>> = (value) => {
  const p = paymentShape(value);
  if (p === SLOW || p instanceof Refused) return SLOW;
  const payment = p as unknown as Parameters<typeof accountRule>[0];
  const code = accountRule(payment);
  if (code === undefined) return { ...p, account: normaliseAccount(payment) };
  return new Refused({ code: "custom", params: { code }, input: p, path: ["account"], message: "" });
};
