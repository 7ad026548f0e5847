import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { findProgramme } from "../programmes/catalogue.ts";
import type { SubmissionFilter } from "./ports.ts";

const querySchema = z.strictObject({
  programmeId: z
    .string()
    .refine((id) => findProgramme(id) !== undefined)
    .optional(),
  status: z.enum(["awaiting-original", "original-rejected", "received", "approved", "returned"]).optional(),
  kommun: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
});

/** Query-string filters, checked like any other input: a bad one is a 400 naming the parameter. */
export function parseSubmissionQuery(params: Record<string, string | undefined>): SubmissionFilter {
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: i.path.join(".") || String(i.code),
        code: "INVALID_QUERY_PARAMETER",
        message: { sv: "Ogiltig sökparameter.", en: "Invalid query parameter." },
      })),
    );
  }
  const { programmeId, status, kommun } = parsed.data;
  return {
    ...(programmeId ? { programmeId } : {}),
    ...(status ? { status } : {}),
    ...(kommun ? { kommunkod: kommun } : {}),
  };
}
