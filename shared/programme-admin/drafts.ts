import type { Actor, AuditEvent } from "../audit.ts";
import { actorOf, type Principal } from "../auth/principal.ts";
import { ValidationError } from "../errors.ts";
import { fieldError } from "../forms/codes.ts";
import type { ProgrammeDraft } from "../programmes/draft.ts";
import { importProgramme } from "../programmes/import.ts";
import type { ProgrammeAdminDeps } from "./deps.ts";
import { agencyOf, refusals } from "./refusals.ts";
import { draftBody, parseBody } from "./requests.ts";

type DraftDeps = Pick<ProgrammeAdminDeps, "programmes" | "clock">;

const ID = /^[a-z0-9-]{3,64}$/;

export interface SavedDraft {
  draft: ProgrammeDraft;
  /** True when an earlier draft of the same programme was replaced. */
  replaced: boolean;
}

/**
 * POST /programmes: a draft from the metadata and the Bilaga 1 CSV, with the preview the officer
 * checks before publishing (every refusal by line, and what the rows add up to). A draft with
 * problems is kept too: the officer fixes the CSV and sends it again, which replaces it. The
 * agency is the officer's own; a draft naming another agency is refused.
 */
export async function saveProgrammeDraft(
  deps: DraftDeps,
  principal: Principal,
  body: unknown,
): Promise<SavedDraft> {
  const agency = agencyOf(principal);
  const input = parseBody(draftBody, body);
  const id = input.meta.id;
  // Without an id there is nothing to file the draft under.
  if (typeof id !== "string" || !ID.test(id)) {
    throw new ValidationError([
      id === undefined
        ? fieldError("meta.id", "REQUIRED")
        : fieldError("meta.id", "INVALID_VALUE", { allowed: [] }),
    ]);
  }
  if (input.meta.agency !== undefined && input.meta.agency !== agency) throw refusals.otherAgency();
  const [published, previous] = await Promise.all([
    deps.programmes.getCurrent(id),
    deps.programmes.getDraft(id),
  ]);
  if (published)
    throw published.programme.agency === agency ? refusals.alreadyPublished() : refusals.idTaken();
  if (previous && previous.agency !== agency) throw refusals.idTaken();

  const meta = { ...input.meta, agency };
  const result = importProgramme(meta, input.bilaga1Csv);
  const at = deps.clock.now().toISOString();
  const actor: Actor = actorOf(principal);
  const draft: ProgrammeDraft = {
    programmeId: id,
    agency,
    meta,
    bilaga1Csv: input.bilaga1Csv,
    savedAt: at,
    savedBy: actor,
    problems: result.ok ? [] : result.problems,
    totals: result.totals,
  };
  const audit: AuditEvent = {
    at,
    actor,
    action: "programme.draft-saved",
    details: {
      programmeId: id,
      problems: draft.problems.length,
      rows: draft.totals.rows,
      sum: draft.totals.sum,
    },
  };
  if (!(await deps.programmes.saveDraft(draft, audit))) throw refusals.alreadyPublished();
  return { draft, replaced: previous !== undefined };
}

/** GET /programmes/{id}/draft: the draft of the officer's own agency, or 404. */
export async function getProgrammeDraft(
  deps: Pick<ProgrammeAdminDeps, "programmes">,
  principal: Principal,
  programmeId: string,
): Promise<ProgrammeDraft> {
  const agency = agencyOf(principal);
  const draft = await deps.programmes.getDraft(programmeId);
  if (!draft || draft.agency !== agency) throw refusals.noDraft();
  return draft;
}
