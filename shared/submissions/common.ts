import { randomUUID } from "node:crypto";
import type { Principal } from "../auth/principal.ts";
import type { Clock } from "../clock.ts";
import { NotFoundError } from "../errors.ts";
import type { SubmissionFacts } from "../mail/templates.ts";
import { findProgramme } from "../programmes/catalogue.ts";
import type { Programme } from "../programmes/schema.ts";
import type { Actor, Attachment, OutboxMail, Submission } from "./model.ts";
import type { FileStorage, LedgerStore, PresignedUpload } from "./ports.ts";

/** Pieces every ledger use case shares; free of the form schemas so small functions stay small. */
export interface SubmissionDeps {
  store: LedgerStore;
  storage: FileStorage;
  clock: Clock;
  uploadMaxBytes: number;
  uploadTtlSeconds: number;
}

export interface UploadSlot extends PresignedUpload {
  attachmentId: string;
  maxBytes: number;
  expiresAt: string;
}

export interface SubmissionReceipt {
  id: string;
  reference: string;
  status: Submission["status"];
  upload: UploadSlot;
}

export function actorOf(principal: Principal): Actor {
  return { sub: principal.sub, kind: principal.kind, ...(principal.email ? { email: principal.email } : {}) };
}

export function requireProgramme(programmeId: string): Programme {
  const programme = findProgramme(programmeId);
  if (!programme) throw new NotFoundError({ sv: "Bidraget finns inte.", en: "No such programme." });
  return programme;
}

export function factsOf(submission: Submission, programme: Programme): SubmissionFacts {
  return {
    reference: submission.reference,
    submissionId: submission.id,
    kind: submission.kind,
    programmeTitle: programme.title,
    kommun: submission.kommun,
    kommunkod: submission.kommunkod,
    amount: submission.amount,
    ...(submission.unspent !== undefined ? { unspent: submission.unspent } : {}),
    receivedAtLocal: submission.receivedAtLocal,
    reportDeadline: programme.deadlines.report,
    repaymentDeadline: programme.deadlines.repayment,
    receivingAgency: programme.receivingAgency,
  };
}

export function outboxMail(
  to: string[],
  rendered: { subject: string; text: string; html: string },
  topic: string,
  submissionId?: string,
): OutboxMail {
  return { id: randomUUID(), to, ...rendered, topic, ...(submissionId ? { submissionId } : {}) };
}

/** A fresh presigned POST for an attachment; the server picks the key, never the client. */
export async function uploadSlot(deps: SubmissionDeps, attachment: Attachment): Promise<UploadSlot> {
  const presigned = await deps.storage.presignUpload(
    attachment.key,
    attachment.maxBytes,
    deps.uploadTtlSeconds,
  );
  return {
    ...presigned,
    attachmentId: attachment.id,
    maxBytes: attachment.maxBytes,
    // Presigned policies expire by real time (the signer uses the system clock), even when the
    // local clock is moved.
    expiresAt: new Date(Date.now() + deps.uploadTtlSeconds * 1000).toISOString(),
  };
}
