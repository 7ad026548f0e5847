import type { FieldError } from "../../../shared/errors.ts";
import { fieldError } from "../../../shared/forms/codes.ts";
import { QUESTION_ID, type Question } from "../../../shared/programmes/questions.ts";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import { invalid } from "../form-kit/simple-checks.ts";
import type { Value } from "../form-kit/types.ts";
import { m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import type { ProgrammeSummary } from "../types.ts";

/**
 * The programme's own questions, as the officer sees and changes them: the list, each with a
 * button that takes it away, and a form that adds one. Each change is one PATCH of the whole list
 * with a reason (an audited version); submissions already sent keep their answers.
 */
const TEXT = {
  title: { sv: "Frågor i bidraget", en: "The programme's questions" },
  intro: {
    sv: "Frågor som kommunerna besvarar utöver blanketten. En ny fråga gäller det som skickas in från och med nu.",
    en: "Questions municipalities answer besides the form. A new question applies to what is sent from now on.",
  },
  none: { sv: "Bidraget har inga egna frågor.", en: "The programme has no questions of its own." },
  onRequisition: { sv: "Rekvisitionen", en: "The requisition" },
  onReport: { sv: "Redovisningen", en: "The report" },
  required: { sv: "obligatorisk", en: "required" },
  optional: { sv: "frivillig", en: "optional" },
  textAnswer: { sv: "fritext", en: "free text" },
  yesNo: { sv: "ja/nej", en: "yes/no" },
  remove: (label: string) => ({ sv: `Ta bort "${label}"`, en: `Remove "${label}"` }),
  add: { sv: "Lägg till en fråga", en: "Add a question" },
  at: { sv: "Blankett", en: "Form" },
  kind: { sv: "Svar", en: "Answer" },
  labelSv: { sv: "Frågan på svenska", en: "The question in Swedish" },
  labelEn: { sv: "Frågan på engelska", en: "The question in English" },
  mustAnswer: { sv: "Mottagaren måste svara", en: "The recipient must answer" },
  reason: { sv: "Skäl till ändringen", en: "Reason for the change" },
  removeReason: { sv: "Frågan togs bort.", en: "The question was removed." },
  saved: (version: number) => ({ sv: `Sparat som version ${version}.`, en: `Saved as version ${version}.` }),
} satisfies Texts;

/** A question id from its Swedish wording: "Hur används medlen?" → "hur-anvands-medlen", unique in the list. */
export function questionId(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^[^a-z]+|-+$/g, "")
      .slice(0, 34)
      .replace(/-+$/, "") || "fraga";
  const id = base.length >= 2 ? base : `fraga-${base}`;
  let candidate = id;
  for (let n = 2; taken.includes(candidate); n++) candidate = `${id}-${n}`;
  return QUESTION_ID.test(candidate) ? candidate : `fraga-${taken.length + 1}`;
}

const text = (v: Value | undefined) => String(v ?? "").trim();

function describe(q: Question): string {
  return [
    m(q.at === "requisition" ? TEXT.onRequisition : TEXT.onReport),
    m(q.kind === "yes-no" ? TEXT.yesNo : TEXT.textAnswer),
    m(q.required ? TEXT.required : TEXT.optional),
  ].join(", ");
}

async function patchQuestions(programmeId: string, questions: Question[], reason: string) {
  return api<{ version: number }>("PATCH", `/programmes/${encodeURIComponent(programmeId)}`, {
    body: { reason, questions },
  });
}

export function questionsForm(programme: ProgrammeSummary): HTMLElement {
  let questions: Question[] = [...programme.questions];
  const list = h("ul", { id: "questions-list", class: "question-list" });
  const result = h("div", { role: "status", id: "questions-result" });
  const saved = (version: number) =>
    result.replaceChildren(h("div", { class: "notice notice-success" }, h("p", {}, m(TEXT.saved(version)))));

  const renderList = () => {
    list.replaceChildren(
      ...(questions.length === 0
        ? [h("li", {}, m(TEXT.none))]
        : questions.map((q) => {
            const remove = h(
              "button",
              { type: "button", class: "button button-secondary" },
              m(TEXT.remove(m(q.label))),
            );
            remove.addEventListener("click", async () => {
              const next = questions.filter((o) => o.id !== q.id);
              try {
                const { version } = await patchQuestions(programme.id, next, m(TEXT.removeReason));
                questions = next;
                renderList();
                saved(version);
              } catch (error) {
                result.replaceChildren(errorPanel(error));
              }
            });
            return h("li", {}, h("strong", {}, m(q.label)), ` (${describe(q)}) `, remove);
          })),
    );
  };

  const kit = new FormKit({
    toInput: (v) => ({
      at: text(v["question.at"]),
      kind: text(v["question.kind"]),
      label: { sv: text(v["question.label.sv"]), en: text(v["question.label.en"]) },
      required: v["question.required"] === true,
      reason: text(v["question.reason"]),
    }),
    validate: (input) => {
      const errors: FieldError[] = [];
      const label = input.label as { sv: string; en: string };
      if (label.sv.length < 3)
        errors.push(invalid("question.label.sv", fieldError("", "REQUIRED").message, "REQUIRED"));
      if (label.en.length < 3)
        errors.push(invalid("question.label.en", fieldError("", "REQUIRED").message, "REQUIRED"));
      if (String(input.reason).length < 3)
        errors.push(invalid("question.reason", fieldError("", "REQUIRED").message, "REQUIRED"));
      return errors;
    },
  });
  kit.init({
    "question.at": "requisition",
    "question.kind": "text",
    "question.label.sv": "",
    "question.label.en": "",
    "question.required": true,
    "question.reason": "",
  });
  const form = h(
    "form",
    { novalidate: true, id: "questions-form" },
    h("h3", {}, m(TEXT.add)),
    kit.summary,
    kit.field({
      path: "question.at",
      kind: "radio",
      legend: TEXT.at,
      options: [
        { value: "requisition", label: TEXT.onRequisition },
        { value: "report", label: TEXT.onReport },
      ],
    }),
    kit.field({
      path: "question.kind",
      kind: "radio",
      legend: TEXT.kind,
      options: [
        { value: "text", label: TEXT.textAnswer },
        { value: "yes-no", label: TEXT.yesNo },
      ],
    }),
    kit.field({ path: "question.label.sv", kind: "text", width: "l", label: TEXT.labelSv }),
    kit.field({ path: "question.label.en", kind: "text", width: "l", label: TEXT.labelEn }),
    kit.field({ path: "question.required", kind: "checkbox", label: TEXT.mustAnswer }),
    kit.field({ path: "question.reason", kind: "text", width: "l", label: TEXT.reason }),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", id: "questions-add" }, m(TEXT.add)),
    ),
  );
  onValidSubmit(form, kit, result, async () => {
    const v = kit.input() as {
      at: Question["at"];
      kind: Question["kind"];
      label: Question["label"];
      required: boolean;
      reason: string;
    };
    const added: Question = {
      id: questionId(
        v.label.sv,
        questions.map((q) => q.id),
      ),
      at: v.at,
      kind: v.kind,
      label: v.label,
      required: v.required,
    };
    const next = [...questions, added];
    const { version } = await patchQuestions(programme.id, next, v.reason);
    questions = next;
    renderList();
    saved(version);
    for (const path of ["question.label.sv", "question.label.en", "question.reason"]) kit.set(path, "");
  });
  renderList();
  return h(
    "section",
    { "aria-labelledby": "questions-title", id: "questions" },
    h("h2", { id: "questions-title" }, m(TEXT.title)),
    h("p", {}, m(TEXT.intro)),
    list,
    form,
    result,
  );
}
