import { formatKronor } from "../../money.ts";
import { pageLink } from "../links.ts";
import { type RenderedMail, type Row, render } from "./layout.ts";

/** Mails about a programme to a municipality: the announcement and the reminders. */
export interface ProgrammeFacts {
  programmeId: string;
  programmeTitle: string;
  receivingAgency: string;
  agreementDiarienummer: string | null;
  decisionDiarienummer: string | null;
  deadlines: {
    requisition: string;
    preferredRequisition?: string;
    report: string | null;
    repayment: string | null;
  };
  /** Base URL of the web pages, when configured. */
  webBaseUrl?: string;
}

export interface MunicipalFacts {
  kommun: string;
  kommunkod: string;
  allocation: number;
  modelExtra: number;
}

const LAPSE_RULE = "Rätten till bidraget förfaller om rekvisition inte inkommit inom denna tid.";
const RECLAIM_RULE = "Om redovisningen inte inkommer i tid kan regeringen återkräva stödet.";

function diarienummerRows(p: ProgrammeFacts): Row[] {
  const missing = "anges i överenskommelsen";
  return [
    ["Diarienummer, överenskommelsen", p.agreementDiarienummer ?? missing],
    ["Diarienummer, beslut om utbetalning", p.decisionDiarienummer ?? missing],
  ];
}

function deadlineRows(p: ProgrammeFacts): Row[] {
  const rows: Row[] = [];
  if (p.deadlines.preferredRequisition) {
    rows.push(["Rekvisition bör om möjligt ske före", p.deadlines.preferredRequisition]);
  }
  rows.push(["Sista dag för rekvisition", p.deadlines.requisition]);
  if (p.deadlines.report) rows.push(["Sista dag för ekonomisk redovisning", p.deadlines.report]);
  if (p.deadlines.repayment) rows.push(["Ej förbrukade medel återbetalas senast", p.deadlines.repayment]);
  return rows;
}

function howTo(p: ProgrammeFacts, what: "requisition" | "report"): string {
  const web = pageLink(p.webBaseUrl, what === "requisition" ? "requisition.html" : "report.html", {
    programme: p.programmeId,
  });
  const form = what === "requisition" ? "rekvisitionen" : "den ekonomiska redovisningen";
  const where = web ? `på ${web}` : "i statsbidrag";
  return `Fyll i ${form} (Bilaga 2) ${where}, skriv ut den, låt behörig företrädare underteckna den och ladda upp en skanning av originalet.`;
}

/** Sent once per municipality when officers open a programme: its own figures and how to claim them. */
export function announcementMail(p: ProgrammeFacts, m: MunicipalFacts): RenderedMail {
  const rows: Row[] = [
    ["Bidrag", p.programmeTitle],
    ["Bidragsmottagare", `${m.kommun} (${m.kommunkod})`],
    ["Tilldelning", formatKronor(m.allocation)],
  ];
  if (m.modelExtra > 0) rows.push(["Extra medel som modellkommun", formatKronor(m.modelExtra)]);
  return render(
    `Statsbidrag att rekvirera: ${p.programmeTitle} – ${m.kommun}`,
    [
      `${m.kommun} kan rekvirera ${formatKronor(m.allocation)} ur ${p.programmeTitle}.`,
      m.modelExtra > 0
        ? `Som modellkommun kan ${m.kommun} därefter rekvirera ytterligare ${formatKronor(m.modelExtra)}, i en särskild rekvisition efter kommunens egen del.`
        : "",
      `(English: ${m.kommun} may requisition ${formatKronor(m.allocation)} from this state grant by ${p.deadlines.requisition}.)`,
    ].filter(Boolean),
    [...rows, ...deadlineRows(p), ...diarienummerRows(p)],
    [
      howTo(p, "requisition"),
      `Ange diarienumren på alla handlingar. ${LAPSE_RULE}`,
      `Frågor besvaras av ${p.receivingAgency}.`,
    ],
  );
}

export interface CountdownFacts {
  deadline: string;
  daysLeft: number;
  /** Counting down to "bör om möjligt ske före", not to the last day. */
  preferred: boolean;
  base: number;
  extra: number;
}

const dayWord = (n: number) => (Math.abs(n) === 1 ? "dag" : "dagar");

/** Still not requisitioned: how much, and how many days remain. */
export function requisitionReminderMail(
  p: ProgrammeFacts,
  m: MunicipalFacts,
  r: CountdownFacts,
): RenderedMail {
  const left = r.daysLeft === 0 ? "i dag" : `om ${r.daysLeft} ${dayWord(r.daysLeft)}`;
  const rows: Row[] = [
    ["Bidrag", p.programmeTitle],
    ["Bidragsmottagare", `${m.kommun} (${m.kommunkod})`],
  ];
  if (r.base > 0) rows.push(["Ej rekvirerat av tilldelningen", formatKronor(r.base)]);
  if (r.extra > 0) rows.push(["Ej rekvirerat, extra medel som modellkommun", formatKronor(r.extra)]);
  const subject = r.preferred
    ? `Påminnelse: rekvirera gärna före ${r.deadline} – ${m.kommun}`
    : `Påminnelse: sista dag att rekvirera är ${r.deadline} – ${m.kommun}`;
  return render(
    subject,
    [
      r.preferred
        ? `Rekvisitionen bör om möjligt ske före ${r.deadline} (${left}). ${m.kommun} har ännu inte rekvirerat hela sin tilldelning.`
        : `Sista dag för rekvisition är ${r.deadline} (${left}). ${m.kommun} har ännu inte rekvirerat hela sin tilldelning.`,
      LAPSE_RULE,
      `(English: reminder – ${m.kommun} has not yet requisitioned its grant; the deadline is ${r.deadline}.)`,
    ],
    [...rows, ...deadlineRows(p), ...diarienummerRows(p)],
    [howTo(p, "requisition"), `Frågor besvaras av ${p.receivingAgency}.`],
  );
}

