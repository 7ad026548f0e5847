import { actorOf, type Principal } from "../auth/principal.ts";
import { stockholmDate } from "../dates.ts";
import { conflicts } from "../submissions/conflicts.ts";
import type { ProgrammeAdminDeps } from "./deps.ts";
import { closeBody, parseBody } from "./requests.ts";
import { currentFor, publishNext } from "./versions.ts";

/**
 * POST /programmes/{id}/close: nothing more is submitted under the programme (requisitions,
 * reports and corrections answer 409 PROGRAMME_CLOSED) and the daily job stops reminding. What
 * was submitted stays, and officers still decide, pay and register repayments.
 */
export async function closeProgramme(
  deps: Pick<ProgrammeAdminDeps, "programmes" | "clock">,
  principal: Principal,
  programmeId: string,
  body: unknown,
): Promise<{ programmeId: string; version: number; closed: { on: string; reason: string } }> {
  const { reason } = parseBody(closeBody, body);
  const current = await currentFor(deps, principal, programmeId);
  if (current.programme.closed) throw conflicts.programmeClosed(current.programme.closed.on);
  const now = deps.clock.now();
  const closed = { on: stockholmDate(now), reason };
  const next = { ...current.programme, closed };
  const version = await publishNext(
    deps,
    current,
    next,
    now.toISOString(),
    actorOf(principal),
    "programme.closed",
    {
      reason,
    },
  );
  return { programmeId, version, closed };
}
