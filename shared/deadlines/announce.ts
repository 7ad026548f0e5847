import type { Principal } from "../auth/principal.ts";
import type { Clock } from "../clock.ts";
import { loadDirectory, recipientsOf } from "../contacts/recipients.ts";
import { stockholmDate } from "../dates.ts";
import { logger } from "../logger.ts";
import { announcementMail } from "../mail/templates.ts";
import { effectiveDeadlines } from "../programmes/deadlines.ts";
import { actorOf, requireProgramme } from "../submissions/common.ts";
import { conflicts } from "../submissions/conflicts.ts";
import type { Actor, ProgrammeOpening } from "../submissions/model.ts";
import type { ContactStore, DeadlineStore, LedgerStore, MarkedMail } from "../submissions/ports.ts";
import { markedMail, municipalFacts, programmeFacts } from "./facts.ts";
import { markerKey } from "./schedule.ts";

export interface DeadlineDeps {
  deadlines: DeadlineStore;
  contacts: ContactStore;
  ledger: Pick<LedgerStore, "listSubmissions">;
  clock: Clock;
  webBaseUrl?: string;
}

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
  const programme = requireProgramme(programmeId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const day = stockholmDate(now);
  const deadline = effectiveDeadlines(programme).requisition;
  if (day > deadline) throw conflicts.programmeDeadlinePassed(deadline);
  const actor = actorOf(principal);
  const opening: ProgrammeOpening = { programmeId, openedAt: at, openedOn: day, openedBy: actor };
  const opened = await deps.deadlines.saveOpening(opening, {
    at,
    actor,
    action: "programme.opened",
    details: { programmeId, requisitionDeadline: deadline },
  });
  const current = opened ? opening : ((await deps.deadlines.getOpening(programmeId)) ?? opening);
  const [done, directory] = await Promise.all([
    deps.deadlines.listReminderKeys(programmeId),
    loadDirectory(deps.contacts, deps.ledger),
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
