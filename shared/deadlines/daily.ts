import { type ContactDirectory, recipientsOf } from "../contacts/recipients.ts";
import { stockholmDate } from "../dates.ts";
import { pageLink } from "../mail/links.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { officerDigestMail } from "../mail/templates/digest.ts";
import {
  originalReminderMail,
  reportReminderMail,
  requisitionReminderMail,
} from "../mail/templates/programme.ts";
import { returnedLapsedMail } from "../mail/templates/submission.ts";
import type { ProgrammeOpening } from "../programmes/opening.ts";
import type { Programme } from "../programmes/schema.ts";
import { type Drift, reconcileProgramme } from "../reconciliation/run.ts";
import { transition } from "../submissions/lifecycle.ts";
import { factsOf } from "../submissions/mail-facts.ts";
import type { AllocationState } from "../submissions/model.ts";
import type { DeadlineDeps } from "./deps.ts";
import { buildDigest } from "./digest.ts";
import { loadDirectory } from "./directory.ts";
import { markedMail, municipalFacts, programmeFacts } from "./facts.ts";
import { type GracePlan, planGrace } from "./grace.ts";
import type { FlagMark, MarkedMail } from "./ports.ts";
import { planDay, type ReminderDue } from "./schedule.ts";

export interface ProgrammeDayReport {
  programmeId: string;
  reminders: number;
  lapsed: number;
  reportOverdue: number;
  reclaims: number;
  repaymentOverdue: number;
  digest: boolean;
  /** Municipalities a reminder was due for but that have no address at all. */
  unreachable: string[];
}

export interface DailyReport {
  day: string;
  programmes: ProgrammeDayReport[];
  /** Programmes not opened by officers: the job leaves them alone. */
  notOpened: string[];
  /** Every money invariant that does not hold, in every programme (empty when all agree). */
  drift: Drift[];
}

function reminderMail(
  programme: Programme,
  due: ReminderDue,
  row: AllocationState | undefined,
  webBaseUrl?: string,
) {
  const allocation = programme.allocations.find((a) => a.kommunkod === due.kommunkod);
  if (!allocation) throw new Error(`no allocation ${programme.id}/${due.kommunkod}`);
  const p = programmeFacts(programme, webBaseUrl);
  const m = municipalFacts(allocation);
  if (due.kind === "requisition" || due.kind === "preferred") {
    return requisitionReminderMail(p, m, {
      deadline: due.deadline,
      daysLeft: due.daysLeft,
      preferred: due.kind === "preferred",
      base: due.base,
      extra: due.extra,
    });
  }
  const received = (row?.requisitioned ?? 0) + (row?.modelExtraRequisitioned ?? 0);
  return reportReminderMail(p, m, { deadline: due.deadline, daysLeft: due.daysLeft, received });
}

async function runProgrammeDay(
  deps: DeadlineDeps,
  programme: Programme,
  opening: ProgrammeOpening,
  directory: ContactDirectory,
  now: Date,
): Promise<ProgrammeDayReport> {
  const at = now.toISOString();
  const day = stockholmDate(now);
  const programmeId = programme.id;
  const [rows, done, current] = await Promise.all([
    deps.deadlines.listLedger(programmeId),
    deps.deadlines.listReminderKeys(programmeId),
    deps.submissions.listSubmissions({ programmeId }),
  ]);
  const byKommun = new Map(rows.map((r) => [r.kommunkod, r]));
  const plan = planDay(programme, byKommun, done, opening.openedOn, day);
  const grace = planGrace(programme, current, done, day);

  const items: MarkedMail[] = [];
  const unreachable: string[] = [];
  for (const due of plan.reminders) {
    const to = recipientsOf(directory, due.kommunkod);
    if (to.length === 0) {
      unreachable.push(due.kommunkod);
      continue;
    }
    const rendered = reminderMail(programme, due, byKommun.get(due.kommunkod), deps.webBaseUrl);
    items.push(markedMail(programmeId, due.kommunkod, due.kind, due.offset, at, to, rendered));
  }
  for (const due of grace.originalReminders) {
    const to = recipientsOf(directory, due.kommunkod);
    const allocation = programme.allocations.find((a) => a.kommunkod === due.kommunkod);
    if (to.length === 0 || !allocation) {
      unreachable.push(due.kommunkod);
      continue;
    }
    const rendered = originalReminderMail(
      programmeFacts(programme, deps.webBaseUrl),
      municipalFacts(allocation),
      {
        references: due.references,
        graceEnds: grace.graceEnds,
      },
    );
    items.push(markedMail(programmeId, due.kommunkod, "original", due.offset, at, to, rendered));
  }
  const reminders = await deps.deadlines.sendOnce(items);

  const lapsed = await deps.deadlines.markLapses(plan.lapses.map((l) => ({ ...l, programmeId, at })));
  const flag = (kommunkod: string, name: FlagMark["flag"]): FlagMark => ({
    programmeId,
    kommunkod,
    flag: name,
    at,
  });
  const flags = [
    ...plan.reportOverdue.map((k) => flag(k, "reportOverdueAt")),
    ...plan.reclaims.map((k) => flag(k, "reclaimListedAt")),
    ...plan.repaymentOverdue.map((k) => flag(k, "repaymentOverdueAt")),
  ];
  await deps.deadlines.markFlags(flags);
  const lapsedReturned = await lapseReturned(deps, programme, grace, directory, at);

  // The digest reads the ledger again, so it reports what this run (or an interrupted one) marked.
  const previousAt = await deps.deadlines.getDigestCursor(programmeId);
  const [after, submissions] = await Promise.all([
    deps.deadlines.listLedger(programmeId),
    deps.submissions.listSubmissions({ programmeId }),
  ]);
  const digest = buildDigest(programme, after, submissions, previousAt, at, grace.graceEnds);
  let digestSent = false;
  if (digest.hasNews) {
    digestSent = await deps.deadlines.saveDigest({
      programmeId,
      at,
      previousAt,
      mail: {
        id: `digest-${programmeId}-${day}`,
        to: programme.officerEmails,
        ...officerDigestMail({ ...digest.facts, day, ...overviewLink(deps.webBaseUrl, programmeId) }),
        topic: "officer-digest",
      },
    });
  }
  return {
    programmeId,
    reminders,
    lapsed: lapsed + lapsedReturned,
    reportOverdue: plan.reportOverdue.length,
    reclaims: plan.reclaims.length,
    repaymentOverdue: plan.repaymentOverdue.length,
    digest: digestSent,
    unreachable,
  };
}

