import * as z from "zod/mini";
import { isIsoDate } from "../dates.ts";
import { type FieldError, ValidationError } from "../errors.ts";

/** What the officer's money routes share: whole kronor, plain field errors, no date after today. */
export const kronor = z.int().check(z.positive(), z.maximum(1_000_000_000_000));
/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.string().check(z.refine(isIsoDate));

export function parseMoneyBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((i) => ({
      path: i.path.join("."),
      code: "INVALID_FIELD",
      message: {
        sv: "Ogiltigt värde (belopp i hela kronor, datum ÅÅÅÅ-MM-DD).",
        en: "Invalid value (amounts in whole kronor, dates YYYY-MM-DD).",
      },
    })),
  );
}

export const notInFuture = (path: string, date: string, day: string): FieldError[] =>
  date > day
    ? [
        {
          path,
          code: "DATE_IN_FUTURE",
          message: { sv: `Datumet ligger efter i dag (${day}).`, en: `The date is after today (${day}).` },
        },
      ]
    : [];
