import { createHash } from "node:crypto";
import { logger } from "../logger.ts";
import type { ObjectVersion, ScanVerdict } from "./model.ts";
import { type CheckOutcome, refusalOf, type ScanVerdictDeps, uploadOf } from "./upload-check.ts";
import { acceptUpload, isCurrentSlot, refuseUpload } from "./upload-settlement.ts";

/** GuardDuty Malware Protection for S3's result for one object version. */
export interface ObjectScanResult {
  key: string;
  etag: string;
  versionId?: string;
  result: ScanVerdict["result"];
}

/**
 * The malware verdict for one uploaded version (GuardDuty's scan-result event on AWS; the local
 * stack's stand-in locally). It settles the attachment that waits for it; a verdict that comes
 * before the check is kept, and the check settles. A verdict for any other version, or for a slot
 * that is no longer current, changes nothing: the scan fails closed, and only NO_THREATS_FOUND
 * for the very bytes that were checked lets a file in.
 */
export async function recordScanVerdict(
  deps: ScanVerdictDeps,
  scan: ObjectScanResult,
): Promise<CheckOutcome | "recorded"> {
  const version: ObjectVersion = {
    etag: scan.etag,
    ...(scan.versionId ? { versionId: scan.versionId } : {}),
  };
  const upload = await uploadOf(deps, scan.key, version);
  if (!upload) return "ignored";
  const { attachment, submission } = upload;
  const verdict: ScanVerdict = { result: scan.result, object: version, at: deps.clock.now().toISOString() };
  if (attachment.status === "pending") {
    return (await deps.submissions.recordVerdict(attachment, verdict)) ? "recorded" : "ignored";
  }
  if (attachment.status !== "scanning" || attachment.object?.etag !== version.etag) return "ignored";
  if (!isCurrentSlot(submission, attachment) || !attachment.inspectedKey || !attachment.sha256) {
    return "ignored";
  }
  if (verdict.result !== "NO_THREATS_FOUND") {
    const refused = await refuseUpload(deps, upload, refusalOf(verdict), verdict);
    await deps.files.remove(attachment.inspectedKey);
    return refused ? "refused" : "ignored";
  }
  const bytes = await deps.files.read(attachment.inspectedKey, { etag: version.etag });
  if (createHash("sha256").update(bytes).digest("hex") !== attachment.sha256) {
    // The waiting copy is ours alone; another hash means storage lost it. Do not accept blindly.
    logger.error("inspected copy does not match its hash", new Error("hash mismatch"), { key: scan.key });
    return "ignored";
  }
  const inspection = {
    sha256: attachment.sha256,
    size: bytes.length,
    contentType: attachment.contentType ?? "application/octet-stream",
    pdfSignatureMarkers: attachment.pdfSignatureMarkers ?? false,
    // Verified when the bytes were checked, kept on the waiting attachment.
    ...(attachment.signature ? { signature: attachment.signature } : {}),
    ...(attachment.formCode ? { formCode: attachment.formCode } : {}),
    ...(attachment.digitalOriginal ? { digitalOriginal: attachment.digitalOriginal } : {}),
  };
  const accepted = await acceptUpload(deps, upload, inspection, verdict, bytes);
  if (accepted) await deps.files.remove(attachment.inspectedKey);
  return accepted ? "accepted" : "ignored";
}
