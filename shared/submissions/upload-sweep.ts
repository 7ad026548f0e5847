import { BUCKET_PREFIXES } from "./object-keys.ts";
import { type CheckOutcome, checkUpload, type UploadCheckDeps } from "./upload-check.ts";

/**
 * Checks every upload that S3 stored but no check settled: an event lost to a crash between the
 * 204 and the check, or one whose retries ended in the dead-letter queue. It runs when the local
 * stack starts and on a schedule on AWS. The check is idempotent per version, so an upload that
 * was settled meanwhile (or is waiting for its malware verdict) is left as it is.
 */
export async function sweepUploads(
  deps: UploadCheckDeps,
  olderThanMs: number,
  /** S3's LastModified is real time, whatever day deps.clock says it is (`--today`, tests). */
  storageNow: number = Date.now(),
): Promise<Record<CheckOutcome, number>> {
  const counts: Record<CheckOutcome, number> = {
    accepted: 0,
    refused: 0,
    scanning: 0,
    quarantined: 0,
    ignored: 0,
  };
  const cutoff = storageNow - olderThanMs;
  for await (const object of deps.files.list(BUCKET_PREFIXES.originals)) {
    // Younger objects are still in the hands of their own event.
    if (object.lastModified.getTime() > cutoff) continue;
    counts[await checkUpload(deps, { key: object.key, etag: object.etag, size: object.size })]++;
  }
  return counts;
}
