import { formatKronor } from "../money.ts";

/**
 * Every e-mail the system sends, in one place. Text parts are plain; HTML parts escape every
 * value (names may contain <, & and å ä ö), so a form field can never inject markup.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Subjects are single header lines: no control characters, bounded length. */
function headerSafe(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").slice(0, 200);
}

type Row = readonly [label: string, value: string];

function render(subject: string, intro: string[], rows: Row[], outro: string[]): RenderedMail {
  const text = [...intro, "", ...rows.map(([k, v]) => `${k}: ${v}`), "", ...outro].join("\n");
  const html = [
    '<!doctype html><html lang="sv"><body>',
    ...intro.map((p) => `<p>${escapeHtml(p)}</p>`),
    "<table>",
    ...rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    "</table>",
    ...outro.map((p) => `<p>${escapeHtml(p)}</p>`),
    "</body></html>",
  ].join("\n");
  return { subject: headerSafe(subject), text, html };
}

export interface SubmissionFacts {
  reference: string;
  submissionId: string;
  kind: "requisition" | "report";
  programmeTitle: string;
  kommun: string;
  kommunkod: string;
  amount: number;
  unspent?: number;
  receivedAtLocal: string;
  reportDeadline: string | null;
  repaymentDeadline: string | null;
  receivingAgency: string;
}

const kindSv = (kind: SubmissionFacts["kind"]) =>
  kind === "report" ? "ekonomisk redovisning" : "rekvisition";
const kindEn = (kind: SubmissionFacts["kind"]) => (kind === "report" ? "financial report" : "requisition");

function factRows(f: SubmissionFacts): Row[] {
  const rows: Row[] = [
    ["Referens", f.reference],
    ["Bidrag", f.programmeTitle],
    ["Kommun", `${f.kommun} (${f.kommunkod})`],
    [f.kind === "report" ? "Erhållet bidrag" : "Rekvirerat belopp", formatKronor(f.amount)],
  ];
  if (f.unspent !== undefined) rows.push(["Ej förbrukade medel att återbetala", formatKronor(f.unspent)]);
  rows.push(["Mottagen (svensk tid)", f.receivedAtLocal]);
  return rows;
}

/** Sent when the form is accepted: the reference, and that the signed original is still needed. */
export function registeredMail(f: SubmissionFacts): RenderedMail {
  return render(
    `Registrerad: ${kindSv(f.kind)} ${f.reference} – ladda upp undertecknat original`,
    [
      `Er ${kindSv(f.kind)} för ${f.kommun} är registrerad med referens ${f.reference}.`,
      "Skriv ut blanketten, låt behörig företrädare underteckna den och ladda upp en skanning av originalet. Inlämningen är komplett först när originalet har tagits emot.",
      `(English: your ${kindEn(f.kind)} is registered as ${f.reference}; please upload the scan of the signed original.)`,
    ],
    factRows(f),
    [`Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`],
  );
}

/** The municipality's receipt once the signed original has been accepted. */
export function receiptMail(f: SubmissionFacts & { sha256: string }): RenderedMail {
  const next =
    f.kind === "requisition"
      ? [
          `Nästa steg: ${f.receivingAgency} granskar rekvisitionen och betalar ut beloppet.`,
          f.reportDeadline
            ? `Ekonomisk redovisning ska lämnas senast ${f.reportDeadline}; medel som inte förbrukats återbetalas senast ${f.repaymentDeadline ?? f.reportDeadline}.`
            : `Ekonomisk redovisning lämnas vid den tid som ${f.receivingAgency} anger.`,
        ]
      : [
          f.unspent && f.unspent > 0
            ? `Ej förbrukade medel, ${formatKronor(f.unspent)}, ska återbetalas${f.repaymentDeadline ? ` senast ${f.repaymentDeadline}` : ""}.`
            : "Redovisningen visar inga ej förbrukade medel att återbetala.",
        ];
  return render(
    `Kvitto: ${kindSv(f.kind)} ${f.reference} mottagen`,
    [
      `Vi har tagit emot ${kindSv(f.kind)} ${f.reference} med undertecknat original.`,
      `(English: we have received ${kindEn(f.kind)} ${f.reference} with its signed original.)`,
    ],
    [...factRows(f), ["SHA-256 för originalet", f.sha256]],
    [...next, "Spara detta kvitto."],
  );
}

