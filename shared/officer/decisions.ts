import { randomUUID } from "node:crypto";
import * as z from "zod/mini";
import { actorOf, type Principal } from "../auth/principal.ts";
import { addressesFor } from "../contacts/recipients.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { approvedMail, refusedMail, returnedMail } from "../mail/templates/submission.ts";
import { programmeFor } from "../programmes/access.ts";
import { transition, voidOpen } from "../submissions/lifecycle.ts";
import { factsOf } from "../submissions/mail-facts.ts";
import type { Attachment, Decision, Submission } from "../submissions/model.ts";
import { originalKey } from "../submissions/object-keys.ts";
import type { LedgerRelease } from "../submissions/ports.ts";
import type { OfficerDeps } from "./deps.ts";

const reason = z.string().check(z.trim(), z.minLength(3), z.maxLength(2000));
const decisionBody = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("approve") }),
  z.strictObject({
    decision: z.literal("return"),
    reason,
    requestedAttachment: z.optional(z.enum(["bank-statement", "original"])),
  }),
  z.strictObject({ decision: z.literal("refuse"), reason }),
]);

function parseDecision(body: unknown) {
  const parsed = decisionBody.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((i) => ({
      path: i.path.join("."),
      code: i.path[0] === "reason" ? "REASON_REQUIRED" : "INVALID_DECISION",
      message:
        i.path[0] === "reason"
          ? { sv: "Ange ett skäl (3–2000 tecken).", en: "Give a reason (3–2000 characters)." }
          : {
              sv: 'Beslutet ska vara {"decision":"approve"}, {"decision":"return","reason":"…"} eller {"decision":"refuse","reason":"…"}.',
              en: 'The decision must be {"decision":"approve"}, {"decision":"return","reason":"…"} or {"decision":"refuse","reason":"…"}.',
            },
    })),
  );
}

const EVENT = { approve: "approve", return: "return", refuse: "refuse" } as const;

/**
 * POST /submissions/{id}/decision: approve; return with a reason (the municipality may then send
 * a corrected version, and the return may ask for a document); or refuse a requisition (avslag)
 * with a reason, which gives its reservation back. The lifecycle says which is possible now, and
 * the store writes it conditional on the state and revision read here, so two officers deciding
 * at once cannot both win, and a decision never lands on a version that was replaced meanwhile.
 */
export async function decide(
  deps: OfficerDeps,
  principal: Principal,
  submissionId: string,
  body: unknown,
): Promise<Submission> {
  const input = parseDecision(body);
  const submission = await deps.submissions.getSubmission(submissionId);
  if (!submission) throw new NotFoundError();
  const programme = await programmeFor(deps.catalogue, principal, submission.programmeId);
  const at = deps.clock.now().toISOString();
  const t = transition(submission, EVENT[input.decision], at);
  const actor = actorOf(principal);
  const decision: Decision = {
    decision: input.decision,
    by: actor,
    at,
    ...("reason" in input ? { reason: input.reason } : {}),
    ...(input.decision === "return" && input.requestedAttachment
      ? { requestedAttachment: input.requestedAttachment }
      : {}),
  };
  const to = await addressesFor(deps.contacts, submission.kommunkod, submission.createdBy);
  const facts = factsOf(submission, programme, deps.webBaseUrl);
  const mail =
    input.decision === "approve"
      ? approvedMail(facts)
      : input.decision === "refuse"
        ? refusedMail({ ...facts, reason: input.reason })
        : returnedMail({
            ...facts,
            reason: input.reason,
            ...(input.requestedAttachment ? { requestedAttachment: input.requestedAttachment } : {}),
          });
  const request =
    decision.requestedAttachment === "bank-statement" ? requestedDocument(submission, at) : undefined;
  const release = input.decision === "refuse" ? await releaseOf(deps, submission, at) : undefined;
  // A refused requisition takes no more files: its open upload slots and requests are void.
  const voided =
    input.decision === "refuse"
      ? voidOpen((await deps.submissions.getSubmissionDetail(submissionId))?.attachments ?? [], at)
      : [];
  await deps.officer.decide({
    change: {
      transition: t,
      set: { decision, ...(decision.reason ? { statusReason: decision.reason } : {}) },
    },
    ...(request ? { request } : {}),
    ...(release ? { release } : {}),
    ...(voided.length > 0 ? { voided } : {}),
    audit: {
      at,
      actor,
      action: `submission.${t.to}`,
      submissionId,
      details: {
        reference: submission.reference,
        decision: decision.decision,
        reason: decision.reason,
        requestedAttachment: decision.requestedAttachment,
      },
    },
    mails: [outboxMail(to, mail, t.to, submission.id)],
  });
  return {
    ...submission,
    status: t.to,
    revision: submission.revision + 1,
    decision,
    ...(decision.reason ? { statusReason: decision.reason } : {}),
    updatedAt: at,
  };
}

/**
 * The officer's request for a document other than the original: a `requested` attachment, the
 * only way such a document can be uploaded at all. (A new original is asked for by returning:
 * the correction brings its own.)
 */
function requestedDocument(submission: Submission, at: string): Attachment {
  const id = randomUUID();
  return {
    submissionId: submission.id,
    id,
    type: "bank-statement",
    key: originalKey(submission, id),
    status: "requested",
    revision: 1,
    maxBytes: 0,
    createdAt: at,
  };
}

/** What a refusal gives back: the requisition's amount, lapsing with the right if that has lapsed. */
async function releaseOf(deps: OfficerDeps, s: Submission, at: string): Promise<LedgerRelease> {
  const state = await deps.submissions.getAllocation(s.programmeId, s.kommunkod);
  return {
    programmeId: s.programmeId,
    kommunkod: s.kommunkod,
    submissionId: s.id,
    grantKind: s.grantKind ?? "base",
    amount: s.amount,
    afterLapse: Boolean(state?.lapsedAt),
    at,
  };
}
