import { isIsoDate } from "../dates.ts";
import { isEmail } from "./rules/email.ts";
import { isBankgiro, isPlusgiro, normaliseBankgiro, normalisePlusgiro } from "./rules/giro.ts";
import { normaliseOrganisationNumber, organisationNumberProblem } from "./rules/organisation-number.ts";
import { isPhoneNumber } from "./rules/phone.ts";
import { isPostalCode, normalisePostalCode } from "./rules/postal-code.ts";
import { MAX_LENGTH } from "./rules/text.ts";

/**
 * The fields of ./fields.ts as plain functions that only say yes: the parsed value when the input
 * is certainly valid, SLOW when it may not be. Zod's object and check machinery costs more than
 * the rules themselves, and most forms are valid, so ./fast-parse.ts asks these first and zod
 * only about what they could not vouch for; zod alone words the errors. Every check here is the
 * zod field's, in the same order, so a value passed here would have passed there, parsed to the
 * same output (test/unit/forms/fast-parse.test.ts generates forms to prove it).
 */
export const SLOW: unique symbol = Symbol("slow");
export type Fast<T> = (value: unknown) => T | typeof SLOW;

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

/** Trimmed text within `min`–`max` characters and free of anything unsafe, or SLOW. */
function text(value: unknown, min: number, max: number, unsafe = MAYBE_UNSAFE): string | typeof SLOW {
  if (typeof value !== "string") return SLOW;
  const trimmed = value.trim();
  return trimmed.length < min || trimmed.length > max || unsafe.test(trimmed) ? SLOW : trimmed;
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

/** Required text that passes `accept`, then normalised as the zod field's overwrite does. */
const checkedText =
  (max: number, accept: (v: string) => boolean, normalise: (v: string) => string = (v) => v): Fast<string> =>
  (value) => {
    const t = text(value, 1, max);
    return t !== SLOW && accept(t) ? normalise(t) : SLOW;
  };

export const organisationNumberField = checkedText(
  MAX_LENGTH.organisationNumber,
  (v) => organisationNumberProblem(v) === undefined,
  normaliseOrganisationNumber,
);
export const postalCodeField = checkedText(MAX_LENGTH.postalCode, isPostalCode, normalisePostalCode);
export const phoneField = checkedText(MAX_LENGTH.phone, isPhoneNumber);
export const emailField = checkedText(MAX_LENGTH.email, isEmail);

export const optionalPhoneField: Fast<string> = (value) => {
  const t = text(value, 0, MAX_LENGTH.phone);
  return t !== SLOW && (t === "" || isPhoneNumber(t)) ? t : SLOW;
};

/** Dates are not trimmed: " 2022-01-01" is no date. */
export const dateField: Fast<string> = (value) =>
  typeof value === "string" && isIsoDate(value) ? value : SLOW;

export const kronorField: Fast<number> = (value) =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : SLOW;

/** A field the fast path leaves to zod: the programme's answers, rare and of varied shape. */
export const slow: Fast<never> = () => SLOW;

export const boolean: Fast<boolean> = (value) => (typeof value === "boolean" ? value : SLOW);

export const oneOf =
  <const T extends string | number>(allowed: readonly T[]): Fast<T> =>
  (value) =>
    allowed.includes(value as T) ? (value as T) : SLOW;

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
 * left out, a present one kept even when undefined. Any key outside the shape is for zod to report.
 */
export interface FastObject extends Fast<Record<string, unknown>> {
  /** Its fields, so that ./fast-parse.ts can go into an object that fails as a whole. */
  fields: readonly FastField[];
}

export function strictObject(fields: readonly FastField[]): FastObject {
  const known = new Set(fields.map((f) => f.key));
  const fast: Fast<Record<string, unknown>> = (value) => {
    if (!isPlainObject(value)) return SLOW;
    for (const key in value) if (!known.has(key)) return SLOW;
    const out: Record<string, unknown> = {};
    for (const { key, fast, optional } of fields) {
      const present = key in value;
      const v = value[key];
      if (optional && (!present || v === undefined)) {
        if (present) out[key] = undefined;
        continue;
      }
      if (!present) return SLOW;
      const parsed = fast(v);
      if (parsed === SLOW) return SLOW;
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
 * The account is checked against the method, then normalised, as the zod field's check and
 * overwrite. Not a FastObject: zod's object-level check has rules of its own for when it runs.
 */
export const paymentField: Fast<Record<string, unknown>> = (value) => {
  const p = paymentShape(value);
  if (p === SLOW) return SLOW;
  const account = p.account as string;
  if (p.method === "bankgiro")
    return isBankgiro(account) ? { ...p, account: normaliseBankgiro(account) } : SLOW;
  return isPlusgiro(account) ? { ...p, account: normalisePlusgiro(account) } : SLOW;
};
