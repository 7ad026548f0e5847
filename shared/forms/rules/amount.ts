/**
 * Amounts are whole kronor as JSON numbers. Text such as "1 234 567" is refused, never coerced:
 * a form that silently read "1 234 567,50" as something else would pay the wrong sum.
 */
export function amountProblem(
  value: unknown,
): "REQUIRED" | "NOT_AN_INTEGER_AMOUNT" | "NEGATIVE_AMOUNT" | undefined {
  if (value === undefined || value === null) return "REQUIRED";
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return "NOT_AN_INTEGER_AMOUNT";
  if (value < 0) return "NEGATIVE_AMOUNT";
  return undefined;
}
