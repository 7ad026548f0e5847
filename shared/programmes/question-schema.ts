import { z } from "zod";
import { QUESTION_ID, type Question } from "./questions.ts";

const wording = z.strictObject({
  sv: z.string().trim().min(3).max(500),
  en: z.string().trim().min(3).max(500),
});

export const questionSchema: z.ZodType<Question> = z.strictObject({
  id: z.string().regex(QUESTION_ID),
  at: z.enum(["requisition", "report"]),
  kind: z.enum(["text", "yes-no"]),
  label: wording,
  hint: wording.optional(),
  required: z.boolean(),
  requiredWhen: z.strictObject({ question: z.string().regex(QUESTION_ID), answer: z.boolean() }).optional(),
});

/** At most 20 questions, each id once: an answer names its question by id. */
export const questionsSchema = z
  .array(questionSchema)
  .max(20)
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
    message: "question ids must be unique",
  })
  .refine(
    (qs) =>
      qs.every(
        (q) =>
          !q.requiredWhen ||
          qs.some((o) => o.id === q.requiredWhen?.question && o.kind === "yes-no" && o.at === q.at),
      ),
    { message: "requiredWhen must name a yes-no question on the same form" },
  );
