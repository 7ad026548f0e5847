import { ACCOUNT_NAME_PATHS } from "../../../shared/forms/account-names.ts";
import type { Question } from "../../../shared/programmes/questions.ts";
import { amountText } from "../form-kit/amount.ts";
import type { Value } from "../form-kit/types.ts";
import { answersValues } from "./question-fields.ts";

/**
 * A saved draft's form (the API's JSON, as far as it was filled in) → the fields' values. Any
 * shape is read: a draft is incomplete by nature. Numbers are amounts (shown grouped) or the
 * certification's alternative; the names the accounts fill in are left to the page.
 */
export function draftValues(
  form: Record<string, unknown>,
  questions: readonly Question[],
): Record<string, Value> {
  const values: Record<string, Value> = {};
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      if (path === "answers" || (ACCOUNT_NAME_PATHS as readonly string[]).includes(path)) continue;
      if (typeof value === "object" && value !== null && !Array.isArray(value))
        walk(value as Record<string, unknown>, `${path}.`);
      else if (typeof value === "number") values[path] = amountText(value);
      else if (typeof value === "string" || typeof value === "boolean") values[path] = value;
    }
  };
  walk(form, "");
  const answers = form.answers;
  return {
    ...values,
    ...answersValues(
      typeof answers === "object" && answers !== null
        ? (answers as Record<string, string | boolean>)
        : undefined,
      questions,
    ),
  };
}
