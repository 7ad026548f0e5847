import "../zod-setup.ts";
import {
  parseRequisition,
  type RequisitionForm,
  sampleRequisition,
  validateRequisition,
} from "../../../shared/forms/index.ts";
import { genitiveSv } from "../../../shared/forms/language.ts";
import { get } from "../api.ts";
import { today } from "../config.ts";
import { append, h, param } from "../dom.ts";
import { amountText, parseAmount } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { liveErrors } from "../form-kit/live-errors.ts";
import type { Value } from "../form-kit/types.ts";
import { daysLeft, kronor, longDate } from "../format.ts";
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
import { validationProgramme } from "../programme.ts";
import type { ProgrammeView, Submission, SubmissionDetail } from "../types.ts";

/** Bilaga 2, rekvisition: four sections as on paper, checked live by the API's own schema and rules. */
function toInput(v: Record<string, Value>): Record<string, unknown> {
  const s = (path: string) => String(v[path] ?? "");
  const reference = s("payment.reference").trim();
  return {
    recipient: recipientInput(v),
    grant: {
      agreementDiarienummer: s("grant.agreementDiarienummer"),
      decisionDiarienummer: s("grant.decisionDiarienummer"),
      agreementTitle: s("grant.agreementTitle"),
      amount: parseAmount(s("grant.amount")),
      kind: s("grant.kind") || undefined,
      period: { from: s("grant.period.from"), to: s("grant.period.to") },
    },
    payment: {
      method: s("payment.method") || undefined,
      account: s("payment.account"),
      ...(reference ? { reference } : {}),
    },
    signature: { date: s("signature.date"), signatory: s("signature.signatory") },
  };
}

function valuesOf(form: RequisitionForm): Record<string, Value> {
  return {
    ...recipientValues(form.recipient),
    "grant.agreementDiarienummer": form.grant.agreementDiarienummer,
    "grant.decisionDiarienummer": form.grant.decisionDiarienummer,
    "grant.agreementTitle": form.grant.agreementTitle,
    "grant.amount": amountText(form.grant.amount),
    "grant.kind": form.grant.kind,
    "grant.period.from": form.grant.period.from,
    "grant.period.to": form.grant.period.to,
    "payment.method": form.payment.method,
    "payment.account": form.payment.account,
    "payment.reference": form.payment.reference ?? "",
    "signature.date": form.signature.date,
    "signature.signatory": form.signature.signatory,
  };
}

