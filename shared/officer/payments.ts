import { randomUUID } from "node:crypto";
import * as z from "zod/mini";
import type { Principal } from "../auth/principal.ts";
import { actorOf } from "../auth/principal.ts";
import { today } from "../clock.ts";
import { addressesFor } from "../contacts/recipients.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { paymentMail } from "../mail/templates/submission.ts";
import { programmeFor } from "../programmes/access.ts";
import { conflicts } from "../submissions/conflicts.ts";
import { transition } from "../submissions/lifecycle.ts";
import { factsOf } from "../submissions/mail-facts.ts";
import type { Payment, PaymentProposal, Submission } from "../submissions/model.ts";
import type { OfficerDeps } from "./deps.ts";
import { requireSecondPair } from "./four-eyes.ts";
import { isoDate, kronor, notInFuture, parseMoneyBody } from "./money-input.ts";

const proposalBody = z.strictObject({ paidOn: isoDate, amount: kronor });
const attestBody = z.strictObject({ proposalId: z.string().check(z.minLength(1), z.maxLength(64)) });

async function readRequisition(deps: OfficerDeps, principal: Principal, submissionId: string) {
  const submission = await deps.submissions.getSubmission(submissionId);
  if (!submission) throw new NotFoundError();
  const programme = await programmeFor(deps.catalogue, principal, submission.programmeId);
  return { submission, programme };
}

/**
 * POST /submissions/{id}/payment: an officer proposes what the agency pays out on an approved
 * requisition (at most the requisitioned amount). It counts for nothing until another officer
 * attests it; a new proposal before that supersedes the earlier one.
 */
export async function proposePayment(
  deps: OfficerDeps,
  principal: Principal,
  submissionId: string,
  body: unknown,
): Promise<Submission> {
  const input = parseMoneyBody(proposalBody, body);
  const { submission } = await readRequisition(deps, principal, submissionId);
  const at = deps.clock.now().toISOString();
  const t = transition(submission, "propose-payment", at);
  const errors = notInFuture("paidOn", input.paidOn, today(deps.clock));
  if (input.amount > submission.amount) {
    errors.push({
      path: "amount",
      code: "AMOUNT_EXCEEDS_REQUISITION",
      message: {
        sv: "Beloppet är större än det rekvirerade.",
        en: "The amount is larger than the requisitioned amount.",
      },
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  const actor = actorOf(principal);
  const proposal: PaymentProposal = { id: randomUUID(), ...input, proposedBy: actor, proposedAt: at };
  const superseded = submission.paymentProposal?.id;
  await deps.officer.proposePayment({
    change: { transition: t, set: { paymentProposal: proposal } },
    audit: {
      at,
      actor,
      action: "payment.proposed",
      submissionId,
      details: {
        reference: submission.reference,
        proposalId: proposal.id,
        paidOn: input.paidOn,
        amount: input.amount,
        ...(superseded ? { supersedes: superseded } : {}),
      },
    },
  });
  return {
    ...submission,
    status: t.to,
    revision: submission.revision + 1,
    paymentProposal: proposal,
    updatedAt: at,
  };
}

/**
 * POST /submissions/{id}/payment/attest {"proposalId"}: an attestant attests the current proposal,
 * by its id, so what they checked is what counts; a superseded one is refused. Only now is the
 * requisition paid, the ledger's `paid` raised and the municipality told.
 */
export async function attestPayment(
  deps: OfficerDeps,
  principal: Principal,
  submissionId: string,
  body: unknown,
): Promise<Submission> {
  const input = parseMoneyBody(attestBody, body);
  const { submission, programme } = await readRequisition(deps, principal, submissionId);
  const at = deps.clock.now().toISOString();
  // payment-proposed → paid: nothing to attest before a proposal, and nothing twice.
  const t = transition(submission, "attest-payment", at);
  const proposal = submission.paymentProposal;
  if (!proposal) throw conflicts.paymentNotProposed();
  if (proposal.id !== input.proposalId) throw conflicts.proposalSuperseded();
  requireSecondPair(principal, proposal.proposedBy, submission.decision?.by);
  const actor = actorOf(principal);
  const payment: Payment = {
    paidOn: proposal.paidOn,
    amount: proposal.amount,
    proposalId: proposal.id,
    proposedBy: proposal.proposedBy,
    proposedAt: proposal.proposedAt,
    attestedBy: actor,
    attestedAt: at,
  };
  const to = await addressesFor(deps.contacts, submission.kommunkod, submission.createdBy);
  const facts = factsOf(submission, programme, deps.webBaseUrl);
  await deps.officer.attestPayment({
    change: { transition: t, set: { payment }, remove: ["paymentProposal"] },
    programmeId: submission.programmeId,
    kommunkod: submission.kommunkod,
    payment,
    mails: [
      outboxMail(
        to,
        paymentMail({ ...facts, paid: payment.amount, paidOn: payment.paidOn }),
        "payment",
        submission.id,
      ),
    ],
    audit: {
      at,
      actor,
      action: "payment.attested",
      submissionId,
      details: {
        reference: submission.reference,
        proposalId: proposal.id,
        paidOn: payment.paidOn,
        amount: payment.amount,
      },
    },
  });
  const { paymentProposal: _attested, ...rest } = submission;
  return { ...rest, status: t.to, revision: submission.revision + 1, payment, updatedAt: at };
}
