import type { Answers, Question } from "../programmes/questions.ts";
import type { Programme } from "../programmes/schema.ts";
import { RECIPIENT_KIND_SV, recipientByCode } from "../recipients/registry.ts";
import type { SubmissionStatus } from "../submissions/model.ts";
import { type Cell, toCsv } from "./csv.ts";
import type { Position, PositionStatus } from "./overview.ts";

/** The export speaks Swedish by default (the agency's Excel); `en` keeps the stable keys scripts read. */
export type ExportLanguage = "sv" | "en";

/**
 * What a payment is charged to, as the agreement says ("utgiftsområde 9, anslag 4:5, anslagspost
 * 8"): the programme's, since one programme draws on one anslagspost.
 */
export function appropriationText(a: Programme["appropriation"]): string | undefined {
  return a
    ? `UO ${a.expenditureArea} anslag ${a.anslag} ap. ${a.anslagspost} ${a.anslagspostName}`
    : undefined;
}

const POSITION_SV: Record<PositionStatus, string> = {
  "not-requisitioned": "Ej rekvirerat",
  lapsed: "Förfallet",
  requisitioned: "Rekvirerat",
  "report-overdue": "Redovisning försenad",
  "reclaim-listed": "Listad för återkrav",
  reported: "Redovisat",
  "repayment-due": "Återbetalning väntas",
  "repayment-overdue": "Återbetalning försenad",
};

const SUBMISSION_SV: Record<SubmissionStatus, string> = {
  "awaiting-original": "Väntar på underskrivet original",
  "original-rejected": "Originalet godtogs inte",
  received: "Mottagen",
  approved: "Godkänd",
  "payment-proposed": "Utbetalning föreslagen, ej attesterad",
  returned: "Återsänd för komplettering",
  replaced: "Ersatt av rättad version",
  refused: "Avslagen",
  paid: "Utbetald",
  lapsed: "Förfallen",
};

interface Context {
  lang: ExportLanguage;
  appropriation: string | undefined;
  /** The answers to the programme's own questions, by submission id. */
  answers: ReadonlyMap<string, Answers>;
}

const position = (s: PositionStatus, c: Context) => (c.lang === "sv" ? POSITION_SV[s] : s);
const submission = (s: SubmissionStatus | undefined, c: Context) =>
  s === undefined ? undefined : c.lang === "sv" ? SUBMISSION_SV[s] : s;
const yesNo = (b: boolean | undefined, c: Context) =>
  b === undefined ? undefined : c.lang === "sv" ? (b ? "ja" : "nej") : b ? "yes" : "no";

const kindOf = (code: string, c: Context) => {
  const kind = recipientByCode(code)?.kind;
  return kind === undefined ? undefined : c.lang === "sv" ? RECIPIENT_KIND_SV[kind] : kind;
};

type Column = [key: string, sv: string, read: (p: Position, c: Context) => Cell];

