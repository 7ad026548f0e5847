import { randomUUID } from "node:crypto";
import type { Actor } from "../audit.ts";
import { actorOf, assertMayRead, type Principal } from "../auth/principal.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { conflicts } from "./conflicts.ts";
import type { SubmissionDeps } from "./deps.ts";
import { attachmentTransition, FINAL, transition, voidOpen } from "./lifecycle.ts";
import type { Attachment, AttachmentType } from "./model.ts";
import { originalKey } from "./object-keys.ts";
import type { SubmissionDetail } from "./ports.ts";
import { type UploadSlot, uploadSlot } from "./upload-slot.ts";

/** A submission never holds more files than this over its life: enough for honest retries, no more. */
export const MAX_ATTACHMENTS_PER_SUBMISSION = 12;

/**
 * Where an open request for a document of `type` stands: asked for when this version was
 * returned, or when the version it corrects was, and not yet met by an accepted file.
 */
function openRequest(
  detail: SubmissionDetail,
  previous: SubmissionDetail | undefined,
  type: AttachmentType,
): { placeholder?: Attachment } | undefined {
  const s = detail.submission;
  const askedOn = [detail, previous].find(
    (d) =>
      d?.submission.decision?.decision === "return" && d.submission.decision.requestedAttachment === type,
  );
  if (!askedOn) return undefined;
  // The returned version takes the file while it is returned; once corrected, its correction does.
  if (askedOn === detail && s.status !== "returned") return undefined;
  if (FINAL.includes(s.status)) return undefined;
  const since = askedOn.submission.decision?.at ?? "";
  const files = [...(previous?.attachments ?? []), ...detail.attachments].filter(
    (a) => a.type === type && a.createdAt >= since,
  );
  if (files.some((a) => a.status === "accepted")) return undefined;
  const placeholder = detail.attachments.find((a) => a.type === type && a.status === "requested");
  return placeholder ? { placeholder } : {};
}

/**
 * POST /submissions/{id}/original and /attachments: a presigned POST for the owner, to a key the
 * server chooses. The original has one current slot: a new one voids the older ones (a file
 * uploaded to a void slot is quarantined, never settles). Any other document needs an officer's
 * request that is still open; without one there is nothing to upload.
 */
export async function requestUpload(
  deps: SubmissionDeps,
  principal: Principal,
  submissionId: string,
  type: AttachmentType,
): Promise<UploadSlot> {
  const detail = await deps.submissions.getSubmissionDetail(submissionId);
  if (!detail) throw new NotFoundError();
  const s = detail.submission;
  assertMayRead(principal, s.kommunkod);
  if (principal.kind !== "municipality") {
    throw new ForbiddenError({
      sv: "Endast kommunen laddar upp handlingar.",
      en: "Only the municipality uploads documents.",
    });
  }
  return uploadSlot(deps, await openSlot(deps, actorOf(principal), detail, type));
}

/**
 * The slot itself, for whoever acts: the municipality through the API, or the mail intake (as the
 * system, on the sender's behalf) and an officer filing a mailed scan (shared/intake/). Every
 * guard is the same for all of them; `details` says in the audit trail how the file came.
 */
export async function openSlot(
  deps: Pick<SubmissionDeps, "submissions" | "clock" | "uploadMaxBytes">,
  actor: Actor,
  detail: SubmissionDetail,
  type: AttachmentType,
  details: Record<string, unknown> = {},
): Promise<Attachment> {
  const s = detail.submission;
  const submissionId = s.id;
  if (detail.attachments.length >= MAX_ATTACHMENTS_PER_SUBMISSION) throw conflicts.tooManyUploads();
  const at = deps.clock.now().toISOString();
  const id = randomUUID();
  const fresh: Attachment = {
    submissionId,
    id,
    type,
    key: originalKey(s, id),
    status: "pending",
    revision: 1,
    maxBytes: deps.uploadMaxBytes,
    createdAt: at,
  };
  // Every open slot of the same document is void from now on: only the newest can settle.
  const voided = voidOpen(
    detail.attachments.filter((a) => a.type === type && a.status !== "requested"),
    at,
  );
  const audit = {
    at,
    actor,
    action: "upload.requested",
    submissionId,
    details: { type, attachmentId: id, voided: voided.map((v) => v.id), ...details },
  };
  if (type === "original") {
    // A refused original's reason goes with it: the submission waits for a new file now.
    const change = {
      transition: transition(s, "new-original-slot", at),
      set: { originalSlot: id },
      remove: ["statusReason"] as const,
    };
    await deps.submissions.grantSlot({ attachment: fresh, submission: change, voided, audit });
    return fresh;
  }
  const previous = s.replaces ? await deps.submissions.getSubmissionDetail(s.replaces) : undefined;
  const request = openRequest(detail, previous, type);
  if (!request) throw conflicts.attachmentNotRequested(type);
  const snapshot = { id: s.id, status: s.status, revision: s.revision };
  if (request.placeholder) {
    // The first slot fulfils the officer's request itself: the placeholder becomes the slot.
    const placeholder = request.placeholder;
    const slot: Attachment = {
      ...placeholder,
      key: originalKey(s, placeholder.id),
      maxBytes: fresh.maxBytes,
      status: "pending",
    };
    const granted = attachmentTransition(placeholder, "grant-slot", at);
    await deps.submissions.grantSlot({ attachment: slot, granted, submission: snapshot, voided, audit });
    return slot;
  }
  await deps.submissions.grantSlot({ attachment: fresh, submission: snapshot, voided, audit });
  return fresh;
}
