import type * as z from "zod/mini";
import type { FieldError } from "../errors.ts";
import { parseReportByField, parseRequisitionByField } from "./fast-parse.ts";
import { toFieldErrors } from "./issues.ts";
import type { ReportForm, RequisitionForm } from "./schema.ts";

export type FormResult<F> = { ok: true; form: F } | { ok: false; errors: FieldError[] };

/** The whole form through zod: what ./fast-parse.ts must agree with (its tests compare the two). */
export function parseWithZod<S extends z.ZodMiniType>(schema: S, input: unknown): FormResult<z.output<S>> {
  // reportInput lets ./issues.ts tell a missing field (REQUIRED) from a wrong one.
  const result = schema.safeParse(input, { reportInput: true });
  return result.success
    ? { ok: true, form: result.data }
    : { ok: false, errors: toFieldErrors(result.error.issues) };
}

/** Checks the shape of a requisition (each field on its own) and normalises identifiers. */
export function parseRequisition(input: unknown): FormResult<RequisitionForm> {
  return parseRequisitionByField(input);
}

/** Checks the shape of a financial report (each field on its own) and normalises identifiers. */
export function parseReport(input: unknown): FormResult<ReportForm> {
  return parseReportByField(input);
}