/** To the programme's officers: the same facts plus the submission id to look it up. */
export function officerNotificationMail(f: SubmissionFacts & { sha256: string }): RenderedMail {
  return render(
    `Ny ${kindSv(f.kind)}: ${f.kommun} ${f.reference}`,
    [`${f.kommun} har lämnat ${kindSv(f.kind)} med undertecknat original.`],
    [...factRows(f), ["SHA-256 för originalet", f.sha256], ["Inlämnings-id", f.submissionId]],
    ["Granska inlämningen i statsbidrag."],
  );
}

/** The scan could not be accepted: say why and what to do. */
export function originalRejectedMail(
  f: SubmissionFacts & { reasonSv: string; reasonEn: string; attachmentType?: "original" | "bank-statement" },
): RenderedMail {
  const bankStatement = f.attachmentType === "bank-statement";
  return render(
    `${bankStatement ? "Kontoutdraget" : "Originalet"} kunde inte tas emot: ${f.reference}`,
    [
      `Den uppladdade filen för ${f.reference} kunde inte tas emot: ${f.reasonSv}`,
      bankStatement
        ? "Ladda upp kontoutdraget igen som PDF, JPEG, PNG eller TIFF."
        : "Ladda upp en ny skanning av det undertecknade originalet som PDF, JPEG, PNG eller TIFF.",
      `(English: the uploaded ${bankStatement ? "bank statement" : "file"} could not be accepted: ${f.reasonEn} Please upload ${bankStatement ? "it again" : "a new scan"}.)`,
    ],
    factRows(f),
    [],
  );
}

// ── Announcements, reminders, returns and the officer digest ─────────────────────────────────

/** What every municipality-facing programme mail says about the programme itself. */
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
  const page = what === "requisition" ? "requisition.html" : "report.html";
  const web = p.webBaseUrl
    ? `${p.webBaseUrl.replace(/\/$/, "")}/${page}?programme=${encodeURIComponent(p.programmeId)}`
    : undefined;
  const form = what === "requisition" ? "rekvisitionen" : "den ekonomiska redovisningen";
  return [
    web ? `Fyll i ${form} (Bilaga 2) på ${web}` : `Fyll i ${form} (Bilaga 2) i statsbidrag`,
    `(bidrag-id ${p.programmeId}), skriv ut den, låt behörig företrädare underteckna den och ladda upp en skanning av originalet.`,
  ].join(" ");
}

