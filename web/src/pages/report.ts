import "../zod-setup.ts";
import { parseReport, type ReportForm, sampleReport, validateReport } from "../../../shared/forms/index.ts";
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
import { extraCounts } from "../model-extra.ts";
import { validationProgramme } from "../programme.ts";
import { alreadyReported } from "../report/already-reported.ts";
import { certificationPanel } from "../report/certification.ts";
import { paymentPending } from "../report/payment-pending.ts";
import { awaitingPayment, recordedPaymentValues } from "../report/recorded-payment.ts";
import { reportSections, unspentOutput } from "../report/sections.ts";
import { toInput, unspentOf, valuesOf } from "../report/values.ts";
import { gateByRoles } from "../roles.ts";
import { stands } from "../standing.ts";
import type { ProgrammeView } from "../types.ts";

/**
 * Bilaga 2, ekonomisk redovisning: the same five sections as on paper. It accounts for the payment
 * on record: paid and received are that payment, given, not typed; "Medel som inte har
 * förbrukats" is computed as you type, paid − costs, by the rule the API checks it with. Before any
 * payment is recorded the page says why the report has to wait instead of showing the form.
 */
const TEXT = {
  noAllocation: { sv: "Ni saknar tilldelning i detta bidrag.", en: "No allocation." },
  municipality: { sv: "Bidragsmottagare", en: "Recipient" },
  requisitioned: { sv: "Rekvirerat", en: "Requisitioned" },
  paid: { sv: "Utbetalt enligt myndigheten", en: "Paid, as recorded by the agency" },
  due: { sv: "Redovisning senast", en: "Report due" },
  send: { sv: "Skicka in redovisningen", en: "Send the report" },
} satisfies Texts;

await boot("report", "municipality", async ({ session, main }) => {
  const programmeId = param("programme") ?? "";
  const view = await get<ProgrammeView>(`/programmes/${encodeURIComponent(programmeId)}`);
  const own = view.own;
  const kommunkod = session.kommunkod ?? "";
  if (!own?.kommun) throw new Error(m(TEXT.noAllocation));
  setTitle("report", view.title);
  setMunicipality(own.kommun);
  // One report per programme: a returned one is corrected from its page, a replaced one through its correction.
  const active = own.reports.find((r) => stands(r) && r.status !== "returned");
  if (active) {
    main.append(h("p", { class: "lead" }, view.title), alreadyReported(active));
    return;
  }
  if (awaitingPayment(own)) {
    main.append(h("p", { class: "lead" }, view.title), paymentPending(own));
    return;
  }
  const programme = validationProgramme(view);
  const day = today();

  const earlier = await earlierSubmissions<ReportForm>(programmeId, param("from"));
  const { corrected } = earlier;

  const sample = sampleReport(programme, kommunkod, day);
  const rules = (form: ReportForm) => validateReport(form, programme, kommunkod, day);
  const unspentOut = unspentOutput();
  const deviationsBlock = h("div", { id: "deviations-block" });
  const questions = questionsAt(programme, "report");
  // The municipality's draft (any colleague's), except for a correction, which starts from what was sent.
  const saved = corrected ? undefined : await readDraft(programmeId, "report");
  // The signatory's name is the sender's account's (README "Roles"): shown, never typed.
  const signatory = {
    "signature.signatory": session.roles.includes("signatory") ? (session.name ?? "") : "",
  };
  let draft: ServerDraft | undefined;
  const kit = new FormKit({
    toInput: (v) => ({ ...toInput(v), ...answersInput(v, questions) }),
    validate: (input) =>
      liveErrors(input, sample, parseReport, rules, {
        "accounting.unspent": ["accounting.received", "accounting.costs"],
        "accounting.received": ["grant.totalPaid"],
        "grant.totalPaid": ["grant.totalGrant"],
        "grant.period.to": ["grant.period.from"],
        "grant.period.from": ["grant.period.to"],
        "certification.deviations": ["certification.alternative"],
      }),
    aliases: { "accounting.unspent": "accounting.costs" },
    onEdit: () => draft?.edited(),
    onChange: (v) => {
      const unspent = unspentOf(v);
      unspentOut.textContent = unspent === undefined ? "—" : kronor(unspent);
      deviationsBlock.hidden = v["certification.alternative"] !== "2";
    },
  });
  const requisitioned = own.requisitioned + own.modelExtraRequisitioned;
  const paidValues = recordedPaymentValues(own);
  kit.init({
    ...sharedStart(programme, kommunkod, earlier),
    "grant.totalGrant": amountText(
      own.allocation + (extraCounts(own) && own.modelExtraRequisitioned > 0 ? own.modelExtra : 0),
    ),
    "accounting.costs": "",
    "accounting.surveyAnswered": false,
    "signature.date": day,
    ...emptyAnswers(questions),
    ...(corrected
      ? {
          ...valuesOf(corrected.form as unknown as ReportForm),
          ...answersValues((corrected.form as unknown as ReportForm).answers, questions),
        }
      : {}),
    ...(saved ? draftValues(saved.form, questions) : {}),
    ...signatory,
  });
  draft = corrected
    ? undefined
    : new ServerDraft(
        {
          programmeId,
          kind: "report",
          kit,
          apply: (d) =>
            kit.setAll(
              { ...draftValues(d.form, questions), ...paidValues, ...signatory, ...certification.names() },
              { edit: false },
            ),
          onDraft: (d) => certification.show(d),
        },
        saved,
      );
  const certification = certificationPanel({ session, kit, programmeId, draft: () => draft });
  // After the draft and the returned version: the payment on record is what the report states.
  Object.assign(kit.values, paidValues);

  const deadline = view.deadlines.report;
  append(main, [
    h("p", { class: "lead" }, view.title),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, m(TEXT.municipality)),
      h("dd", {}, `${own.kommun} (${kommunkod})`),
      h("dt", {}, m(TEXT.requisitioned)),
      h("dd", {}, kronor(requisitioned)),
      h("dt", {}, m(TEXT.paid)),
      h("dd", { id: "recorded-paid" }, kronor(own.paid)),
      deadline ? h("dt", {}, m(TEXT.due)) : null,
      deadline ? h("dd", {}, `${longDate(deadline)} (${daysLeft(deadline).text})`) : null,
    ),
    returnReason(corrected),
    kit.summary,
  ]);

  const sections = reportSections(kit, own, programme, unspentOut, deviationsBlock, certification.element);
  certification.show(saved);
  deviationsBlock.hidden = kit.values["certification.alternative"] !== "2";
  const initialUnspent = unspentOf(kit.values);
  unspentOut.textContent = initialUnspent === undefined ? "—" : kronor(initialUnspent);

  const submitButton = h("button", { type: "submit", class: "button" }, m(TEXT.send));
  // The signatory sends and signs; a certifier certifies, by sending too or on the draft. A
  // correction has no draft, so its sender certifies it: both roles (README "Roles").
  const roleNote = gateByRoles(session, corrected ? ["signatory", "certifier"] : ["signatory"], submitButton);
  const status = h("p", { class: "form-status", role: "status" });
  const idempotencyKey = crypto.randomUUID();
  const form = h(
    "form",
    { novalidate: true, id: "report-form" },
    ...sections,
    h("div", { class: "actions" }, submitButton, status, roleNote),
    draft?.element,
  );
  main.append(form);

  const example = exampleFiller(kit, () => ({
    ...valuesOf(sample),
    ...answersValues(sample.answers, questions),
    ...paidValues,
    ...signatory,
    ...certification.names(),
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
        : `/programmes/${encodeURIComponent(programmeId)}/reports`,
  });
});
