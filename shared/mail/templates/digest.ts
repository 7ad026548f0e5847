import { formatKronor } from "../../money.ts";
import { escapeHtml, headerSafe, type RenderedMail } from "./layout.ts";

/** The officers' daily digest. */
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
  /** Requisitions still without their signed original after the grace period. */
  originalsOverdue: DigestEntry[];
  /** Returned submissions not (yet) corrected. */
  returnedUncorrected: DigestEntry[];
  /** The officers' overview page, when the pages' address is known. */
  overviewLink?: string;
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
      heading: `Original saknas efter respittiden (${d.originalsOverdue.length})`,
      entries: d.originalsOverdue,
    },
    {
      heading: `Återsända, ännu inte rättade (${d.returnedUncorrected.length})`,
      entries: d.returnedUncorrected,
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
    d.overviewLink
      ? `Översikt och export: ${d.overviewLink}`
      : "Översikt och export finns på handläggarsidan i statsbidrag.",
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
