import type { Clock } from "../clock.ts";
import { logger } from "../http/logger.ts";
import type { Principal } from "../http/principal.ts";
import type { FileStorage, SubmissionDetail } from "../ledger/ports.ts";
import { DOWNLOAD_TTL_SECONDS } from "./deps.ts";

/**
 * GET /submissions/{id} as officers see it: the detail with its audit trail and, once the signed
 * original is in, a short-lived presigned link to download it. Issuing a link is logged with who
 * asked, since the link itself is not tied to a person.
 */
export async function submissionView(
  detail: SubmissionDetail,
  principal: Principal,
  storage: FileStorage,
  clock: Clock,
) {
  const original = detail.submission.original;
  if (principal.kind !== "officer" || !original) return detail;
  const attachment = detail.attachments.find((a) => a.id === original.attachmentId);
  if (!attachment) return detail;
  const url = await storage.presignDownload(attachment.storedKey ?? attachment.key, DOWNLOAD_TTL_SECONDS);
  logger.info("original download link issued", {
    submissionId: detail.submission.id,
    officer: principal.sub,
    at: clock.now().toISOString(),
  });
  return {
    ...detail,
    originalDownload: {
      url,
      expiresInSeconds: DOWNLOAD_TTL_SECONDS,
      // Presigned URLs expire by real time, even when the local clock is moved.
      expiresAt: new Date(Date.now() + DOWNLOAD_TTL_SECONDS * 1000).toISOString(),
    },
  };
}
