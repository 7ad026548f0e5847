/**
 * Questions a programme asks beyond Bilaga 2: the 2018 decision's "motivera på vilket sätt
 * investeringen ökar förutsättningarna …", a report's follow-up questions. The agency adds them
 * (programme set-up or PATCH /programmes/{id}); the forms, the PDF, the officer's view and the
 * export show the answers; shared/forms/rules/questions.ts checks them in the browser and the API.
 * No zod here: the form bundles import this, and the programme's schema is ./question-schema.ts.
 */
export const QUESTION_ID = /^[a-z][a-z0-9-]{1,39}$/;

/** The longest answer any text question takes (about a page of text). */
export const MAX_ANSWER_LENGTH = 4000;

export interface Wording {
  sv: string;
  en: string;
}

export interface Question {
  id: string;
  /** Which form asks it. */
  at: "requisition" | "report";
  /** "text": free text; "yes-no": ja or nej. */
  kind: "text" | "yes-no";
  label: Wording;
  /** A hint under the field, e.g. what a good answer covers. */
  hint?: Wording | undefined;
  required: boolean;
  /**
   * Required only when another (yes-no) question on the same form got this answer: the 2018
   * decision wants a motivation only where the money went to what "ökar förutsättningarna".
   */
  requiredWhen?: { question: string; answer: boolean } | undefined;
}

export type Answers = Readonly<Record<string, string | boolean>>;

/** The programme's questions on one form, in the order the agency set them. */
export function questionsAt(
  programme: { questions?: readonly Question[] | undefined },
  kind: Question["at"],
): Question[] {
  return (programme.questions ?? []).filter((q) => q.at === kind);
}

/** "Ja" / "Nej" for a yes-no answer, the text as written otherwise; "" for no answer. */
export function answerText(answer: string | boolean | undefined, lang: "sv" | "en" = "sv"): string {
  if (answer === undefined) return "";
  if (typeof answer === "boolean") return lang === "sv" ? (answer ? "Ja" : "Nej") : answer ? "Yes" : "No";
  return answer;
}
