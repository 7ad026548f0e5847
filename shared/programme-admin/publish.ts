import { actorOf, type Principal } from "../auth/principal.ts";
import { stockholmDate } from "../dates.ts";
import { announceProgramme, type OpenResult } from "../deadlines/announce.ts";
import { ValidationError } from "../errors.ts";
import { checkedProgramme } from "../programmes/catalogue.ts";
import { effectiveDeadlines } from "../programmes/deadlines.ts";
import { importProgramme } from "../programmes/import.ts";
import { conflicts } from "../submissions/conflicts.ts";
import type { ProgrammeAdminDeps } from "./deps.ts";
import { getProgrammeDraft } from "./drafts.ts";
import { refusals } from "./refusals.ts";

export interface Published {
  programmeId: string;
  version: number;
  publishedAt: string;
  /** Publishing opens the programme: the announcement went out with it. */
  opening: OpenResult;
}

/**
 * POST /programmes/{id}/publish: the draft becomes version 1, and the programme opens: every
 * municipality is mailed its allocation (the same announcement as POST /open, which can be
 * called again to reach those without an address yet). Refused while the draft has problems
 * (each named as a field error by CSV line) or once the requisition deadline has passed.
 */
export async function publishProgramme(
  deps: ProgrammeAdminDeps,
  principal: Principal,
  programmeId: string,
): Promise<Published> {
  const draft = await getProgrammeDraft(deps, principal, programmeId);
  if (await deps.programmes.getCurrent(programmeId)) throw refusals.alreadyPublished();
  // Imported again from what was sent, so the rules of today decide, not those of the draft's day.
  const result = importProgramme(draft.meta, draft.bilaga1Csv);
  if (!result.ok) {
    throw new ValidationError(
      result.problems.map((p) => ({
        path: p.line === undefined ? "bilaga1Csv" : `bilaga1Csv.line.${p.line}`,
        code: p.code,
        message: p.message,
      })),
    );
  }
  const programme = checkedProgramme(result.programme);
  const now = deps.clock.now();
  const deadline = effectiveDeadlines(programme).requisition;
  if (stockholmDate(now) > deadline) throw conflicts.programmeDeadlinePassed(deadline);
  const at = now.toISOString();
  const actor = actorOf(principal);
  const published = await deps.programmes.publish({
    programme,
    version: 1,
    publishedAt: at,
    audit: { at, actor, action: "programme.published", details: { programmeId, version: 1 } },
  });
  if (!published) throw refusals.alreadyPublished();
  const opening = await announceProgramme(deps, programme, actor);
  return { programmeId, version: 1, publishedAt: at, opening };
}
