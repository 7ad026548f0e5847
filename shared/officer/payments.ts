import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Principal } from "../auth/principal.ts";
import { actorOf } from "../auth/principal.ts";
import { today } from "../clock.ts";
import { addressesFor } from "../contacts/recipients.ts";
import { type FieldError, NotFoundError, ValidationError } from "../errors.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { paymentMail } from "../mail/templates/submission.ts";
import { programmeFor } from "../programmes/access.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import { isoDate } from "../programmes/schema.ts";
import { conflicts } from "../submissions/conflicts.ts";
import { transition } from "../submissions/lifecycle.ts";
import { factsOf } from "../submissions/mail-facts.ts";
import type { Payment, Repayment, Submission } from "../submissions/model.ts";
import { amountDue } from "../submissions/reconciliation.ts";
import type { OfficerDeps } from "./deps.ts";

const kronor = z.number().int().positive().max(1_000_000_000_000);

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((i) => ({
      path: i.path.join("."),
      code: "INVALID_FIELD",
      message: {
        sv: "Ogiltigt värde (belopp i hela kronor, datum ÅÅÅÅ-MM-DD).",
        en: "Invalid value (amounts in whole kronor, dates YYYY-MM-DD).",
      },
    })),
  );
}

const notInFuture = (path: string, date: string, day: string): FieldError[] =>
  date > day
    ? [
        {
          path,
          code: "DATE_IN_FUTURE",
          message: { sv: `Datumet ligger efter i dag (${day}).`, en: `The date is after today (${day}).` },
        },
      ]
    : [];

const paymentBody = z.strictObject({ paidOn: isoDate, amount: kronor });

/** POST /submissions/{id}/payment: what the agency paid out on an approved requisition. */
export async function recordPayment(
  deps: OfficerDeps,
  principal: Principal,
  submissionId: string,
  body: unknown,
): Promise<Submission> {
  const input = parse(paymentBody, body);
  const submission = await deps.submissions.getSubmission(submissionId);
  if (!submission) throw new NotFoundError();
  const programme = await programmeFor(deps.catalogue, principal, submission.programmeId);
  const at = deps.clock.now().toISOString();
  // approved → paid: a payment only on an approved requisition, and once (a paid one is paid).
  const t = transition(submission, "pay", at);
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
  const payment: Payment = { paidOn: input.paidOn, amount: input.amount, recordedBy: actor, recordedAt: at };
  const to = await addressesFor(deps.contacts, submission.kommunkod, submission.createdBy);
  const facts = factsOf(submission, programme, deps.webBaseUrl);
  await deps.officer.recordPayment({
    change: { transition: t, set: { payment } },
    programmeId: submission.programmeId,
    kommunkod: submission.kommunkod,
    payment,
    mails: [
      outboxMail(
        to,
        paymentMail({ ...facts, paid: input.amount, paidOn: input.paidOn }),
        "payment",
        submission.id,
      ),
    ],
    audit: {
      at,
      actor,
      action: "payment.recorded",
      submissionId,
      details: { reference: submission.reference, paidOn: input.paidOn, amount: input.amount },
    },
  });
  return { ...submission, status: t.to, revision: submission.revision + 1, payment, updatedAt: at };
}

const repaymentBody = z.strictObject({
  kommunkod: z.string().regex(/^\d{4}$/),
  amount: kronor,
  date: isoDate,
});

export interface RepaymentResult {
  repayment: Repayment;
  replayed: boolean;
  /** The municipality's totals after this repayment. */
  repaid: number;
  repaymentDue: number;
  outstanding: number;
}

/**
 * POST /programmes/{id}/repayments: money a municipality paid back (unspent funds, or a reclaim).
 * Bounded by what is due (amountDue), so a slip of the keyboard cannot record more than is owed.
 * With an Idempotency-Key a retried request records nothing new.
 */
export async function recordRepayment(
  deps: OfficerDeps,
  principal: Principal,
  programmeId: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<RepaymentResult> {
  const programme = await programmeFor(deps.catalogue, principal, programmeId);
  const input = parse(repaymentBody, body);
  const errors = notInFuture("date", input.date, today(deps.clock));
  if (!allocationFor(programme, input.kommunkod)) {
    errors.push({
      path: "kommunkod",
      code: "UNKNOWN_MUNICIPALITY",
      message: { sv: "Kommunen saknar tilldelning i bidraget.", en: "No allocation for this municipality." },
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  const id = idempotencyKey
    ? createHash("sha256").update(`${input.kommunkod}\n${idempotencyKey}`).digest("hex").slice(0, 32)
    : randomUUID();
  const actor = actorOf(principal);
  for (let attempt = 0; attempt < 5; attempt++) {
    const state = await deps.submissions.getAllocation(programmeId, input.kommunkod);
    const due = amountDue(state);
    const totals = (repayment: Repayment, replayed: boolean, repaid: number): RepaymentResult => ({
      repayment,
      replayed,
      repaid,
      repaymentDue: due,
      outstanding: Math.max(0, due - repaid),
    });
    const earlier = idempotencyKey
      ? await deps.officer.getRepayment(programmeId, input.kommunkod, id)
      : undefined;
    if (earlier) {
      // A retry repeats the request; a different repayment under a used key is a mistake, not a retry.
      if (earlier.amount !== input.amount || earlier.date !== input.date)
        throw conflicts.idempotencyKeyReused();
      return totals(earlier, true, state?.repaid ?? 0);
    }
    if (!state?.baseRequisitionId || due === 0) throw conflicts.nothingToRepay();
    const repaid = state.repaid ?? 0;
    if (repaid + input.amount > due) throw conflicts.repaymentExceedsDue(due - repaid);
    const at = deps.clock.now().toISOString();
    const repayment: Repayment = { id, programmeId, ...input, recordedBy: actor, recordedAt: at };
    const outcome = await deps.officer.recordRepayment({
      repayment,
      previousRepaid: repaid,
      audit: { at, actor, action: "repayment.recorded", details: { ...input, id } },
    });
    if (outcome === "recorded") return totals(repayment, false, repaid + input.amount);
  }
  throw conflicts.ledgerChanged();
}
