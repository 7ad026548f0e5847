import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { toFieldErrors } from "../forms/issues.ts";
import { questionsSchema } from "../programmes/question-schema.ts";
import { DIARIENUMMER_PATTERN, digitalSignatureSchema, isoDate } from "../programmes/schema.ts";

/** A Bilaga 1 table as agencies export it; 290 rows take some 10 kB, so this is generous. */
const MAX_CSV_CHARS = 200_000;

/** POST /programmes: the metadata (as `programme import` reads it) and the Bilaga 1 CSV as text. */
export const draftBody = z.strictObject({
  meta: z.record(z.string(), z.unknown()),
  bilaga1Csv: z.string().min(1).max(MAX_CSV_CHARS),
});

const diarienummer = z.string().trim().regex(DIARIENUMMER_PATTERN).nullable();
const reason = z.string().trim().min(3).max(500);

/**
 * PATCH /programmes/{id}: the facts an agency corrects after publishing, each optional, with the
 * reason (always) and the decision a moved deadline rests on. Allocations are not facts: they stay.
 */
export const factsBody = z.strictObject({
  reason,
  /** The agency's decision a moved deadline rests on, e.g. "Beslut 2022-10-03, dnr 4.1-1234/2022". */
  decision: z.string().trim().min(3).max(200).optional(),
  agreementDiarienummer: diarienummer.optional(),
  decisionDiarienummer: diarienummer.optional(),
  agreementTitle: z.string().trim().min(3).max(300).nullable().optional(),
  officerEmails: z.array(z.email()).min(1).max(20).optional(),
  deadlines: z
    .strictObject({
      requisition: isoDate.optional(),
      preferredRequisition: isoDate.nullable().optional(),
      report: isoDate.nullable().optional(),
      repayment: isoDate.nullable().optional(),
    })
    .optional(),
  originalGraceDays: z.number().int().min(0).max(120).optional(),
  /** The agency's bankgiro for repayments and the prefix of each municipality's OCR reference. */
  repaymentAccount: z
    .strictObject({
      bankgiro: z.string().trim(),
      referencePrefix: z
        .string()
        .trim()
        .regex(/^\d{0,8}$/),
    })
    .nullable()
    .optional(),
  /**
   * The programme's own questions, the whole list as it is to be: a question added applies to
   * submissions from now on (those already in keep their answers, and their wording in the audit).
   */
  questions: questionsSchema.optional(),
  /** Whether a digitally signed form stands in for the scan (shared/programmes/schema.ts). */
  digitalSignature: digitalSignatureSchema.optional(),
});
export type FactsInput = z.infer<typeof factsBody>;

/**
 * At most this many rows per correction: each is written in the same transaction as the new
 * version (DynamoDB takes 100 writes in one), and a real correction changes a handful.
 */
export const MAX_CORRECTED_ROWS = 50;

/**
 * POST /programmes/{id}/allocations: new base amounts (integer kronor) for some municipalities,
 * with the reason and, optionally, the decision they rest on. The amounts are checked by the
 * correction rules (programmes/allocation-correction.ts), so each refusal names its row.
 */
export const allocationsBody = z.strictObject({
  reason,
  decision: z.string().trim().min(3).max(200).optional(),
  corrections: z
    .array(z.strictObject({ kommunkod: z.string().trim().min(1).max(10), amount: z.number() }))
    .min(1)
    .max(MAX_CORRECTED_ROWS),
});

/** POST /programmes/{id}/close */
export const closeBody = z.strictObject({ reason });

/** The body, or a 400 naming each field with the forms' stable codes. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new ValidationError(toFieldErrors(parsed.error.issues));
}
