import { z } from "zod";
import type { Principal } from "../auth/principal.ts";
import { actorOf } from "../auth/principal.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { returnedMail } from "../mail/templates/submission.ts";
import { requireProgramme } from "../programmes/catalogue.ts";
import { conflicts } from "../submissions/conflicts.ts";
import { factsOf } from "../submissions/mail-facts.ts";
import type { Decision, Submission } from "../submissions/model.ts";
import type { OfficerDeps } from "./deps.ts";

const decisionBody = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("approve") }),
  z.strictObject({
    decision: z.literal("return"),
    reason: z.string().trim().min(3).max(2000),
    requestedAttachment: z.enum(["bank-statement", "original"]).optional(),
  }),
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
              sv: 'Beslutet ska vara {"decision":"approve"} eller {"decision":"return","reason":"…"}.',
              en: 'The decision must be {"decision":"approve"} or {"decision":"return","reason":"…"}.',
            },
    })),
  );
}

/**
 * POST /submissions/{id}/decision: approve, or return with a reason (mailed to the municipality,
 * which may then send a corrected version). Only a received submission can be decided; the store
 * re-checks that in the same transaction, so two officers deciding at once cannot both win.
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
  if (submission.status !== "received") throw conflicts.notDecidable(submission.status);
  const programme = requireProgramme(submission.programmeId);
  const at = deps.clock.now().toISOString();
  const actor = actorOf(principal);
  const status = input.decision === "approve" ? "approved" : "returned";
  const decision: Decision = {
    decision: input.decision,
    by: actor,
    at,
    ...(input.decision === "return" ? { reason: input.reason } : {}),
    ...(input.decision === "return" && input.requestedAttachment
      ? { requestedAttachment: input.requestedAttachment }
      : {}),
  };
  const mails = [];
  if (input.decision === "return") {
    const registry = (await deps.contacts.getContact(submission.kommunkod))?.registryEmail;
    const to = [...new Set([submission.contactEmail, ...(registry ? [registry] : [])])];
    const facts = {
      ...factsOf(submission, programme),
      reason: input.reason,
      ...(input.requestedAttachment ? { requestedAttachment: input.requestedAttachment } : {}),
    };
    mails.push(outboxMail(to, returnedMail(facts), "returned", submission.id));
  }
  await deps.officer.decide({
    submission,
    status,
    decision,
    audit: {
      at,
      actor,
      action: `submission.${status}`,
      submissionId,
      details: {
        reference: submission.reference,
        decision: decision.decision,
        reason: decision.reason,
        requestedAttachment: decision.requestedAttachment,
      },
    },
    mails,
  });
  return {
    ...submission,
    status,
    decision,
    ...(decision.reason ? { statusReason: decision.reason } : {}),
    updatedAt: at,
  };
}
