import { genitiveEn, genitiveSv } from "../../../shared/forms/language.ts";
import { get } from "../api.ts";
import { h } from "../dom.ts";
import { daysLeft, kindText, kronor, longDate, statusBadge } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, setMunicipality } from "../layout.ts";
import { extraCounts } from "../model-extra.ts";
import { pageFile } from "../pages.ts";
import { stands } from "../standing.ts";
import type { OwnPosition, ProgrammeView } from "../types.ts";

/** The municipality's grants: own allocation, deadlines with days left, and every submission's status. */
const TEXT = {
  survey: { sv: "Enkät", en: "Survey" },
  surveyAtRequisition: {
    sv: "Kommuner som rekvirerar ska svara på Socialstyrelsens enkät: rekvisitionen bekräftar det. Den ekonomiska redovisningen anger om enkäten är besvarad.",
    en: "Municipalities that requisition must answer the National Board of Health and Welfare's survey: the requisition confirms it. The financial report says whether it has been answered.",
  },
  surveyAtReport: {
    sv: "Inget villkor vid rekvisitionen. Den ekonomiska redovisningen anger om enkäten är besvarad.",
    en: "No condition when requisitioning. The financial report says whether the survey has been answered.",
  },
  nothingSent: { sv: "Inget inskickat ännu.", en: "Nothing sent yet." },
  sent: { sv: "Inskickat", en: "Sent" },
  reference: { sv: "Referens", en: "Reference" },
  concerns: { sv: "Avser", en: "Concerns" },
  amount: { sv: "Belopp", en: "Amount" },
  requisition: { sv: "Rekvirera bidraget", en: "Requisition the grant" },
  requisitionExtra: { sv: "Rekvirera extra medel", en: "Requisition the extra funds" },
  report: { sv: "Lämna ekonomisk redovisning", en: "Submit the financial report" },
  reportWaits: {
    sv: "Ekonomisk redovisning lämnas när myndigheten har registrerat utbetalningen.",
    en: "The financial report is submitted once the agency has recorded the payment.",
  },
  lapsed: {
    sv: "Sista dag för rekvisition har passerat. Rätten till bidraget har förfallit.",
    en: "The last day to requisition has passed. The right to the grant has lapsed.",
  },
  receivingAgency: { sv: "mottagande myndighet", en: "receiving agency" },
  allocation: { sv: "Vår tilldelning", en: "Our allocation" },
  modelExtra: { sv: "Extra medel som modellkommun", en: "Model municipality extra" },
  extraLapsed: (amount: string) => ({
    sv: `Förfallna: ${amount} rekvirerades inte före sista dag.`,
    en: `Lapsed: ${amount} was not requisitioned by the deadline.`,
  }),
  paid: { sv: "Utbetalt", en: "Paid" },
  repaid: { sv: "Återbetalt", en: "Repaid" },
  requisitioned: { sv: "Rekvirerat", en: "Requisitioned" },
  toRepay: { sv: "Att återbetala", en: "To repay" },
  repayTo: (bankgiro: string, reference: string) => ({
    sv: `till bankgiro ${bankgiro}, med referens (OCR) ${reference}`,
    en: `to bankgiro ${bankgiro}, with the reference (OCR) ${reference}`,
  }),
  repayToAgency: (agency: string) => ({
    sv: `till ${agency}; myndigheten anger bankgiro och referens`,
    en: `to ${agency}; the agency gives the bankgiro and reference`,
  }),
  requisitionDeadline: { sv: "Sista dag för rekvisition", en: "Last day to requisition" },
  preferredDeadline: { sv: "Rekvirera helst före", en: "Preferably requisition before" },
  reportDeadline: { sv: "Ekonomisk redovisning senast", en: "Financial report due" },
  repaymentDeadline: { sv: "Återbetalning senast", en: "Repayment due" },
  closed: (on: string, reason: string) => ({
    sv: `Myndigheten stängde bidraget den ${on}: ${reason} Inget mer kan skickas in.`,
    en: `The agency closed the grant on ${on}: ${reason} Nothing more can be sent.`,
  }),
  noAllocation: {
    sv: "Ni har ingen tilldelning i detta bidrag.",
    en: "You have no allocation in this grant.",
  },
  heading: (kommun: string) => ({
    sv: `${genitiveSv(kommun)} statsbidrag`,
    en: `${genitiveEn(kommun)} state grants`,
  }),
  intro: {
    sv: "Här ser ni er tilldelning i varje statsbidrag, vilka datum som gäller och hur det går med det ni skickat in.",
    en: "Here you see your allocation in each grant, the dates that apply and how your submissions are doing.",
  },
} satisfies Texts;