/** Sent once per municipality when officers open a programme: its own figures and how to claim them. */
export function announcementMail(p: ProgrammeFacts, m: MunicipalFacts): RenderedMail {
  const rows: Row[] = [
    ["Bidrag", p.programmeTitle],
    ["Kommun", `${m.kommun} (${m.kommunkod})`],
    ["Kommunens tilldelning", formatKronor(m.allocation)],
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
    ["Kommun", `${m.kommun} (${m.kommunkod})`],
  ];
  if (r.base > 0) rows.push(["Ej rekvirerat, kommunens del", formatKronor(r.base)]);
  if (r.extra > 0) rows.push(["Ej rekvirerat, extra medel som modellkommun", formatKronor(r.extra)]);
  const subject = r.preferred
    ? `Påminnelse: rekvirera gärna före ${r.deadline} – ${m.kommun}`
    : `Påminnelse: sista dag att rekvirera är ${r.deadline} – ${m.kommun}`;
  return render(
    subject,
    [
      r.preferred
        ? `Rekvisitionen bör om möjligt ske före ${r.deadline} (${left}). ${m.kommun} har ännu inte rekvirerat allt som kommunen kan få.`
        : `Sista dag för rekvisition är ${r.deadline} (${left}). ${m.kommun} har ännu inte rekvirerat allt som kommunen kan få.`,
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
      ["Kommun", `${m.kommun} (${m.kommunkod})`],
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

const ATTACHMENT_SV = {
  original: "ett nytt undertecknat original",
  "bank-statement": "ett kontoutdrag",
} as const;

/** An officer returned a submission: why, what to add, and how to send the corrected version. */
export function returnedMail(
  f: SubmissionFacts & { reason: string; requestedAttachment?: "original" | "bank-statement" },
): RenderedMail {
  const rows = factRows(f);
  rows.push(["Skäl", f.reason]);
  if (f.requestedAttachment) rows.push(["Begärd bilaga", ATTACHMENT_SV[f.requestedAttachment]]);
  return render(
    `Återsänd för komplettering: ${kindSv(f.kind)} ${f.reference}`,
    [
      `${f.receivingAgency} har granskat ${kindSv(f.kind)} ${f.reference} och återsänder den för komplettering.`,
      `Skäl: ${f.reason}`,
      `(English: your ${kindEn(f.kind)} ${f.reference} was returned for correction. Reason: ${f.reason})`,
    ],
    rows,
    [
      `Lämna en rättad version som ersätter den återsända (POST /submissions/${f.submissionId}/corrections i statsbidrag) och ladda upp dess undertecknade original${f.requestedAttachment === "bank-statement" ? " och kontoutdraget som bilaga" : ""}. Den rättade versionen får ett nytt versionsnummer i referensen.`,
      `Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`,
    ],
  );
}

export interface DigestEntry {
  kommun: string;
  kommunkod: string;
  amount?: number;
  reference?: string;
  note?: string;
}

export interface DigestFacts {
  programmeTitle: string;
  programmeId: string;
  day: string;
  newToReview: DigestEntry[];
  toReviewCount: number;
  waitingOriginal: DigestEntry[];
  newWaitingCount: number;
  lapses: DigestEntry[];
  reportOverdue: DigestEntry[];
  reclaims: DigestEntry[];
  repaymentOverdue: DigestEntry[];
}

function entryLine(e: DigestEntry): string {
  return [
    `${e.kommun} (${e.kommunkod})`,
    e.reference,
    e.amount !== undefined ? formatKronor(e.amount) : undefined,
    e.note,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The daily news for a programme's officers, section by section, with totals. */
export function officerDigestMail(d: DigestFacts): RenderedMail {
  const total = (entries: DigestEntry[]) => formatKronor(entries.reduce((s, e) => s + (e.amount ?? 0), 0));
  const sections: { heading: string; entries: DigestEntry[]; summary?: string }[] = [
    {
      heading: `Nya inlämningar att granska (${d.newToReview.length}; totalt ${d.toReviewCount} ej beslutade)`,
      entries: d.newToReview,
    },
    {
      heading: `Väntar på undertecknat original (${d.waitingOriginal.length}, varav ${d.newWaitingCount} nya)`,
      entries: d.waitingOriginal,
    },
    {
      heading: `Rätten till bidraget har förfallit (${d.lapses.length} kommuner)`,
      entries: d.lapses,
      summary: `Summa förfallet: ${total(d.lapses)}`,
    },
    {
      heading: `Ekonomisk redovisning försenad (${d.reportOverdue.length} kommuner)`,
      entries: d.reportOverdue,
    },
    {
      heading: `Listade för återkrav (${d.reclaims.length} kommuner)`,
      entries: d.reclaims,
      summary: `Summa utbetalt att pröva för återkrav: ${total(d.reclaims)}`,
    },
    {
      heading: `Återbetalning försenad (${d.repaymentOverdue.length} kommuner)`,
      entries: d.repaymentOverdue,
      summary: `Summa att återbetala: ${total(d.repaymentOverdue)}`,
    },
  ].filter((s) => s.entries.length > 0);
  const text = [
    `Dagens sammanställning ${d.day} för ${d.programmeTitle} (${d.programmeId}).`,
    "",
    ...sections.flatMap((s) => [
      s.heading,
      ...s.entries.map((e) => `  - ${entryLine(e)}`),
      ...(s.summary ? [`  ${s.summary}`] : []),
      "",
    ]),
    "Översikt och export: GET /programmes/{id}/overview och /programmes/{id}/export.csv i statsbidrag.",
  ].join("\n");
  const html = [
    '<!doctype html><html lang="sv"><body>',
    `<p>${escapeHtml(`Dagens sammanställning ${d.day} för ${d.programmeTitle} (${d.programmeId}).`)}</p>`,
    ...sections.flatMap((s) => [
      `<h3>${escapeHtml(s.heading)}</h3>`,
      "<ul>",
      ...s.entries.map((e) => `<li>${escapeHtml(entryLine(e))}</li>`),
      "</ul>",
      ...(s.summary ? [`<p><strong>${escapeHtml(s.summary)}</strong></p>`] : []),
    ]),
    "</body></html>",
  ].join("\n");
  return { subject: headerSafe(`Dagens sammanställning ${d.day}: ${d.programmeTitle}`), text, html };
}
