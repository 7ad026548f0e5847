import * as z from "zod/mini";
import { ValidationError } from "../errors.ts";
import { toFieldErrors } from "../forms/issues.ts";
import { questionsSchema } from "../programmes/question-schema.ts";
import { DIARIENUMMER_PATTERN, digitalSignatureSchema, isoDate } from "../programmes/schema.ts";

/** A Bilaga 1 table as agencies export it; 290 rows take some 10 kB, so this is generous. */
const MAX_CSV_CHARS = 200_000;

/** POST /programmes: the metadata (as `programme import` reads it) and the Bilaga 1 CSV as text. */
export const draftBody = z.strictObject({
  meta: z.record(z.string(), z.unknown()),
  bilaga1Csv: z.string().check(z.minLength(1), z.maxLength(MAX_CSV_CHARS)),
});

const diarienummer = z.nullable(z.string().check(z.trim(), z.regex(DIARIENUMMER_PATTERN)));
const reason = z.string().check(z.trim(), z.minLength(3), z.maxLength(500));
const decision = z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(200)));

/**
 * PATCH /programmes/{id}: the facts an agency corrects after publishing, each optional, with the
 * reason (always) and the decision a moved deadline rests on. Allocations are not facts: they stay.
 */
export const factsBody = z.strictObject({
  reason,
  /** The agency's decision a moved deadline rests on, e.g. "Beslut 2022-10-03, dnr 4.1-1234/2022". */
  decision,
  agreementDiarienummer: z.optional(diarienummer),
  decisionDiarienummer: z.optional(diarienummer),
  agreementTitle: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(3), z.maxLength(300)))),
  officerEmails: z.optional(z.array(z.email()).check(z.minLength(1), z.maxLength(20))),
  deadlines: z.optional(
    z.strictObject({
      requisition: z.optional(isoDate),
      preferredRequisition: z.optional(z.nullable(isoDate)),
      report: z.optional(z.nullable(isoDate)),
      repayment: z.optional(z.nullable(isoDate)),
    }),
  ),
  originalGraceDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(120))),
  /** The agency's bankgiro for repayments and the prefix of each municipality's OCR reference. */
  repaymentAccount: z.optional(
    z.nullable(
      z.strictObject({
        bankgiro: z.string().check(z.trim()),
        referencePrefix: z.string().check(z.trim(), z.regex(/^\d{0,8}$/)),
      }),
    ),
  ),
  /**
   * The programme's own questions, the whole list as it is to be: a question added applies to
   * submissions from now on (those already in keep their answers, and their wording in the audit).
   */
  questions: z.optional(questionsSchema),
  /** Whether a digitally signed form stands in for the scan (shared/programmes/schema.ts). */
  digitalSignature: z.optional(digitalSignatureSchema),
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
  decision,
  corrections: z
    .array(
      z.strictObject({
        kommunkod: z.string().check(z.trim(), z.minLength(1), z.maxLength(10)),
        amount: z.number(),
      }),
    )
    .check(z.minLength(1), z.maxLength(MAX_CORRECTED_ROWS)),
});

export type AllocationsInput = z.infer<typeof allocationsBody>;

/** POST /programmes/{id}/close */
export const closeBody = z.strictObject({ reason });

/** The body, or a 400 naming each field with the forms' stable codes. */
export function parseBody<S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new ValidationError(toFieldErrors(parsed.error.issues));
}
