import { createHash, randomUUID } from "node:crypto";
import * as z from "zod/mini";
import type { Principal } from "../auth/principal.ts";
import { actorOf, requireOfficer } from "../auth/principal.ts";
import { today } from "../clock.ts";
import { ValidationError } from "../errors.ts";
import { programmeFor } from "../programmes/access.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import { conflicts } from "../submissions/conflicts.ts";
import type { AllocationState, Repayment } from "../submissions/model.ts";
import { amountDue } from "../submissions/reconciliation.ts";
import type { OfficerDeps } from "./deps.ts";
import { requireSecondPair } from "./four-eyes.ts";
import { isoDate, kronor, notInFuture, parseMoneyBody } from "./money-input.ts";

const kommunkod = z.string().check(z.regex(/^\d{4}$/));
const proposalBody = z.strictObject({ kommunkod, amount: kronor, date: isoDate });
const attestBody = z.strictObject({ kommunkod, id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)) });

export interface RepaymentResult {
  repayment: Repayment;
  replayed: boolean;
  /** The municipality's totals after this step: `repaid` counts attested repayments only. */
  repaid: number;
  repaymentDue: number;
  outstanding: number;
  /** Proposed and not yet attested. */
  proposed: number;
}

function totals(
  state: AllocationState | undefined,
  repayment: Repayment,
  replayed: boolean,
  change: { repaid?: number; proposed?: number } = {},
): RepaymentResult {
  const due = amountDue(state);
  const repaid = (state?.repaid ?? 0) + (change.repaid ?? 0);
  return {
    repayment,
    replayed,
    repaid,
    repaymentDue: due,
    outstanding: Math.max(0, due - repaid),
    proposed: Math.max(0, (state?.repaymentProposed ?? 0) + (change.proposed ?? 0)),
  };
}

/**
 * POST /programmes/{id}/repayments: an officer proposes a repayment a municipality made (unspent
 * funds, or a reclaim). Bounded by what is due (amountDue), so a slip of the keyboard cannot
 * record more than is owed; it counts as repaid only once another officer attests it. With an
 * Idempotency-Key a retried request proposes nothing new.
 */
export async function proposeRepayment(
  deps: OfficerDeps,
  principal: Principal,
  programmeId: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<RepaymentResult> {
  const programme = await programmeFor(deps.catalogue, principal, programmeId);
  const input = parseMoneyBody(proposalBody, body);
  const errors = notInFuture("date", input.date, today(deps.clock));
  if (!allocationFor(programme, input.kommunkod)) {
    errors.push({
      path: "kommunkod",
      code: "UNKNOWN_RECIPIENT",
      message: { sv: "Kommunen saknar tilldelning i bidraget.", en: "No allocation for this municipality." },
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  const id = idempotencyKey
    ? createHash("sha256").update(`${input.kommunkod}\n${idempotencyKey}`).digest("hex").slice(0, 32)
    : randomUUID();
  const state = await deps.submissions.getAllocation(programmeId, input.kommunkod);
  const earlier = idempotencyKey
    ? await deps.officer.getRepayment(programmeId, input.kommunkod, id)
    : undefined;
  if (earlier) {
    // A retry repeats the request; a different repayment under a used key is a mistake, not a retry.
    if (earlier.amount !== input.amount || earlier.date !== input.date)
      throw conflicts.idempotencyKeyReused();
    return totals(state, earlier, true);
  }
  const due = amountDue(state);
  if (!state?.baseRequisitionId || due === 0) throw conflicts.nothingToRepay();
  const repaid = state.repaid ?? 0;
  if (repaid + input.amount > due) throw conflicts.repaymentExceedsDue(due - repaid);
  const at = deps.clock.now().toISOString();
  const actor = actorOf(principal);
  const repayment: Repayment = {
    id,
    programmeId,
    ...input,
    status: "proposed",
    proposedBy: actor,
    proposedAt: at,
  };
  const outcome = await deps.officer.proposeRepayment({
    repayment,
    audit: { at, actor, action: "repayment.proposed", details: { ...input, id } },
  });
  if (outcome === "replayed") {
    const first = await deps.officer.getRepayment(programmeId, input.kommunkod, id);
    if (first) return totals(state, first, true);
  }
  return totals(state, repayment, false, { proposed: input.amount });
}

/**
 * POST /programmes/{id}/repayments/attest {"kommunkod","id"}: an attestant who did not propose it
 * attests a proposed repayment; only now is it repaid. The bound is checked again against the
 * repaid total, conditionally on it, so two proposals cannot together exceed what is due.
 */
export async function attestRepayment(
  deps: OfficerDeps,
  principal: Principal,
  programmeId: string,
  body: unknown,
): Promise<RepaymentResult> {
  await programmeFor(deps.catalogue, principal, programmeId);
  const input = parseMoneyBody(attestBody, body);
  for (let attempt = 0; attempt < 5; attempt++) {
    const proposed = await deps.officer.getRepayment(programmeId, input.kommunkod, input.id);
    if (!proposed) throw conflicts.repaymentNotProposed();
    if (proposed.status === "attested") throw conflicts.repaymentAlreadyAttested();
    requireSecondPair(principal, proposed.proposedBy);
    const state = await deps.submissions.getAllocation(programmeId, input.kommunkod);
    const due = amountDue(state);
    const repaid = state?.repaid ?? 0;
    if (repaid + proposed.amount > due) throw conflicts.repaymentExceedsDue(Math.max(0, due - repaid));
    const at = deps.clock.now().toISOString();
    const actor = actorOf(principal);
    const repayment: Repayment = { ...proposed, status: "attested", attestedBy: actor, attestedAt: at };
    const outcome = await deps.officer.attestRepayment({
      repayment,
      previousRepaid: repaid,
      audit: {
        at,
        actor,
        action: "repayment.attested",
        details: { kommunkod: input.kommunkod, id: input.id, amount: proposed.amount, date: proposed.date },
      },
    });
    if (outcome === "attested") throw conflicts.repaymentAlreadyAttested();
    if (outcome === "recorded")
      return totals(state, repayment, false, { repaid: proposed.amount, proposed: -proposed.amount });
  }
  throw conflicts.ledgerChanged();
}

/**
 * GET /programmes/{id}/repayments: the repayments waiting for an attestant (proposed, not yet
 * attested), oldest first, with who proposed each, so the officers' page can offer "Attestera"
 * to an attestant who did not propose it.
 */
export async function proposedRepayments(
  deps: OfficerDeps,
  principal: Principal,
  programmeId: string,
): Promise<Repayment[]> {
  requireOfficer(principal);
  await programmeFor(deps.catalogue, principal, programmeId);
  const all = await deps.officer.listRepayments(programmeId);
  return all.filter((r) => r.status === "proposed").sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
}
