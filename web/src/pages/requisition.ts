import "../zod-setup.ts";
import {
  parseRequisition,
  type RequisitionForm,
  sampleRequisition,
  validateRequisition,
} from "../../../shared/forms/index.ts";
import { questionsAt } from "../../../shared/programmes/questions.ts";
import { get } from "../api.ts";
import { today } from "../config.ts";
import { append, h, param } from "../dom.ts";
import { amountText } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { liveErrors } from "../form-kit/live-errors.ts";
import { daysLeft, kronor, longDate } from "../format.ts";
import { draftValues } from "../forms/draft-values.ts";
import { exampleFiller } from "../forms/example-filler.ts";
import { earlierSubmissions, sharedStart } from "../forms/prefill.ts";
import { answersInput, answersValues, emptyAnswers } from "../forms/question-fields.ts";
import { returnReason } from "../forms/return-reason.ts";
import { readDraft, ServerDraft } from "../forms/server-draft.ts";
import { wireSubmit } from "../forms/submit.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, setMunicipality, setTitle } from "../layout.ts";
import { extraCounts, extraLeft as extraLeftOf } from "../model-extra.ts";
import { validationProgramme } from "../programme.ts";
import { requisitionSections } from "../requisition/sections.ts";
import { toInput, valuesOf } from "../requisition/values.ts";
import { gateByRoles } from "../roles.ts";
import type { ProgrammeView } from "../types.ts";

/** Bilaga 2, rekvisition: four sections as on paper, checked live by the API's own schema and rules. */
const TEXT = {
  noAllocation: { sv: "Ni saknar tilldelning i detta bidrag.", en: "No allocation." },
  municipality: { sv: "Bidragsmottagare", en: "Recipient" },
  allocation: { sv: "Tilldelning", en: "Allocation" },
  modelExtra: { sv: "Extra medel som modellkommun", en: "Model municipality extra" },
  deadline: { sv: "Sista dag för rekvisition", en: "Last day to requisition" },
  intro: {
    sv: "Uppgifterna kontrolleras medan du skriver, med samma regler som när de tas emot. När rekvisitionen är inskickad får du ett kvitto och blanketten ifylld som PDF. Skriv ut den, låt behörig företrädare skriva under och ladda upp en skanning.",
    en: "Your entries are checked as you type, by the same rules that apply on receipt. When the requisition is sent you get a receipt and the form filled in as a PDF. Print it, have an authorised representative sign it, and upload a scan.",
  },
  send: { sv: "Skicka in rekvisitionen", en: "Send the requisition" },
} satisfies Texts;

