import "../zod-setup.ts";
import { parseReport, type ReportForm, sampleReport, validateReport } from "../../../shared/forms/index.ts";
import { genitiveSv } from "../../../shared/forms/language.ts";
import { expectedUnspent } from "../../../shared/forms/rules/unspent.ts";
import { get } from "../api.ts";
import { today } from "../config.ts";
import { append, h, param } from "../dom.ts";
import { amountText, parseAmount } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { liveErrors } from "../form-kit/live-errors.ts";
import type { Value } from "../form-kit/types.ts";
import { daysLeft, kronor, longDate, statusText } from "../format.ts";
import {
  AGREEMENT_FIELDS,
  fields,
  PERIOD_FIELDS,
  RECIPIENT_FIELDS,
  SIGNATURE_FIELDS,
} from "../forms/common-fields.ts";
import { exampleFiller } from "../forms/example-filler.ts";
import { recipientInput, recipientValues } from "../forms/recipient.ts";
import { section } from "../forms/section.ts";
import { wireSubmit } from "../forms/submit.ts";
import { lang } from "../i18n.ts";
import { boot, setMunicipality, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";
import { validationProgramme } from "../programme.ts";
import type { OwnPosition, ProgrammeView, Submission, SubmissionDetail } from "../types.ts";

/**
 * Bilaga 2, ekonomisk redovisning: the same four sections as on paper. "Medel som inte har
 * förbrukats" is not typed but computed as you type, by the rule the API checks it with.
 */
const amounts = (v: Record<string, Value>, path: string) => parseAmount(String(v[path] ?? ""));

function unspentOf(v: Record<string, Value>): number | undefined {
  const received = amounts(v, "accounting.received");
  const costs = amounts(v, "accounting.costs");
  return typeof received === "number" && typeof costs === "number" && received >= 0 && costs >= 0
    ? expectedUnspent(received, costs)
    : undefined;
}

function toInput(v: Record<string, Value>): Record<string, unknown> {
  const s = (path: string) => String(v[path] ?? "");
  const alternative = s("certification.alternative");
  const deviations = s("certification.deviations").trim();
  const measures = s("certification.measures").trim();
  return {
    recipient: recipientInput(v),
    grant: {
      agreementDiarienummer: s("grant.agreementDiarienummer"),
      decisionDiarienummer: s("grant.decisionDiarienummer"),
      agreementTitle: s("grant.agreementTitle"),
      totalGrant: amounts(v, "grant.totalGrant"),
      totalPaid: amounts(v, "grant.totalPaid"),
      period: { from: s("grant.period.from"), to: s("grant.period.to") },
    },
    accounting: {
      received: amounts(v, "accounting.received"),
      costs: amounts(v, "accounting.costs"),
      // Computed; while received or costs are not amounts yet, their own errors are what matter.
      unspent: unspentOf(v) ?? 0,
      surveyAnswered: v["accounting.surveyAnswered"] === true,
    },
    certification: {
      alternative: alternative === "1" ? 1 : alternative === "2" ? 2 : undefined,
      // Only alternative 2 describes deviations and measures.
      ...(alternative === "2" && deviations ? { deviations } : {}),
      ...(alternative === "2" && measures ? { measures } : {}),
      name: s("certification.name"),
      title: s("certification.title"),
      phone: s("certification.phone"),
      email: s("certification.email"),
    },
    signature: { date: s("signature.date"), signatory: s("signature.signatory") },
  };
}

function valuesOf(form: ReportForm): Record<string, Value> {
  return {
    ...recipientValues(form.recipient),
    "grant.agreementDiarienummer": form.grant.agreementDiarienummer,
    "grant.decisionDiarienummer": form.grant.decisionDiarienummer,
    "grant.agreementTitle": form.grant.agreementTitle,
    "grant.totalGrant": amountText(form.grant.totalGrant),
    "grant.totalPaid": amountText(form.grant.totalPaid),
    "grant.period.from": form.grant.period.from,
    "grant.period.to": form.grant.period.to,
    "accounting.received": amountText(form.accounting.received),
    "accounting.costs": amountText(form.accounting.costs),
    "accounting.surveyAnswered": form.accounting.surveyAnswered,
    "certification.alternative": String(form.certification.alternative),
    "certification.deviations": form.certification.deviations ?? "",
    "certification.measures": form.certification.measures ?? "",
    "certification.name": form.certification.name,
    "certification.title": form.certification.title,
    "certification.phone": form.certification.phone,
    "certification.email": form.certification.email,
    "signature.date": form.signature.date,
    "signature.signatory": form.signature.signatory,
  };
}

/** One report per programme: once one is in (and not returned), the page points to it instead. */
function alreadyReported(report: OwnPosition["reports"][number]): HTMLElement {
  const sv = lang() === "sv";
  return h(
    "div",
    { class: "notice notice-info", id: "already-reported" },
    h("h2", {}, sv ? "Redovisningen är redan inlämnad" : "The report has already been sent"),
    h(
      "p",
      {},
      sv
        ? "Kommunen har lämnat ekonomisk redovisning för bidraget: "
        : "The municipality has sent its financial report for this grant: ",
      h("a", { href: `${pageFile("submission")}?id=${encodeURIComponent(report.id)}` }, report.reference),
      ` (${statusText(report.status)}).`,
    ),
    h(
      "p",
      {},
      sv
        ? "Om handläggaren skickar tillbaka den rättar ni den från inlämningens sida."
        : "If the officer returns it, you correct it from the submission's page.",
    ),
    h("p", {}, h("a", { href: pageFile("programmes") }, sv ? "Till våra statsbidrag" : "To our grants")),
  );
}

await boot("report", "municipality", async ({ session, main }) => {
  const sv = lang() === "sv";
  const programmeId = param("programme") ?? "";
  const view = await get<ProgrammeView>(`/programmes/${encodeURIComponent(programmeId)}`);
  const own = view.own;
  const kommunkod = session.kommunkod ?? "";
  if (!own?.kommun) throw new Error(sv ? "Kommunen saknar tilldelning." : "No allocation.");
  setTitle("report", view.title);
  setMunicipality(own.kommun);
  const active = own.reports.find((r) => r.status !== "returned");
  if (active) {
    main.append(h("p", { class: "lead" }, view.title), alreadyReported(active));
    return;
  }
  const programme = validationProgramme(view);
  const day = today();

  const from = param("from");
  const corrected = from
    ? (await get<SubmissionDetail>(`/submissions/${encodeURIComponent(from)}`)).submission
    : undefined;
  const { submissions } = await get<{ submissions: Submission[] }>("/submissions");
  const newest = [...submissions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const previous = newest[0]?.form as Partial<ReportForm> | undefined;
  const sameProgramme = newest.find((x) => x.programmeId === programmeId)?.form as
    | Partial<ReportForm>
    | undefined;

  const sample = sampleReport(programme, kommunkod, day);
  const rules = (form: ReportForm) => validateReport(form, programme, kommunkod, day);
  const unspentOut = h(
    "output",
    { id: "unspent", class: "computed", for: "f-accounting-received f-accounting-costs" },
    "—",
  );
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
        "certification.measures": ["certification.alternative"],
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
    "recipient.name": `${genitiveSv(own.kommun)} kommun`,
    ...recipientValues(previous?.recipient),
    "grant.agreementTitle": view.title,
    // The case numbers are on the agreement; until officers enter them, reuse what was given before.
    "grant.agreementDiarienummer":
      view.agreementDiarienummer ?? sameProgramme?.grant?.agreementDiarienummer ?? "",
    "grant.decisionDiarienummer":
      view.decisionDiarienummer ?? sameProgramme?.grant?.decisionDiarienummer ?? "",
    "grant.totalGrant": amountText(own.allocation + (own.modelExtraRequisitioned > 0 ? own.modelExtra : 0)),
    "grant.totalPaid": amountText(paid),
    "grant.period.from": view.grantPeriod.from,
    "grant.period.to": view.grantPeriod.to,
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
      h("dt", {}, sv ? "Kommun" : "Municipality"),
      h("dd", {}, `${own.kommun} (${kommunkod})`),
      h("dt", {}, sv ? "Rekvirerat" : "Requisitioned"),
      h("dd", {}, kronor(paid)),
      deadline ? h("dt", {}, sv ? "Redovisning senast" : "Report due") : null,
      deadline ? h("dd", {}, `${longDate(deadline)} (${daysLeft(deadline).text})`) : null,
    ),
    corrected?.statusReason
      ? h(
          "div",
          { class: "notice notice-warning" },
          h(
            "p",
            {},
            `${sv ? "Handläggarens motivering" : "The officer's reason"}: ${corrected.statusReason}`,
          ),
        )
      : null,
    kit.summary,
  ]);

  deviationsBlock.append(
    kit.field({
      path: "certification.deviations",
      kind: "textarea",
      label: { sv: "Avvikelser", en: "Deviations" },
      hint: {
        sv: "Vad är inte korrekt, eller vad har inte använts enligt överenskommelsen?",
        en: "What is not correct, or not used as agreed?",
      },
    }),
    kit.field({
      path: "certification.measures",
      kind: "textarea",
      label: { sv: "Åtgärder", en: "Measures" },
      hint: {
        sv: "Vad har kommunen gjort eller gör åt avvikelserna?",
        en: "What has the municipality done about the deviations?",
      },
    }),
  );
  deviationsBlock.hidden = kit.values["certification.alternative"] !== "2";
  const initialUnspent = unspentOf(kit.values);
  unspentOut.textContent = initialUnspent === undefined ? "—" : kronor(initialUnspent);

  const submitButton = h(
    "button",
    { type: "submit", class: "button" },
    sv ? "Skicka in redovisningen" : "Send the report",
  );
  const status = h("p", { class: "form-status", role: "status" });
  const idempotencyKey = crypto.randomUUID();
  const form = h(
    "form",
    { novalidate: true, id: "report-form" },
    section(
      "s1",
      { sv: "1. Kontaktuppgifter", en: "1. Contact details" },
      null,
      ...fields(kit, RECIPIENT_FIELDS),
    ),
    section(
      "s2",
      { sv: "2. Bidrag som redovisningen avser", en: "2. Grant reported on" },
      null,
      ...fields(kit, AGREEMENT_FIELDS),
      h("div", { class: "field-row" }, ...fields(kit, PERIOD_FIELDS)),
      kit.field({
        path: "grant.totalGrant",
        kind: "amount",
        label: {
          sv: "Summa bidrag enligt överenskommelsen (kr)",
          en: "Total grant under the agreement (SEK)",
        },
        hint: {
          sv: `Kommunens del ${kronor(own.allocation)}${own.modelExtra > 0 ? `, med extra medel som modellkommun ${kronor(own.allocation + own.modelExtra)}` : ""}.`,
          en: `The municipality's share ${kronor(own.allocation)}${own.modelExtra > 0 ? `, with the model municipality extra ${kronor(own.allocation + own.modelExtra)}` : ""}.`,
        },
      }),
      kit.field({
        path: "grant.totalPaid",
        kind: "amount",
        label: { sv: "Utbetalt bidrag (kr)", en: "Grant paid out (SEK)" },
        hint: { sv: "Det som har betalats ut till kommunen.", en: "What has been paid to the municipality." },
      }),
    ),
    section(
      "s3",
      { sv: "3. Redovisning", en: "3. Accounts" },
      {
        sv: "Medel som inte har förbrukats räknas ut medan du skriver: erhållet bidrag minus totala kostnader, lägst 0 kr. Det beloppet ska betalas tillbaka.",
        en: "Unspent funds are computed as you type: grant received minus total costs, at least 0 kr. That amount is to be repaid.",
      },
      kit.field({
        path: "accounting.received",
        kind: "amount",
        label: { sv: "Erhållet bidrag (kr)", en: "Grant received (SEK)" },
      }),
      kit.field({
        path: "accounting.costs",
        kind: "amount",
        label: { sv: "Totala kostnader (kr)", en: "Total costs (SEK)" },
      }),
      h(
        "div",
        { class: "field" },
        h(
          "p",
          { class: "label", id: "unspent-label" },
          h("strong", {}, sv ? "Medel som inte har förbrukats" : "Unspent funds"),
        ),
        unspentOut,
      ),
      kit.field({
        path: "accounting.surveyAnswered",
        kind: "checkbox",
        label: {
          sv: "Kommunen har besvarat Socialstyrelsens enkät",
          en: "The municipality has answered the National Board of Health and Welfare's survey",
        },
        ...(programme.surveyRequired
          ? {
              hint: {
                sv: "Överenskommelsen kräver att enkäten är besvarad.",
                en: "The agreement requires the survey to be answered.",
              },
            }
          : {}),
      }),
    ),
    section(
      "s4",
      { sv: "4. Granskning och underskrift", en: "4. Review and signature" },
      {
        sv: "Redovisningen ska granskas av kommunens revisor eller någon med motsvarande uppdrag, som väljer ett av två alternativ. Båda alternativen godtas; alternativ 2 kräver att avvikelserna och åtgärderna beskrivs.",
        en: "The report must be reviewed by the municipality's auditor or someone in an equivalent role, who chooses one of two alternatives. Both are accepted; alternative 2 requires the deviations and measures to be described.",
      },
      kit.field({
        path: "certification.alternative",
        kind: "radio",
        legend: { sv: "Granskarens bedömning", en: "The reviewer's assessment" },
        options: [
          {
            value: "1",
            label: {
              sv: "Alternativ 1: redovisningen är korrekt",
              en: "Alternative 1: the report is correct",
            },
            hint: {
              sv: "Granskaren bedömer att redovisningen är korrekt och att medlen har använts i enlighet med överenskommelsen.",
              en: "The reviewer finds the report correct and the funds used as agreed.",
            },
          },
          {
            value: "2",
            label: {
              sv: "Alternativ 2: redovisningen är inte korrekt i alla delar",
              en: "Alternative 2: the report is not correct in every part",
            },
            hint: {
              sv: "Granskaren bedömer att redovisningen inte i alla delar är korrekt eller att medlen inte helt har använts enligt överenskommelsen. Beskriv avvikelser och åtgärder.",
              en: "The reviewer finds the report not correct in every part, or the funds not fully used as agreed. Describe deviations and measures.",
            },
          },
        ],
      }),
      deviationsBlock,
      kit.field({
        path: "certification.name",
        kind: "text",
        label: { sv: "Granskarens namn", en: "Reviewer's name" },
        autocomplete: "name",
      }),
      kit.field({
        path: "certification.title",
        kind: "text",
        label: { sv: "Granskarens befattning", en: "Reviewer's position" },
        width: "m",
      }),
      kit.field({
        path: "certification.phone",
        kind: "tel",
        label: { sv: "Granskarens telefon", en: "Reviewer's phone" },
        width: "m",
      }),
      kit.field({
        path: "certification.email",
        kind: "email",
        label: { sv: "Granskarens e-post", en: "Reviewer's e-mail" },
      }),
      ...fields(kit, SIGNATURE_FIELDS),
    ),
    h("div", { class: "actions" }, submitButton, status),
  );
  main.append(form);
  unspentOut.setAttribute("aria-labelledby", "unspent-label");

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
