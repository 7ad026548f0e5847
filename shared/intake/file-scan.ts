import { createHash } from "node:crypto";
import type { Actor } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { openSlot } from "../submissions/request-upload.ts";
import type { IntakeListDeps } from "./deps.ts";

/**
 * Files a mailed scan as a submission's original through the same path as an upload: a fresh
 * upload slot for the original (the use case request-upload uses), then the bytes written to the
 * slot's key. The bucket's ObjectCreated event then runs the upload check and the malware scan on
 * them like on any upload, so every guard applies (wrong state, a stale slot, the form of another
 * submission, a missing signature page) and nothing here decides whether the scan is the original.
 * Chosen over settling the scan here: one path into "received", not two that could drift apart.
 * Throws ConflictError when the submission does not wait for an original.
 */
export async function fileScan(
  deps: Pick<IntakeListDeps, "submissions" | "files" | "clock" | "uploadMaxBytes">,
  actor: Actor,
  submissionId: string,
  bytes: Uint8Array,
  details: Record<string, unknown>,
): Promise<{ attachmentId: string; reference: string }> {
  const detail = await deps.submissions.getSubmissionDetail(submissionId);
  if (!detail) throw new NotFoundError({ sv: "Inlämningen finns inte.", en: "No such submission." });
  const slot = await openSlot(deps, actor, detail, "original", { via: "e-mail", ...details });
  await deps.files.put(slot.key, bytes, createHash("sha256").update(bytes).digest("hex"));
  return { attachmentId: slot.id, reference: detail.submission.reference };
}
