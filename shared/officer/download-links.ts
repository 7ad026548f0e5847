import type { Principal } from "../auth/principal.ts";
import type { Clock } from "../clock.ts";
import { logger } from "../logger.ts";
import type { FileStorage, SubmissionDetail } from "../submissions/ports.ts";

/** How long an officer's download link for a signed original stays valid. */
export const DOWNLOAD_TTL_SECONDS = 300;

/**
 * GET /submissions/{id} as officers see it: the detail with its audit trail and short-lived
 * presigned links to download the accepted files: the signed original (`originalDownload`, shown
 * beside the data) and any other accepted attachment such as a requested bank statement
 * (`attachmentDownloads`). Issuing links is logged with who asked, since a link is not tied to a
 * person.
 */
export async function submissionView<D extends Pick<SubmissionDetail, "submission" | "attachments">>(
  detail: D,
  principal: Principal,
  storage: FileStorage,
  clock: Clock,
) {
  if (principal.kind !== "officer") return detail;
  const originalId = detail.submission.original?.attachmentId;
  const accepted = detail.attachments.filter((a) => a.status === "accepted");
  if (accepted.length === 0) return detail;
  // Presigned URLs expire by real time, even when the local clock is moved.
  const expiresAt = new Date(Date.now() + DOWNLOAD_TTL_SECONDS * 1000).toISOString();
  const links = await Promise.all(
    accepted.map(async (a) => ({
      attachmentId: a.id,
      type: a.type,
      url: await storage.presignDownload(a.storedKey ?? a.key, DOWNLOAD_TTL_SECONDS),
      expiresInSeconds: DOWNLOAD_TTL_SECONDS,
      expiresAt,
    })),
  );
  logger.info("download links issued", {
    submissionId: detail.submission.id,
    attachments: links.map((l) => l.attachmentId),
    officer: principal.sub,
    at: clock.now().toISOString(),
  });
  const original = links.find((l) => l.attachmentId === originalId);
  return {
    ...detail,
    ...(original
      ? { originalDownload: { url: original.url, expiresInSeconds: DOWNLOAD_TTL_SECONDS, expiresAt } }
      : {}),
    attachmentDownloads: links.filter((l) => l.attachmentId !== originalId),
  };
}