/** The report is due (daysLeft ≥ 0) or overdue (daysLeft < 0). */
export function reportReminderMail(
  p: ProgrammeFacts,
  m: MunicipalFacts,
  r: { deadline: string; daysLeft: number; received: number },
): RenderedMail {
  const overdue = r.daysLeft < 0;
  const intro = overdue
    ? `Den ekonomiska redovisningen skulle ha lämnats senast ${r.deadline} och har ännu inte kommit in (${-r.daysLeft} ${dayWord(r.daysLeft)} sedan).`
    : `Den ekonomiska redovisningen ska lämnas senast ${r.deadline} (${r.daysLeft === 0 ? "i dag" : `om ${r.daysLeft} ${dayWord(r.daysLeft)}`}).`;
  return render(
    overdue
      ? `Försenad ekonomisk redovisning: ${p.programmeTitle} – ${m.kommun}`
      : `Påminnelse: ekonomisk redovisning senast ${r.deadline} – ${m.kommun}`,
    [
      intro,
      RECLAIM_RULE,
      `(English: ${overdue ? "overdue" : "reminder"} – the financial report for this grant is due ${r.deadline}.)`,
    ],
    [
      ["Bidrag", p.programmeTitle],
      ["Bidragsmottagare", `${m.kommun} (${m.kommunkod})`],
      ["Rekvirerat", formatKronor(r.received)],
      ...deadlineRows(p),
      ...diarienummerRows(p),
    ],
    [
      howTo(p, "report"),
      "Medel som inte har utnyttjats ska återbetalas.",
      `Frågor besvaras av ${p.receivingAgency}.`,
    ],
  );
}

/** After the requisition deadline: a signed original is missing, or a returned requisition uncorrected. */
export function originalReminderMail(
  p: ProgrammeFacts,
  m: MunicipalFacts,
  r: { references: string[]; graceEnds: string },
): RenderedMail {
  return render(
    `Påminnelse: undertecknat original saknas – ${m.kommun}`,
    [
      `Rekvisitionen kom in i tid, men ${r.references.join(", ")} väntar fortfarande på undertecknat original eller på en rättad version.`,
      `Det ska finnas hos ${p.receivingAgency} senast ${r.graceEnds}. Därefter förfaller en återsänd rekvisition som inte har rättats, och ett saknat original lämnas till handläggarna.`,
      `(English: ${r.references.join(", ")} still needs its signed original or a corrected version by ${r.graceEnds}.)`,
    ],
    [
      ["Bidrag", p.programmeTitle],
      ["Bidragsmottagare", `${m.kommun} (${m.kommunkod})`],
      ["Senast", r.graceEnds],
    ],
    [`Frågor besvaras av ${p.receivingAgency}.`],
  );
}

/** One moved deadline: what it was, what it is now. */
export interface MovedDeadline {
  label: string;
  from: string | null;
  to: string | null;
}

/** The agency moved a deadline: the new date, the decision it rests on, and all deadlines as they now stand. */
export function deadlineMovedMail(
  p: ProgrammeFacts,
  m: MunicipalFacts,
  r: { moved: MovedDeadline[]; reason: string; decision: string | null },
): RenderedMail {
  const changes: Row[] = r.moved.map((d) => [d.label, `${d.to ?? "ingen"} (tidigare ${d.from ?? "ingen"})`]);
  return render(
    `Ändrat datum: ${p.programmeTitle} – ${m.kommun}`,
    [
      `${p.receivingAgency} har ändrat ${r.moved.length === 1 ? "ett datum" : "datum"} för ${p.programmeTitle}.`,
      `Skäl: ${r.reason}`,
      `(English: the agency has moved ${r.moved.length === 1 ? "a deadline" : "deadlines"} of this state grant; the new dates are below.)`,
    ],
    [
      ["Bidrag", p.programmeTitle],
      ["Bidragsmottagare", `${m.kommun} (${m.kommunkod})`],
      ...changes,
      ...(r.decision ? ([["Beslut", r.decision]] as Row[]) : []),
      ...deadlineRows(p),
    ],
    [`Frågor besvaras av ${p.receivingAgency}.`],
  );
}

/**
 * The agency corrected the recipient's allocation (a new version of Bilaga 1): the old and new
 * amount, the reason and the decision, and what can be requisitioned now.
 */
export function allocationCorrectedMail(
  p: ProgrammeFacts,
  m: MunicipalFacts,
  r: { from: number; reason: string; decision: string | null },
): RenderedMail {
  return render(
    `Ändrad tilldelning: ${p.programmeTitle} – ${m.kommun}`,
    [
      `${p.receivingAgency} har ändrat tilldelningen till ${m.kommun} i ${p.programmeTitle} från ${formatKronor(r.from)} till ${formatKronor(m.allocation)}.`,
      `Skäl: ${r.reason}`,
      `(English: the agency has corrected ${m.kommun}'s allocation from ${formatKronor(r.from)} to ${formatKronor(m.allocation)}.)`,
    ],
    [
      ["Bidrag", p.programmeTitle],
      ["Bidragsmottagare", `${m.kommun} (${m.kommunkod})`],
      ["Tilldelning", `${formatKronor(m.allocation)} (tidigare ${formatKronor(r.from)})`],
      ...(r.decision ? ([["Beslut", r.decision]] as Row[]) : []),
      ...deadlineRows(p),
    ],
    [`Frågor besvaras av ${p.receivingAgency}.`],
  );
}
