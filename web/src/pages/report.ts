import "../zod-setup.ts";
import { parseReport, type ReportForm, sampleReport, validateReport } from "../../../shared/forms/index.ts";
import { get } from "../api.ts";
import { today } from "../config.ts";
import { append, h, param } from "../dom.ts";
import { amountText } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { liveErrors } from "../form-kit/live-errors.ts";
import { daysLeft, kronor, longDate } from "../format.ts";
import { exampleFiller } from "../forms/example-filler.ts";
import { earlierSubmissions, sharedStart } from "../forms/prefill.ts";
import { returnReason } from "../forms/return-reason.ts";
import { wireSubmit } from "../forms/submit.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, setMunicipality, setTitle } from "../layout.ts";
import { validationProgramme } from "../programme.ts";
import { alreadyReported } from "../report/already-reported.ts";
import { reportSections, unspentOutput } from "../report/sections.ts";
import { toInput, unspentOf, valuesOf } from "../report/values.ts";
import type { ProgrammeView } from "../types.ts";

/**
 * Bilaga 2, ekonomisk redovisning: the same five sections as on paper. "Medel som inte har
 * förbrukats" is not typed but computed as you type, by the rule the API checks it with.
 */
const TEXT = {
  noAllocation: { sv: "Kommunen saknar tilldelning.", en: "No allocation." },
  municipality: { sv: "Kommun", en: "Municipality" },
  requisitioned: { sv: "Rekvirerat", en: "Requisitioned" },
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
  const active = own.reports.find((r) => r.status !== "returned");
  if (active) {
    main.append(h("p", { class: "lead" }, view.title), alreadyReported(active));
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
  const kit = new FormKit({
    toInput,
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
    draftKey: `statsbidrag.draft.report.${programmeId}`,
    onChange: (v) => {
      const unspent = unspentOf(v);
      unspentOut.textContent = unspent === undefined ? "—" : kronor(unspent);
      deviationsBlock.hidden = v["certification.alternative"] !== "2";
    },
  });
  const paid = own.requisitioned + own.modelExtraRequisitioned;
  kit.init({
    ...sharedStart(programme, kommunkod, earlier),
    "grant.totalGrant": amountText(own.allocation + (own.modelExtraRequisitioned > 0 ? own.modelExtra : 0)),
    "grant.totalPaid": amountText(paid),
    "accounting.received": amountText(paid),
    "accounting.costs": "",
    "accounting.surveyAnswered": false,
    "signature.date": day,
    ...(corrected ? valuesOf(corrected.form as unknown as ReportForm) : {}),
  });

  const deadline = view.deadlines.report;
  append(main, [
    h("p", { class: "lead" }, view.title),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, m(TEXT.municipality)),
      h("dd", {}, `${own.kommun} (${kommunkod})`),
      h("dt", {}, m(TEXT.requisitioned)),
      h("dd", {}, kronor(paid)),
      deadline ? h("dt", {}, m(TEXT.due)) : null,
      deadline ? h("dd", {}, `${longDate(deadline)} (${daysLeft(deadline).text})`) : null,
    ),
    returnReason(corrected),
    kit.summary,
  ]);

  const sections = reportSections(kit, own, programme, unspentOut, deviationsBlock);
  deviationsBlock.hidden = kit.values["certification.alternative"] !== "2";
  const initialUnspent = unspentOf(kit.values);
  unspentOut.textContent = initialUnspent === undefined ? "—" : kronor(initialUnspent);

  const submitButton = h("button", { type: "submit", class: "button" }, m(TEXT.send));
  const status = h("p", { class: "form-status", role: "status" });
  const idempotencyKey = crypto.randomUUID();
  const form = h(
    "form",
    { novalidate: true, id: "report-form" },
    ...sections,
    h("div", { class: "actions" }, submitButton, status),
  );
  main.append(form);

  const example = exampleFiller(kit, () => valuesOf(sample));
  if (example) main.append(example);

  wireSubmit({
    form,
    kit,
    submitButton,
    status,
    idempotencyKey,
    // A returned submission is replaced by its corrected version; otherwise this is a new one.
    path: () =>
      corrected
        ? `/submissions/${encodeURIComponent(corrected.id)}/corrections`
        : `/programmes/${encodeURIComponent(programmeId)}/reports`,
  });
});