/** The export's columns, in order: the English key, the Swedish header, and how each is read. */
const COLUMNS: readonly Column[] = [
  ["kommunkod", "Mottagarkod", (p) => p.kommunkod],
  ["kommun", "Mottagare", (p) => p.kommun],
  ["recipientKind", "Mottagartyp", (p, c) => kindOf(p.kommunkod, c)],
  ["allocation", "Tilldelning (kr)", (p) => p.allocation],
  ["modelExtra", "Extra medel modellkommun (kr)", (p) => p.modelExtra],
  ["requisitioned", "Rekvirerat (kr)", (p) => p.requisitioned],
  ["modelExtraRequisitioned", "Rekvirerat extra medel (kr)", (p) => p.modelExtraRequisitioned],
  ["lapsed", "Förfallet (kr)", (p) => p.lapsed],
  ["notYetRequisitioned", "Ännu inte rekvirerat (kr)", (p) => p.notYetRequisitioned],
  ["status", "Läge", (p, c) => position(p.status, c)],
  ["requisitionReference", "Rekvisition", (p) => p.requisition?.reference],
  ["requisitionReceivedOn", "Rekvisition inkom", (p) => p.requisition?.receivedOn],
  ["requisitionStatus", "Rekvisitionens status", (p, c) => submission(p.requisition?.status, c)],
  ["modelExtraReference", "Rekvisition extra medel", (p) => p.extraRequisition?.reference],
  ["modelExtraReceivedOn", "Rekvisition extra medel inkom", (p) => p.extraRequisition?.receivedOn],
  ["lapsedOn", "Förföll", (p) => p.lapsedOn],
  ["paid", "Utbetalt (kr)", (p) => p.paid],
  ["paidOn", "Utbetalt den", (p) => p.paidOn],
  ["paidFromAppropriation", "Anslag", (p, c) => (p.paid > 0 ? c.appropriation : undefined)],
  ["paymentProposed", "Utbetalning föreslagen, ej attesterad (kr)", (p) => p.paymentProposed],
  ["reportReference", "Redovisning", (p) => p.report?.reference],
  ["reportReceivedOn", "Redovisning inkom", (p) => p.report?.receivedOn],
  ["reportStatus", "Redovisningens status", (p, c) => submission(p.report?.status, c)],
  ["reportLate", "Redovisning sen", (p, c) => yesNo(p.report?.late, c)],
  ["reportReceived", "Erhållet enligt redovisningen (kr)", (p) => p.report?.received],
  ["reportCosts", "Kostnader (kr)", (p) => p.report?.costs],
  ["unspent", "Ej förbrukat (kr)", (p) => p.report?.unspent],
  ["reportOverdueSince", "Redovisning försenad sedan", (p) => p.reportOverdueSince],
  ["reclaimListedOn", "Listad för återkrav den", (p) => p.reclaimListedOn],
  ["repaymentDue", "Att återbetala (kr)", (p) => p.repaymentDue],
  ["repaymentDueBy", "Återbetalas senast", (p) => p.repaymentDueBy],
  ["repaid", "Återbetalt (kr)", (p) => p.repaid],
  ["repaidOn", "Återbetalt den", (p) => p.repaidOn],
  ["repaymentProposed", "Återbetalning föreslagen, ej attesterad (kr)", (p) => p.repaymentProposed],
  ["repaymentOutstanding", "Kvar att återbetala (kr)", (p) => p.repaymentOutstanding],
];

/** The English keys, as `?lang=en` heads its columns. */
export const EXPORT_HEADER = COLUMNS.map(([key]) => key);
export const EXPORT_HEADER_SV = COLUMNS.map(([, sv]) => sv);

/**
 * One column per question the programme asks, after the fixed ones: the answer in the standing
 * requisition (or report) of each municipality, "ja"/"nej" for a yes-no question.
 */
function questionColumns(questions: readonly Question[]): Column[] {
  return questions.map((q) => [
    `answer.${q.id}`,
    `Svar: ${q.label.sv}`,
    (p, c) => {
      const ref = q.at === "requisition" ? p.requisition : p.report;
      const answer = ref ? c.answers.get(ref.id)?.[q.id] : undefined;
      // Yes/no as the export's other yes/no columns write it ("ja"/"nej", "yes"/"no").
      return typeof answer === "boolean" ? yesNo(answer, c) : answer;
    },
  ]);
}

/** What the export needs of the programme besides the positions, and the answers by submission id. */
export interface ExportFacts {
  appropriation: Programme["appropriation"];
  questions?: readonly Question[] | undefined;
  answers?: ReadonlyMap<string, Answers>;
}

/** GET /programmes/{id}/export.csv: one row per municipality; payments name the appropriation. */
export function exportCsv(
  list: readonly Position[],
  facts: ExportFacts = { appropriation: null },
  lang: ExportLanguage = "sv",
): string {
  const c: Context = {
    lang,
    appropriation: appropriationText(facts.appropriation),
    answers: facts.answers ?? new Map(),
  };
  const columns = [...COLUMNS, ...questionColumns(facts.questions ?? [])];
  const header = columns.map(([key, sv]) => (lang === "sv" ? sv : key));
  return toCsv([header, ...list.map((p) => columns.map(([, , read]) => read(p, c)))]);
}