function deadlineRow(label: string, date: string | null | undefined): HTMLElement[] {
  if (!date) return [];
  const left = daysLeft(date);
  return [
    h("dt", {}, label),
    h(
      "dd",
      {},
      longDate(date),
      " ",
      h(
        "span",
        { class: left.passed ? "days passed" : left.urgent ? "days urgent" : "days" },
        `(${left.text})`,
      ),
    ),
  ];
}

/** Whether requisitioning commits the municipality to Socialstyrelsen's survey (enkät). */
function surveyRow(p: ProgrammeView): HTMLElement[] {
  const survey = p.survey;
  return [
    h("dt", {}, m(TEXT.survey)),
    h(
      "dd",
      { "data-field": "survey" },
      m(survey.atRequisition ? TEXT.surveyAtRequisition : TEXT.surveyAtReport),
    ),
  ];
}

/** The model extra: its amount while it can be requisitioned (or was), or that it lapsed. */
function extraRow(own: OwnPosition): HTMLElement[] {
  if (own.modelExtra <= 0) return [];
  return [
    h("dt", {}, m(TEXT.modelExtra)),
    extraCounts(own)
      ? h("dd", { class: "amount", "data-field": "model-extra" }, kronor(own.modelExtra))
      : h("dd", { "data-field": "model-extra" }, m(TEXT.extraLapsed(kronor(own.modelExtra)))),
  ];
}

function submissionsList(own: OwnPosition): HTMLElement | null {
  const items = [
    ...own.requisitions.map((r) => ({
      ...r,
      label: `${kindText("requisition")} – ${kindText(r.grantKind)}`,
    })),
    ...own.reports.map((r) => ({ ...r, label: kindText("report") })),
  ];
  if (items.length === 0) return h("p", {}, m(TEXT.nothingSent));
  return h(
    "table",
    { class: "table" },
    h("caption", {}, m(TEXT.sent)),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, m(TEXT.reference)),
        h("th", { scope: "col" }, m(TEXT.concerns)),
        h("th", { scope: "col", class: "num" }, m(TEXT.amount)),
        h("th", { scope: "col" }, "Status"),
      ),
    ),
    h(
      "tbody",
      {},
      items.map((s) =>
        h(
          "tr",
          {},
          h(
            "td",
            {},
            h("a", { href: `${pageFile("submission")}?id=${encodeURIComponent(s.id)}` }, s.reference),
          ),
          h("td", {}, s.label),
          h("td", { class: "num" }, kronor(s.amount)),
          h("td", {}, statusBadge(s.status)),
        ),
      ),
    ),
  );
}