await boot("requisition", "municipality", async ({ session, main }) => {
  const programmeId = param("programme") ?? "";
  const view = await get<ProgrammeView>(`/programmes/${encodeURIComponent(programmeId)}`);
  const own = view.own;
  const kommunkod = session.kommunkod ?? "";
  if (!own?.kommun) throw new Error(m(TEXT.noAllocation));
  setTitle("requisition", view.title);
  setMunicipality(own.kommun);
  const programme = validationProgramme(view);
  const day = today();
  // A lapsed extra is no longer offered (model-extra.ts).
  const hasExtra = extraCounts(own);
  const extraLeft = extraLeftOf(own);
  const wantsExtra = param("kind") === "model-extra" || (own.requisitioned > 0 && hasExtra);
  const kind = hasExtra && wantsExtra ? "model-extra" : "base";

  const from = param("from");
  const earlier = await earlierSubmissions<RequisitionForm>(programmeId, from);
  const { corrected, previous } = earlier;

  const sample = sampleRequisition(programme, kommunkod, day);
  const rules = (form: RequisitionForm) => validateRequisition(form, programme, kommunkod, day);
  const questions = questionsAt(programme, "requisition");
  // The municipality's draft (any colleague's), except for a correction, which starts from what was sent.
  const saved = corrected ? undefined : await readDraft(programmeId, "requisition");
  // The signatory's name is the sender's account's (README "Roles"): shown, never typed.
  const names = {
    "signature.signatory": session.roles.includes("signatory") ? (session.name ?? "") : "",
  };
  let draft: ServerDraft | undefined;
  const kit = new FormKit({
    toInput: (v) => ({ ...toInput(v), ...answersInput(v, questions) }),
    validate: (input) =>
      liveErrors(input, sample, parseRequisition, rules, {
        "grant.amount": ["grant.kind"],
        "grant.period.to": ["grant.period.from"],
        "grant.period.from": ["grant.period.to"],
      }),
    onEdit: () => draft?.edited(),
  });
  kit.init({
    ...sharedStart(programme, kommunkod, earlier),
    "grant.kind": kind,
    "grant.amount": amountText(kind === "base" ? own.remaining : extraLeft),
    ...(programme.survey.atRequisition ? { "grant.surveyCommitment": false } : {}),
    "payment.method": previous?.payment?.method ?? "bankgiro",
    "payment.account": previous?.payment?.account ?? "",
    "payment.reference": previous?.payment?.reference ?? `Statsbidrag ${view.year}`,
    "signature.date": day,
    ...emptyAnswers(questions),
    ...(corrected
      ? {
          ...valuesOf(corrected.form as unknown as RequisitionForm),
          ...answersValues((corrected.form as unknown as RequisitionForm).answers, questions),
          "signature.date": day,
        }
      : {}),
    ...(saved ? draftValues(saved.form, questions) : {}),
    ...names,
  });
  draft = corrected
    ? undefined
    : new ServerDraft(
        {
          programmeId,
          kind: "requisition",
          kit,
          apply: (d) => kit.setAll({ ...draftValues(d.form, questions), ...names }, { edit: false }),
        },
        saved,
      );

  const deadline = daysLeft(view.deadlines.requisition);
  append(main, [
    h("p", { class: "lead" }, view.title),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, m(TEXT.municipality)),
      h("dd", {}, `${own.kommun} (${kommunkod})`),
      h("dt", {}, m(TEXT.allocation)),
      h("dd", {}, kronor(own.allocation)),
      hasExtra ? h("dt", {}, m(TEXT.modelExtra)) : null,
      hasExtra ? h("dd", {}, kronor(own.modelExtra)) : null,
      h("dt", {}, m(TEXT.deadline)),
      h("dd", {}, `${longDate(view.deadlines.requisition)} (${deadline.text})`),
    ),
    h("p", {}, m(TEXT.intro)),
    returnReason(corrected),
    kit.summary,
  ]);

  const submitButton = h("button", { type: "submit", class: "button" }, m(TEXT.send));
  // Sending (a requisition or a correction) is the signatory's; a preparer fills in only.
  const roleNote = gateByRoles(session, ["signatory"], submitButton);
  const status = h("p", { class: "form-status", role: "status" });
  const idempotencyKey = crypto.randomUUID();
  const form = h(
    "form",
    { novalidate: true, id: "requisition-form", "aria-describedby": "error-summary" },
    ...requisitionSections(kit, own, programme),
    h("div", { class: "actions" }, submitButton, status, roleNote),
    draft?.element,
  );
  main.append(form);

  const example = exampleFiller(kit, () => ({
    ...valuesOf({
      ...sample,
      grant: { ...sample.grant, kind, amount: kind === "base" ? own.remaining : extraLeft },
    }),
    ...answersValues(sample.answers, questions),
    ...names,
  }));
  if (example) main.append(example);

  wireSubmit({
    form,
    kit,
    submitButton,
    status,
    idempotencyKey,
    draft,
    // A returned submission is replaced by its corrected version; otherwise this is a new one.
    path: () =>
      corrected
        ? `/submissions/${encodeURIComponent(corrected.id)}/corrections`
        : `/programmes/${encodeURIComponent(programmeId)}/requisitions`,
  });
});
