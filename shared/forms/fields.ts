import * as z from "zod/mini";
import { isIsoDate } from "../dates.ts";
import { MAX_ANSWER_LENGTH, QUESTION_ID } from "../programmes/questions.ts";
import type { SimpleCode } from "./codes.ts";
import { amountProblem } from "./rules/amount.ts";
import { isEmail } from "./rules/email.ts";
import { isBankgiro, isPlusgiro, normaliseBankgiro, normalisePlusgiro } from "./rules/giro.ts";
import { normaliseOrganisationNumber, organisationNumberProblem } from "./rules/organisation-number.ts";
import { isPhoneNumber } from "./rules/phone.ts";
import { isPostalCode, normalisePostalCode } from "./rules/postal-code.ts";
import { MAX_LENGTH } from "./rules/text.ts";

/**
 * Zod schemas for single fields, built from the rules in ./rules. A failed rule becomes a custom
 * issue carrying its code in `params.code`, which ./issues.ts turns into a FieldError. zod/mini
 * (the same checks as classic zod, as functions) so that bundles carry only the checks used.
 */
export type Rule<T> = (value: T) => SimpleCode | undefined;

interface IssueSink {
  value: unknown;
  issues: { push(issue: z.core.$ZodRawIssue): unknown };
}

function reject(ctx: IssueSink, code: SimpleCode, path: PropertyKey[] = []): void {
  ctx.issues.push({ code: "custom", message: code, input: ctx.value, path, params: { code } });
}

const ruleCheck =
  <T>(rule: Rule<T>) =>
  (ctx: { value: T; issues: IssueSink["issues"] }) => {
    const code = rule(ctx.value);
    if (code) reject(ctx, code);
  };

/**
 * Control characters, bidirectional overrides and lone surrogates: invisible or spoofing text no
 * form field needs, which would otherwise end up in e-mails, CSV exports and the printed form.
 * Multi-line fields (deviations, measures) may keep tabs and line breaks.
 */
const LONE_SURROGATE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
const BIDI_CONTROLS = "\\u202a-\\u202e\\u2066-\\u2069";
// Built from strings so the character classes can name control characters explicitly.
const UNSAFE_TEXT = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI_CONTROLS}]|${LONE_SURROGATE}`);
const UNSAFE_MULTILINE_TEXT = new RegExp(
  `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${BIDI_CONTROLS}]|${LONE_SURROGATE}`,
);
const safeText = (pattern: RegExp) =>
  ruleCheck<string>((v) => (pattern.test(v) ? "INVALID_TEXT" : undefined));

/** Trimmed, non-empty, at most `max` characters, printable. Later checks only see text that passed these. */
export const requiredText = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { abort: true }),
      z.maxLength(max, { abort: true }),
      safeText(UNSAFE_TEXT),
    );

export const optionalText = (max: number, multiline = false) =>
  z.optional(
    z.string().check(z.trim(), z.maxLength(max), safeText(multiline ? UNSAFE_MULTILINE_TEXT : UNSAFE_TEXT)),
  );

const checkedText = (max: number, rule: Rule<string>) => requiredText(max).check(ruleCheck(rule));

/** The rules of the checked fields below, by name, so that ./fast-fields.ts asks the same ones. */
export const RULES = {
  organisationNumber: organisationNumberProblem,
  postalCode: (v) => (isPostalCode(v) ? undefined : "INVALID_POSTAL_CODE"),
  phone: (v) => (isPhoneNumber(v) ? undefined : "INVALID_PHONE"),
  /** Fax is optional on Bilaga 2; an empty string means "none", as a web form sends it. */
  optionalPhone: (v) => (v === "" || isPhoneNumber(v) ? undefined : "INVALID_PHONE"),
  email: (v) => (isEmail(v) ? undefined : "INVALID_EMAIL"),
  date: (v) => (isIsoDate(v) ? undefined : "INVALID_DATE"),
} satisfies Record<string, Rule<string>>;

export const organisationNumberField = checkedText(
  MAX_LENGTH.organisationNumber,
  RULES.organisationNumber,
).check(z.overwrite(normaliseOrganisationNumber));

export const postalCodeField = checkedText(MAX_LENGTH.postalCode, RULES.postalCode).check(
  z.overwrite(normalisePostalCode),
);

export const phoneField = checkedText(MAX_LENGTH.phone, RULES.phone);

export const optionalPhoneField = z.optional(
  z.string().check(z.trim(), z.maxLength(MAX_LENGTH.phone, { abort: true }), ruleCheck(RULES.optionalPhone)),
);

export const emailField = checkedText(MAX_LENGTH.email, RULES.email);

export const dateField = z.string().check(ruleCheck(RULES.date));

/** Whole kronor. `z.custom` lets ./rules/amount.ts see the raw value and name the exact problem. */
export const kronorField = z.custom<number>().check(ruleCheck<unknown>(amountProblem));

export const periodField = z.strictObject({ from: dateField, to: dateField });

interface Payment {
  method: "bankgiro" | "plusgiro";
  account: string;
}

/** The account must be a number of the method's kind; ./fast-fields.ts asks the same. */
export const accountRule = ({ method, account }: Payment): SimpleCode | undefined =>
  method === "bankgiro"
    ? isBankgiro(account)
      ? undefined
      : "INVALID_BANKGIRO"
    : isPlusgiro(account)
      ? undefined
      : "INVALID_PLUSGIRO";

export const normaliseAccount = ({ method, account }: Payment): string =>
  method === "bankgiro" ? normaliseBankgiro(account) : normalisePlusgiro(account);

/** The account rule depends on the method, so it runs on the object and reports at `account`. */
export const paymentField = z
  .strictObject({
    method: z.enum(["bankgiro", "plusgiro"]),
    account: requiredText(MAX_LENGTH.account),
    reference: optionalText(MAX_LENGTH.reference),
  })
  .check(
    (ctx) => {
      const code = accountRule(ctx.value);
      if (code) reject(ctx, code, ["account"]);
    },
    z.overwrite((p) => ({ ...p, account: normaliseAccount(p) })),
  );

/**
 * Answers to the programme's own questions, by question id: text (trimmed, printable, line breaks
 * kept) or yes/no. Which questions exist, which are required and which kind each takes is the
 * programme's, so ./rules/questions.ts checks that; here only what any answer must be.
 */
export const answersField = z.optional(
  z.record(
    z.string().check(z.regex(QUESTION_ID)),
    z
      .union([z.boolean(), z.string().check(z.trim())])
      .check(
        ruleCheck<string | boolean>((v) =>
          typeof v === "boolean"
            ? undefined
            : v.length > MAX_ANSWER_LENGTH
              ? "ANSWER_TOO_LONG"
              : UNSAFE_MULTILINE_TEXT.test(v)
                ? "INVALID_TEXT"
                : undefined,
        ),
      ),
  ),
);
