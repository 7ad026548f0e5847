import * as z from "zod/mini";
import { QUESTION_ID, type Question } from "./questions.ts";

const wording = z.strictObject({
  sv: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
  en: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
});

export const questionSchema: z.ZodMiniType<Question> = z.strictObject({
  id: z.string().check(z.regex(QUESTION_ID)),
  at: z.enum(["requisition", "report"]),
  kind: z.enum(["text", "yes-no"]),
  label: wording,
  hint: z.optional(wording),
  required: z.boolean(),
  requiredWhen: z.optional(
    z.strictObject({ question: z.string().check(z.regex(QUESTION_ID)), answer: z.boolean() }),
  ),
});

/** At most 20 questions, each id once: an answer names its question by id. */
export const questionsSchema = z.array(questionSchema).check(
  z.maxLength(20),
  z.refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
    message: "question ids must be unique",
  }),
  z.refine(
    (qs) =>
      qs.every(
        (q) =>
          !q.requiredWhen ||
          qs.some((o) => o.id === q.requiredWhen?.question && o.kind === "yes-no" && o.at === q.at),
      ),
    { message: "requiredWhen must name a yes-no question on the same form" },
  ),
);