await boot("requisition", "municipality", async ({ session, main }) => {
  const programmeId = param("programme") ?? "";
  const view = await get<ProgrammeView>(`/programmes/${encodeURIComponent(programmeId)}`);
  const own = view.own;
  const kommunkod = session.kommunkod ?? "";
  if (!own?.kommun) throw new Error(lang() === "sv" ? "Kommunen saknar tilldelning." : "No allocation.");
  setTitle("requisition", view.title);
  setMunicipality(own.kommun);
  const programme = validationProgramme(view);
  const day = today();
  const hasExtra = own.modelExtra > 0;
  const extraLeft = own.modelExtra - own.modelExtraRequisitioned;
  const wantsExtra = param("kind") === "model-extra" || (own.requisitioned > 0 && hasExtra);
  const kind = hasExtra && wantsExtra ? "model-extra" : "base";

  // A returned submission is corrected from what was sent; otherwise contact details come from
  // the municipality's latest submission, so they are typed once.
  const from = param("from");
  const corrected = from
    ? (await get<SubmissionDetail>(`/submissions/${encodeURIComponent(from)}`)).submission
    : undefined;
  const { submissions } = await get<{ submissions: Submission[] }>("/submissions");
  const newest = [...submissions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const previous = newest[0]?.form as Partial<RequisitionForm> | undefined;
  const sameProgramme = newest.find((x) => x.programmeId === programmeId)?.form as
    | Partial<RequisitionForm>
    | undefined;

  const sample = sampleRequisition(programme, kommunkod, day);
  const rules = (form: RequisitionForm) => validateRequisition(form, programme, kommunkod, day);
  const kit = new FormKit({
    toInput,
    validate: (input) =>
      liveErrors(input, sample, parseRequisition, rules, {
        "grant.amount": ["grant.kind"],
        "grant.period.to": ["grant.period.from"],
        "grant.period.from": ["grant.period.to"],
      }),
    draftKey: `statsbidrag.draft.requisition.${programmeId}.${kind}${from ? `.${from}` : ""}`,
  });
  kit.init({
    "recipient.name": `${genitiveSv(own.kommun)} kommun`,
    ...recipientValues(previous?.recipient),
    "grant.agreementTitle": view.title,
    // The case numbers are on the agreement; until officers enter them, reuse what was given before.
    "grant.agreementDiarienummer":
      view.agreementDiarienummer ?? sameProgramme?.grant?.agreementDiarienummer ?? "",
    "grant.decisionDiarienummer":
      view.decisionDiarienummer ?? sameProgramme?.grant?.decisionDiarienummer ?? "",
    "grant.kind": kind,
    "grant.amount": amountText(kind === "base" ? own.remaining : extraLeft),
    "grant.period.from": view.grantPeriod.from,
    "grant.period.to": view.grantPeriod.to,
    "payment.method": previous?.payment?.method ?? "bankgiro",
    "payment.account": previous?.payment?.account ?? "",
    "payment.reference": previous?.payment?.reference ?? `Statsbidrag ${view.year}`,
    "signature.date": day,
    "signature.signatory": "",
    ...(corrected
      ? { ...valuesOf(corrected.form as unknown as RequisitionForm), "signature.date": day }
      : {}),
  });

  const deadline = daysLeft(view.deadlines.requisition);
  const sv = lang() === "sv";
  append(main, [
    h("p", { class: "lead" }, view.title),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, sv ? "Kommun" : "Municipality"),
      h("dd", {}, `${own.kommun} (${kommunkod})`),
      h("dt", {}, sv ? "Tilldelning" : "Allocation"),
      h("dd", {}, kronor(own.allocation)),
      hasExtra ? h("dt", {}, sv ? "Extra medel som modellkommun" : "Model municipality extra") : null,
      hasExtra ? h("dd", {}, kronor(own.modelExtra)) : null,
      h("dt", {}, sv ? "Sista dag för rekvisition" : "Last day to requisition"),
      h("dd", {}, `${longDate(view.deadlines.requisition)} (${deadline.text})`),
    ),
    h(
      "p",
      {},
      sv
        ? "Uppgifterna kontrolleras medan du skriver, med samma regler som när de tas emot. När rekvisitionen är inskickad får du ett kvitto och blanketten ifylld som PDF. Skriv ut den, låt behörig företrädare skriva under och ladda upp en skanning."
        : "Your entries are checked as you type, by the same rules that apply on receipt. When the requisition is sent you get a receipt and the form filled in as a PDF. Print it, have an authorised representative sign it, and upload a scan.",
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

  const submitButton = h(
    "button",
    { type: "submit", class: "button" },
    sv ? "Skicka in rekvisitionen" : "Send the requisition",
  );
  const status = h("p", { class: "form-status", role: "status" });
  const idempotencyKey = crypto.randomUUID();
  const form = h(
    "form",
    { novalidate: true, id: "requisition-form", "aria-describedby": "error-summary" },
    section(
      "s1",
      { sv: "1. Kontaktuppgifter", en: "1. Contact details" },
      null,
      ...fields(kit, RECIPIENT_FIELDS),
    ),
    section(
      "s2",
      { sv: "2. Bidrag som ansökan avser", en: "2. Grant applied for" },
      {
        sv: "Uppgifterna finns i överenskommelsen och regeringsbeslutet.",
        en: "The details are in the agreement and the government decision.",
      },
      ...fields(kit, AGREEMENT_FIELDS),
      ...(hasExtra
        ? [
            kit.field({
              path: "grant.kind",
              kind: "radio",
              legend: { sv: "Vad rekvireras?", en: "What is requisitioned?" },
              options: [
                {
                  value: "base",
                  label: {
                    sv: `Kommunens del (${kronor(own.allocation)})`,
                    en: `The municipality's share (${kronor(own.allocation)})`,
                  },
                },
                {
                  value: "model-extra",
                  label: {
                    sv: `Extra medel som modellkommun (${kronor(own.modelExtra)})`,
                    en: `Extra funds as a model municipality (${kronor(own.modelExtra)})`,
                  },
                  hint: {
                    sv: "Rekvireras separat, efter kommunens egen del.",
                    en: "Requisitioned separately, after the municipality's own share.",
                  },
                },
              ],
            }),
          ]
        : []),
      kit.field({
        path: "grant.amount",
        kind: "amount",
        label: { sv: "Belopp som rekvireras (kr)", en: "Amount requisitioned (SEK)" },
        hint: {
          sv: `Hela kronor. Högst ${kronor(own.remaining)} av kommunens del${hasExtra ? ` eller ${kronor(extraLeft)} extra medel` : ""}.`,
          en: `Whole kronor. At most ${kronor(own.remaining)} of the municipality's share${hasExtra ? ` or ${kronor(extraLeft)} extra funds` : ""}.`,
        },
      }),
      h("div", { class: "field-row" }, ...fields(kit, PERIOD_FIELDS)),
    ),
    section(
      "s3",
      { sv: "3. Uppgifter för utbetalning", en: "3. Payment details" },
      null,
      kit.field({
        path: "payment.method",
        kind: "radio",
        legend: { sv: "Betalningssätt", en: "Payment method" },
        options: [
          { value: "bankgiro", label: { sv: "Bankgiro", en: "Bankgiro" } },
          { value: "plusgiro", label: { sv: "Plusgiro", en: "Plusgiro" } },
        ],
      }),
      kit.field({
        path: "payment.account",
        kind: "text",
        label: { sv: "Bankgiro- eller plusgironummer", en: "Bankgiro or plusgiro number" },
        hint: {
          sv: "T.ex. 5128-1007 (bankgiro) eller 4 47 51-5 (plusgiro).",
          en: "E.g. 5128-1007 (bankgiro) or 4 47 51-5 (plusgiro).",
        },
        width: "m",
      }),
      kit.field({
        path: "payment.reference",
        kind: "text",
        label: { sv: "Referens på utbetalningen", en: "Reference on the payment" },
        optional: true,
        width: "m",
      }),
    ),
    section(
      "s4",
      { sv: "4. Underskrift", en: "4. Signature" },
      {
        sv: "Rekvisitionen ska skrivas under av behörig företrädare. Du skriver ut den ifyllda blanketten efter inskickningen.",
        en: "The requisition must be signed by an authorised representative. You print the filled-in form after sending.",
      },
      ...fields(kit, SIGNATURE_FIELDS),
    ),
    h("div", { class: "actions" }, submitButton, status),
  );
  main.append(form);

  const example = exampleFiller(kit, () =>
    valuesOf({
      ...sample,
      grant: { ...sample.grant, kind, amount: kind === "base" ? own.remaining : extraLeft },
    }),
  );
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
        : `/programmes/${encodeURIComponent(programmeId)}/requisitions`,
  });
});