function overviewLink(webBaseUrl: string | undefined, programmeId: string) {
  const link = pageLink(webBaseUrl, "officer.html", { programme: programmeId });
  return link ? { overviewLink: link } : {};
}

/**
 * Returned requisitions not corrected within the grace period lapse, each in one transaction
 * with its reservation; one corrected at the last minute is left alone (the write is conditional).
 */
async function lapseReturned(
  deps: DeadlineDeps,
  programme: Programme,
  grace: GracePlan,
  directory: ContactDirectory,
  at: string,
): Promise<number> {
  if (grace.lapseReturned.length === 0) return 0;
  const rows = new Map((await deps.deadlines.listLedger(programme.id)).map((r) => [r.kommunkod, r]));
  let lapsed = 0;
  for (const s of grace.lapseReturned) {
    const facts = factsOf(s, programme, deps.webBaseUrl);
    const done = await deps.deadlines.lapseReturned({
      change: { transition: transition(s, "lapse", at) },
      release: {
        programmeId: s.programmeId,
        kommunkod: s.kommunkod,
        submissionId: s.id,
        grantKind: s.grantKind ?? "base",
        amount: s.amount,
        afterLapse: Boolean(rows.get(s.kommunkod)?.lapsedAt),
        at,
      },
      audit: {
        at,
        actor: { sub: "daily", kind: "system" },
        action: "submission.lapsed",
        submissionId: s.id,
        details: { reference: s.reference, amount: s.amount, graceEnds: grace.graceEnds },
      },
      mails: [
        outboxMail(
          recipientsOf(directory, s.kommunkod),
          returnedLapsedMail({ ...facts, graceEnds: grace.graceEnds }),
          "lapsed",
          s.id,
        ),
      ],
    });
    if (done) lapsed++;
  }
  return lapsed;
}

/**
 * The daily job (EventBridge Scheduler at 06:15 Stockholm time, the local stack when its day
 * changes, and `statsbidrag daily`): reminders, lapses, overdue reports, reclaim listings,
 * overdue repayments and the officers' digest, for every opened programme. Every write is
 * conditional and every mail has a deterministic id, so running it twice a day, or catching up
 * after missed days, sends each reminder at most once.
 */
export async function runDaily(deps: DeadlineDeps): Promise<DailyReport> {
  // A closed programme is done: no reminders, lapses or digests for it.
  const programmes = (await deps.catalogue.list()).filter((p) => !p.closed);
  const now = deps.clock.now();
  const report: DailyReport = { day: stockholmDate(now), programmes: [], notOpened: [], drift: [] };
  let directory: ContactDirectory | undefined;
  for (const programme of programmes) {
    const opening = await deps.programmes.getOpening(programme.id);
    if (!opening) {
      report.notOpened.push(programme.id);
      continue;
    }
    directory ??= await loadDirectory(deps);
    report.programmes.push(await runProgrammeDay(deps, programme, opening, directory, now));
  }
  for (const programme of programmes) report.drift.push(...(await reconcileProgramme(deps, programme)));
  return report;
}
