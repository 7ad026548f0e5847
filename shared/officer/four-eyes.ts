import type { Actor } from "../audit.ts";
import { type Principal, requireRoles } from "../auth/principal.ts";
import { ForbiddenError } from "../errors.ts";

/**
 * Attestordning: money counts only when a second officer attests what a first one proposed. The
 * attestant must hold the attestant role, must not be the proposer, and must not be the officer
 * who approved the submission the money is for. People are told apart by `sub`, the account's
 * id, never by an e-mail address that could be changed or shared.
 */
export function requireSecondPair(principal: Principal, proposedBy: Actor, decidedBy?: Actor): void {
  if (principal.kind !== "officer") throw new ForbiddenError();
  requireRoles(principal, ["attestant"]);
  if (proposedBy.sub === principal.sub) {
    throw new ForbiddenError(
      {
        sv: "Du föreslog själv detta; en annan handläggare med attesträtt attesterar det.",
        en: "You proposed this yourself; another officer with the attestant role attests it.",
      },
      "ATTESTANT_IS_PROPOSER",
    );
  }
  if (decidedBy?.sub === principal.sub) {
    throw new ForbiddenError(
      {
        sv: "Du beslutade om inlämningen; en annan handläggare med attesträtt attesterar utbetalningen.",
        en: "You decided on the submission; another officer with the attestant role attests its payment.",
      },
      "ATTESTANT_DECIDED",
    );
  }
}
