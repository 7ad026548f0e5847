import { stockholmDate } from "../dates.ts";
import type { DigestEntry, DigestFacts } from "../mail/templates/digest.ts";
import { formatKronor } from "../money.ts";
import type { Programme } from "../programmes/schema.ts";
import { AWAITING_ORIGINAL } from "../submissions/lifecycle.ts";
import type { AllocationState, Submission } from "../submissions/model.ts";

export interface Digest {
  hasNews: boolean;
  facts: Omit<DigestFacts, "day">;
}

/**
 * The officers' news since the last digest: what happened after `since` (exclusive) up to `until`
 * (inclusive), both ISO instants. Markers the daily job set in this run carry its own time, so
 * they are in; the next run's window starts after it, so nothing is reported twice and nothing
 * that happened after a digest is lost. Standing lists (all undecided, all waiting for an
 * original) are context, not news.
 */
export function buildDigest(
  programme: Programme,
  rows: readonly AllocationState[],
  submissions: readonly Submission[],
  since: string | undefined,
  until: string,
  /** The last day of the grace period after the requisition deadline. */
  graceEnds?: string,
): Digest {
  const inWindow = (at: string | undefined) =>
    at !== undefined && (since === undefined || at > since) && at <= until;
  const kommunOf = (kommunkod: string) =>
    programme.allocations.find((a) => a.kommunkod === kommunkod)?.kommun ?? kommunkod;
  const fromRow = (r: AllocationState, amount: number, note?: string): DigestEntry => ({
    kommun: kommunOf(r.kommunkod),
    kommunkod: r.kommunkod,
    amount,
    ...(note ? { note } : {}),
  });
  const fromSubmission = (s: Submission): DigestEntry => ({
    kommun: s.kommun,
    kommunkod: s.kommunkod,
    reference: s.reference,
    amount: s.amount,
    note: [
      s.kind === "report"
        ? "ekonomisk redovisning"
        : s.grantKind === "model-extra"
          ? "modellkommunmedel"
          : "rekvisition",
      s.unspent ? `ej förbrukat ${formatKronor(s.unspent)}` : undefined,
      s.late ? "inkom efter sista dag" : undefined,
      s.replaces ? "rättad version" : undefined,
    ]
      .filter(Boolean)
      .join(", "),
  });
  const current = submissions.filter((s) => s.programmeId === programme.id && !s.replacedBy);
  const received = current.filter((s) => s.status === "received");
  const waiting = current.filter((s) => AWAITING_ORIGINAL.includes(s.status));
  const paidOut = (r: AllocationState) => r.paid ?? r.requisitioned + (r.modelExtraRequisitioned ?? 0);

  const facts = {
    programmeTitle: programme.title,
    programmeId: programme.id,
    newToReview: received.filter((s) => inWindow(s.updatedAt)).map(fromSubmission),
    toReviewCount: received.length,
    waitingOriginal: waiting.map(fromSubmission),
    newWaitingCount: waiting.filter((s) => inWindow(s.createdAt)).length,
    lapses: rows
      .filter((r) => inWindow(r.lapsedAt))
      .map((r) => fromRow(r, r.lapsedAmount ?? 0, r.baseRequisitionId ? "ej rekvirerad del" : undefined)),
    reportOverdue: rows
      .filter((r) => inWindow(r.reportOverdueAt))
      .map((r) => fromRow(r, r.requisitioned + (r.modelExtraRequisitioned ?? 0), "rekvirerat")),
    reclaims: rows.filter((r) => inWindow(r.reclaimListedAt)).map((r) => fromRow(r, paidOut(r))),
    originalsOverdue: (graceEnds !== undefined && stockholmDate(new Date(until)) > graceEnds
      ? waiting.filter((s) => s.kind === "requisition")
      : []
    ).map(fromSubmission),
    returnedUncorrected: current.filter((s) => s.status === "returned").map(fromSubmission),
    repaymentOverdue: rows
      .filter((r) => inWindow(r.repaymentOverdueAt))
      .map((r) => fromRow(r, (r.repaymentDue ?? 0) - (r.repaid ?? 0))),
  };
  const hasNews =
    facts.newToReview.length > 0 ||
    facts.newWaitingCount > 0 ||
    facts.lapses.length > 0 ||
    facts.reportOverdue.length > 0 ||
    facts.reclaims.length > 0 ||
    facts.originalsOverdue.length > 0 ||
    facts.repaymentOverdue.length > 0;
  return { hasNews, facts };
}
