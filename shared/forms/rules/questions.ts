import type { FieldError } from "../../errors.ts";
import { type Answers, type Question, questionsAt } from "../../programmes/questions.ts";
import { fieldError } from "../codes.ts";

/**
 * The programme's own questions on a form: every required one answered, each answer of its
 * question's kind, and no answer to a question the programme does not ask on this form (a typo
 * in an id would otherwise be stored and never shown). Errors sit at `answers.<id>`.
 */
export function questionErrors(
  answers: Answers | undefined,
  programme: { questions?: readonly Question[] | undefined },
  form: Question["at"],
): FieldError[] {
  const asked = questionsAt(programme, form);
  const given = answers ?? {};
  const errors: FieldError[] = [];
  for (const question of asked) {
    const path = `answers.${question.id}`;
    const answer = given[question.id];
    if (answer === undefined || answer === "") {
      const when = question.requiredWhen;
      if (question.required || (when && given[when.question] === when.answer))
        errors.push(fieldError(path, "QUESTION_UNANSWERED", { question: question.label }));
    } else if (question.kind === "yes-no" && typeof answer !== "boolean") {
      errors.push(fieldError(path, "ANSWER_NOT_YES_NO"));
    } else if (question.kind === "text" && typeof answer !== "string") {
      errors.push(fieldError(path, "ANSWER_NOT_TEXT"));
    }
  }
  const known = new Set(asked.map((q) => q.id));
  for (const id of Object.keys(given))
    if (!known.has(id)) errors.push(fieldError(`answers.${id}`, "UNKNOWN_QUESTION", { id }));
  return errors;
}
