import { actorOf, type Principal } from "../auth/principal.ts";
import { recipientsOf } from "../contacts/recipients.ts";
import { loadDirectory } from "../deadlines/directory.ts";
import { markedMail, municipalFacts, programmeFacts } from "../deadlines/facts.ts";
import { ValidationError } from "../errors.ts";
import { allocationCorrectedMail } from "../mail/templates/programme.ts";
import {
  type AllocationTotals,
  allocationTotals,
  type CorrectedRow,
  changedRows,
  correctionErrors,
  withCorrectedAllocations,
} from "../programmes/allocation-correction.ts";
import { checkedProgramme } from "../programmes/catalogue.ts";
import type { CurrentProgramme, LedgerRowCorrection } from "../programmes/ports.ts";
import type { Programme } from "../programmes/schema.ts";
import { conflicts } from "../submissions/conflicts.ts";
import type { AllocationState } from "../submissions/model.ts";
import type { ProgrammeAdminDeps } from "./deps.ts";
import { refusals } from "./refusals.ts";
import { type AllocationsInput, allocationsBody, parseBody } from "./requests.ts";
import { currentFor, previousOfOpened } from "./versions.ts";

export interface CorrectedAllocations {
  programmeId: string;
  /** The new version, or the current one when no amount changed. */
  version: number;
  corrections: CorrectedRow[];
  /** The proof that the rows still add up: their sum is the total the programme states. */
  totals: AllocationTotals;
  /** Recipients told of their new amount (once the programme is opened; none before). */
  announced: number;
}

/** What telling the recipients takes: their addresses, the mail marks, the pages' address. */
type AnnounceDeps = Pick<ProgrammeAdminDeps, "deadlines" | "contacts" | "submissions" | "webBaseUrl">;

/** Reads of the programme and its ledger, should a requisition or another officer come in between. */
const ATTEMPTS = 3;

function ledgerChange(row: CorrectedRow, read: AllocationState | undefined): LedgerRowCorrection {
  return {
    kommunkod: row.kommunkod,
    to: row.to,
    ...(read
      ? {
          read: {
            allocated: read.allocated,
            requisitioned: read.requisitioned,
            remaining: read.remaining,
            afterLapse: Boolean(read.lapsedAt),
          },
        }
      : {}),
  };
}

/**
 * POST /programmes/{id}/allocations: a published allocation is never edited in place. A
 * correction is a new, audited version (who, when, the reason, the decision, each row's old and
 * new amount, the total), written in one transaction with the municipalities' ledger rows, and
 * conditional on the version and on each row as read: it never lowers an allocation below what
 * the municipality has already requisitioned. Requisitions validated against the old version are
 * refused (PROGRAMME_CHANGED), so none reserves the old amount.
 */
export async function correctAllocations(
  deps: AnnounceDeps & Pick<ProgrammeAdminDeps, "programmes" | "clock">,
  principal: Principal,
  programmeId: string,
  body: unknown,
): Promise<CorrectedAllocations> {
  const input = parseBody(allocationsBody, body);
  for (let attempt = 1; ; attempt++) {
    const current = await currentFor(deps, principal, programmeId);
    const programme = current.programme;
    if (programme.closed) throw conflicts.programmeClosed(programme.closed.on);
    const ledger = new Map((await deps.deadlines.listLedger(programmeId)).map((r) => [r.kommunkod, r]));
    const errors = correctionErrors(programme, input.corrections, (k) => ledger.get(k)?.requisitioned ?? 0);
    if (errors.length > 0) throw new ValidationError(errors);
    const rows = changedRows(programme, input.corrections);
    if (rows.length === 0) {
      // The same amounts again: mails a first call did not queue before it failed are queued now.
      return {
        programmeId,
        version: current.version,
        corrections: [],
        totals: allocationTotals(programme),
        announced: await finishAnnouncement(deps, current, input),
      };
    }

    const next = checkedProgramme(withCorrectedAllocations(programme, rows));
    const version = current.version + 1;
    const at = deps.clock.now().toISOString();
    const published = await deps.programmes.publish({
      programme: next,
      version,
      publishedAt: at,
      audit: {
        at,
        actor: actorOf(principal),
        action: "programme.allocations-corrected",
        details: {
          programmeId,
          version,
          reason: input.reason,
          ...(input.decision ? { decision: input.decision } : {}),
          changes: rows,
          totalBase: { from: programme.totalBase, to: next.totalBase },
        },
      },
      ledger: rows.map((r) => ledgerChange(r, ledger.get(r.kommunkod))),
    });
    if (published) {
      // Told only once the programme is opened: before that, the announcement carries the amount.
      const announced = (await deps.programmes.getOpening(programmeId))
        ? await announceCorrected(deps, next, version, at, rows, input)
        : 0;
      return { programmeId, version, corrections: rows, totals: allocationTotals(next), announced };
    }
    // A requisition reserved, or another officer published, since the reads: decide again on what is there now.
    if (attempt >= ATTEMPTS) throw refusals.changed();
  }
}

/**
 * The announcement of the rows the current version corrected, as the repeated request names them:
 * what the first call queued is not queued again (sendOnce), the rest is.
 */
async function finishAnnouncement(
  deps: AnnounceDeps & Pick<ProgrammeAdminDeps, "programmes" | "clock">,
  current: CurrentProgramme,
  input: AllocationsInput,
): Promise<number> {
  const previous = await previousOfOpened(deps, current);
  // The request's amounts are the current ones (nothing changed now): the rows are what the
  // current version changed from the one before.
  const rows = previous ? changedRows(previous, input.corrections) : [];
  if (rows.length === 0) return 0;
  return announceCorrected(
    deps,
    current.programme,
    current.version,
    deps.clock.now().toISOString(),
    rows,
    input,
  );
}

/**
 * One mail per corrected recipient and version, to its registry and contact: a retried call sends
 * nothing twice (the outbox retries a failed send).
 */
async function announceCorrected(
  deps: AnnounceDeps,
  programme: Programme,
  version: number,
  at: string,
  rows: readonly CorrectedRow[],
  input: AllocationsInput,
): Promise<number> {
  const directory = await loadDirectory(deps);
  const facts = programmeFacts(programme, deps.webBaseUrl);
  const items = rows.flatMap((row) => {
    const allocation = programme.allocations.find((a) => a.kommunkod === row.kommunkod);
    const to = recipientsOf(directory, row.kommunkod);
    if (!allocation || to.length === 0) return [];
    const mail = allocationCorrectedMail(facts, municipalFacts(allocation), {
      from: row.from,
      reason: input.reason,
      decision: input.decision ?? null,
    });
    return [markedMail(programme.id, row.kommunkod, "allocation-corrected", version, at, to, mail)];
  });
  return deps.deadlines.sendOnce(items);
}
