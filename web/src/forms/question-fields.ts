import type { Answers, Question } from "../../../shared/programmes/questions.ts";
import type { FormKit } from "../form-kit/form-kit.ts";
import type { FieldDef, Value } from "../form-kit/types.ts";
import type { Msg } from "../i18n.ts";
import { section } from "./section.ts";

/**
 * The programme's own questions as a section of the form, before the signature: free text as a
 * text area, yes/no as two radio buttons. Their paths are `answers.<id>`, so the shared rule's
 * errors land on the right field.
 */
const TEXT = {
  title: { sv: "Frågor i det här bidraget", en: "Questions for this grant" },
  intro: {
    sv: "Myndigheten ställer de här frågorna utöver blanketten. Svaren skrivs ut på blanketten du skriver under.",
    en: "The agency asks these questions besides the form. The answers are printed on the form you sign.",
  },
  yes: { sv: "Ja", en: "Yes" },
  no: { sv: "Nej", en: "No" },
} satisfies Record<string, Msg>;

const pathOf = (q: Question) => `answers.${q.id}`;

function fieldOf(q: Question): FieldDef {
  const hint = q.hint ? { hint: q.hint } : {};
  if (q.kind === "yes-no")
    return {
      path: pathOf(q),
      kind: "radio",
      legend: q.label,
      options: [
        { value: "ja", label: TEXT.yes },
        { value: "nej", label: TEXT.no },
      ],
      ...hint,
    };
  return { path: pathOf(q), kind: "textarea", label: q.label, optional: !q.required, ...hint };
}

/** The section, or nothing where the programme asks no questions on this form. */
export function questionSection(kit: FormKit, questions: readonly Question[]): HTMLElement[] {
  if (questions.length === 0) return [];
  return [section("questions", TEXT.title, TEXT.intro, ...questions.map((q) => kit.field(fieldOf(q))))];
}

/** Field values → the API's `answers` (a yes-no question's "ja"/"nej" as true/false; blank left out). */
export function answersInput(
  v: Record<string, Value>,
  questions: readonly Question[],
): { answers?: Answers } {
  if (questions.length === 0) return {};
  const answers: Record<string, string | boolean> = {};
  for (const q of questions) {
    const value = v[pathOf(q)];
    if (q.kind === "yes-no") {
      if (value === "ja" || value === "nej") answers[q.id] = value === "ja";
    } else if (typeof value === "string" && value.trim() !== "") answers[q.id] = value;
  }
  return { answers };
}

/** A stored form's answers → field values, for a correction or a draft. */
export function answersValues(
  answers: Answers | undefined,
  questions: readonly Question[],
): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const q of questions) {
    const answer = answers?.[q.id];
    if (answer === undefined) continue;
    values[pathOf(q)] = typeof answer === "boolean" ? (answer ? "ja" : "nej") : answer;
  }
  return values;
}

/** A placeholder so the section's fields start empty (radio: nothing chosen). */
export function emptyAnswers(questions: readonly Question[]): Record<string, Value> {
  return Object.fromEntries(questions.map((q) => [pathOf(q), ""]));
}
