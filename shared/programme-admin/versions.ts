import type { Actor } from "../audit.ts";
import type { Principal } from "../auth/principal.ts";
import { maySee } from "../programmes/access.ts";
import { checkedProgramme } from "../programmes/catalogue.ts";
import type { CurrentProgramme } from "../programmes/ports.ts";
import type { Programme } from "../programmes/schema.ts";
import type { ProgrammeAdminDeps } from "./deps.ts";
import { refusals } from "./refusals.ts";

/** The published programme as it stands (past any cache), if the officer's agency runs it; else 404. */
export async function currentFor(
  deps: Pick<ProgrammeAdminDeps, "programmes">,
  principal: Principal,
  programmeId: string,
): Promise<CurrentProgramme> {
  const current = await deps.programmes.getCurrent(programmeId);
  if (!current || principal.kind !== "officer" || !maySee(principal, current.programme))
    throw refusals.notFound();
  return current;
}

/**
 * The version before `current`, when the programme has been opened (announced): what a repeated
 * request compares with to queue the mails its first call may not have. None before opening,
 * when the announcement itself carries every fact.
 */
export async function previousOfOpened(
  deps: Pick<ProgrammeAdminDeps, "programmes">,
  current: CurrentProgramme,
): Promise<Programme | undefined> {
  const id = current.programme.id;
  if (current.version < 2 || !(await deps.programmes.getOpening(id))) return undefined;
  return (await deps.programmes.getVersion(id, current.version - 1))?.programme;
}

/**
 * Publishes `next` as the version after `current`, with its audit entry: conditional on `current`
 * still being the latest, so two officers' changes never both win (409 PROGRAMME_CHANGED).
 */
export async function publishNext(
  deps: Pick<ProgrammeAdminDeps, "programmes">,
  current: CurrentProgramme,
  next: Programme,
  at: string,
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
): Promise<number> {
  const version = current.version + 1;
  const ok = await deps.programmes.publish({
    programme: checkedProgramme(next),
    version,
    publishedAt: at,
    audit: { at, actor, action, details: { programmeId: next.id, version, ...details } },
  });
  if (!ok) throw refusals.changed();
  return version;
}
