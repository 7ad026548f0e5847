import { randomUUID } from "node:crypto";
import { actorOf, assertMayRead, type Principal } from "../auth/principal.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { conflicts } from "./conflicts.ts";
import type { SubmissionDeps } from "./deps.ts";
import type { Attachment, AttachmentType } from "./model.ts";
import { originalKey } from "./object-keys.ts";
import type { UploadSlot } from "./upload-slot.ts";
import { uploadSlot } from "./upload-slot.ts";

/** POST /submissions/{id}/original and /attachments: a new presigned POST for the owner. */
export async function requestUpload(
  deps: SubmissionDeps,
  principal: Principal,
  submissionId: string,
  type: AttachmentType,
): Promise<UploadSlot> {
  const submission = await deps.submissions.getSubmission(submissionId);
  if (!submission) throw new NotFoundError();
  assertMayRead(principal, submission.kommunkod);
  if (principal.kind !== "municipality") {
    throw new ForbiddenError({
      sv: "Endast kommunen laddar upp handlingar.",
      en: "Only the municipality uploads documents.",
    });
  }
  const isOriginal = type === "original";
  if (isOriginal && submission.status !== "awaiting-original" && submission.status !== "original-rejected") {
    throw conflicts.originalAlreadyReceived();
  }
  const now = deps.clock.now().toISOString();
  const id = randomUUID();
  const attachment: Attachment = {
    submissionId,
    id,
    type,
    key: originalKey(submission, id),
    status: "pending",
    maxBytes: deps.uploadMaxBytes,
    createdAt: now,
  };
  await deps.submissions.addAttachment(
    attachment,
    {
      at: now,
      actor: actorOf(principal),
      action: "upload.requested",
      submissionId,
      details: { type, attachmentId: id },
    },
    isOriginal && submission.status === "original-rejected" ? submission : undefined,
  );
  return uploadSlot(deps, attachment);
}