function actions(p: ProgrammeView, own: OwnPosition): HTMLElement {
  const links: HTMLElement[] = [];
  // A closed programme takes nothing more: say so, and offer nothing that would be refused.
  if (p.closed) {
    return h(
      "div",
      { class: "actions" },
      h(
        "p",
        { class: "notice notice-warning", id: `closed-${p.id}` },
        m(TEXT.closed(longDate(p.closed.on), p.closed.reason)),
      ),
    );
  }
  const open = daysLeft(p.deadlines.requisition).passed === false && !own.lapsed;
  // A refused or lapsed requisition gave its reservation back; a returned one is corrected instead.
  const taken = (kind: string) =>
    own.requisitions.some((r) => r.grantKind === kind && stands(r) && r.status !== "returned");
  const baseTaken = taken("base");
  const extraTaken = taken("model-extra");
  const q = `?programme=${encodeURIComponent(p.id)}`;
  if (open && !baseTaken && own.remaining > 0) {
    links.push(h("a", { class: "button", href: `${pageFile("requisition")}${q}` }, m(TEXT.requisition)));
  }
  if (open && extraCounts(own) && baseTaken && !extraTaken) {
    links.push(
      h(
        "a",
        { class: "button", href: `${pageFile("requisition")}${q}&kind=model-extra` },
        m(TEXT.requisitionExtra),
      ),
    );
  }
  const reported = own.reports.some((r) => stands(r) && r.status !== "returned");
  if (p.deadlines.report && baseTaken && !reported) {
    // The report accounts for the payment on record: until there is one, it has to wait.
    links.push(
      own.paid > 0
        ? h("a", { class: "button button-secondary", href: `${pageFile("report")}${q}` }, m(TEXT.report))
        : h("p", { class: "hint", id: `report-waits-${p.id}` }, m(TEXT.reportWaits)),
    );
  }
  if (!open && !baseTaken) {
    links.push(h("p", { class: "notice notice-warning" }, m(TEXT.lapsed)));
  }
  return h("div", { class: "actions" }, links);
}

function card(p: ProgrammeView): HTMLElement {
  const own = p.own;
  const id = `programme-${p.id}`;
  return h(
    "article",
    { class: "card", "aria-labelledby": id },
    h("h2", { id }, p.title),
    h("p", { class: "meta" }, `${p.grantingAgency} · ${m(TEXT.receivingAgency)} ${p.receivingAgency}`),
    own
      ? h(
          "dl",
          { class: "facts" },
          h("dt", {}, m(TEXT.allocation)),
          h("dd", { class: "amount" }, kronor(own.allocation)),
          ...extraRow(own),
          h("dt", {}, m(TEXT.requisitioned)),
          h("dd", {}, kronor(own.requisitioned + own.modelExtraRequisitioned)),
          ...(own.paid > 0
            ? [h("dt", {}, m(TEXT.paid)), h("dd", { "data-field": "paid" }, kronor(own.paid))]
            : []),
          ...(own.repaymentDue > 0
            ? [
                h("dt", {}, m(TEXT.toRepay)),
                h(
                  "dd",
                  { "data-field": "repayment-due" },
                  `${kronor(own.repaymentDue)} `,
                  h(
                    "span",
                    { "data-field": "repay-to" },
                    m(
                      own.repayTo
                        ? TEXT.repayTo(own.repayTo.bankgiro, own.repayTo.reference)
                        : TEXT.repayToAgency(p.receivingAgency),
                    ),
                  ),
                ),
              ]
            : []),
          ...(own.repaid > 0 ? [h("dt", {}, m(TEXT.repaid)), h("dd", {}, kronor(own.repaid))] : []),
          ...deadlineRow(m(TEXT.requisitionDeadline), p.deadlines.requisition),
          ...deadlineRow(m(TEXT.preferredDeadline), p.deadlines.preferredRequisition),
          ...deadlineRow(m(TEXT.reportDeadline), p.deadlines.report),
          ...deadlineRow(m(TEXT.repaymentDeadline), p.deadlines.repayment),
          ...surveyRow(p),
        )
      : h("p", {}, m(TEXT.noAllocation)),
    own ? submissionsList(own) : null,
    own && own.allocation + own.modelExtra > 0 ? actions(p, own) : null,
  );
}

await boot("programmes", "municipality", async ({ main }) => {
  const { programmes } = await get<{ programmes: ProgrammeView[] }>("/programmes");
  const kommun = programmes.find((p) => p.own?.kommun)?.own?.kommun;
  if (kommun) {
    setMunicipality(kommun);
    const heading = main.querySelector("h1");
    if (heading) heading.textContent = m(TEXT.heading(kommun));
  }
  // Newest first: the open programme is the one that matters.
  const sorted = [...programmes].sort((a, b) => b.year - a.year);
  main.append(h("p", { class: "lead" }, m(TEXT.intro)), ...sorted.map(card));
});
