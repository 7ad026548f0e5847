import type { Actor } from "../audit.ts";
import type { Principal } from "../auth/principal.ts";
import { actorOf } from "../auth/principal.ts";
import { recipientsOf } from "../contacts/recipients.ts";
import { stockholmDate } from "../dates.ts";
import { logger } from "../logger.ts";
import { announcementMail } from "../mail/templates/programme.ts";
import { programmeFor } from "../programmes/access.ts";
import { effectiveDeadlines } from "../programmes/deadlines.ts";
import type { ProgrammeOpening } from "../programmes/opening.ts";
import type { Programme } from "../programmes/schema.ts";
import { conflicts } from "../submissions/conflicts.ts";
import type { DeadlineDeps } from "./deps.ts";
import { loadDirectory } from "./directory.ts";
import { markedMail, municipalFacts, programmeFacts } from "./facts.ts";
import type { MarkedMail } from "./ports.ts";
import { markerKey } from "./schedule.ts";

export interface OpenResult {
  programmeId: string;
  openedAt: string;
  openedBy: Actor;
  /** False when the programme was open already (the call only sent what was missing). */
  opened: boolean;
  announced: number;
  alreadyAnnounced: number;
  /** Municipalities without any address in the contact register; open again once they have one. */
  unreachable: string[];
}

/**
 * POST /programmes/{id}/open: records the opening and mails every municipality its own allocation,
 * the deadlines, the diarienummer and how to requisition. Seed 003 (3.6.1) found municipalities
 * that never knew they could claim; this is the answer. Calling it again sends only what was not
 * sent (a failed run, a municipality that got an address since), never a second announcement.
 */
export async function openProgramme(deps: DeadlineDeps, principal: Principal, programmeId: string) {
  const programme = await programmeFor(deps.catalogue, principal, programmeId);
  return announceProgramme(deps, programme, actorOf(principal));
}

/** Opens `programme` (as the caller has it in hand, e.g. just published) and announces it. */
export async function announceProgramme(
  deps: DeadlineDeps,
  programme: Programme,
  actor: Actor,
): Promise<OpenResult> {
  const programmeId = programme.id;
  const now = deps.clock.now();
  const at = now.toISOString();
  const day = stockholmDate(now);
  const deadline = effectiveDeadlines(programme).requisition;
  if (day > deadline) throw conflicts.programmeDeadlinePassed(deadline);
  const opening: ProgrammeOpening = { programmeId, openedAt: at, openedOn: day, openedBy: actor };
  const opened = await deps.programmes.saveOpening(opening, {
    at,
    actor,
    action: "programme.opened",
    details: { programmeId, requisitionDeadline: deadline },
  });
  const current = opened ? opening : ((await deps.programmes.getOpening(programmeId)) ?? opening);
  const [done, directory] = await Promise.all([
    deps.deadlines.listReminderKeys(programmeId),
    loadDirectory(deps),
  ]);
  const facts = programmeFacts(programme, deps.webBaseUrl);
  const items: MarkedMail[] = [];
  const unreachable: string[] = [];
  let alreadyAnnounced = 0;
  for (const allocation of programme.allocations) {
    if (done.has(markerKey(allocation.kommunkod, "announcement", 0))) {
      alreadyAnnounced++;
      continue;
    }
    const to = recipientsOf(directory, allocation.kommunkod);
    if (to.length === 0) {
      unreachable.push(allocation.kommunkod);
      continue;
    }
    const mail = announcementMail(facts, municipalFacts(allocation));
    items.push(markedMail(programmeId, allocation.kommunkod, "announcement", 0, at, to, mail));
  }
  const announced = await deps.deadlines.sendOnce(items);
  logger.info("programme opened", { programmeId, opened, announced, unreachable: unreachable.length });
  const result: OpenResult = {
    programmeId,
    openedAt: current.openedAt,
    openedBy: current.openedBy,
    opened,
    announced,
    alreadyAnnounced: alreadyAnnounced + (items.length - announced),
    unreachable,
  };
  return result;
}
