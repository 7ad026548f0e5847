import { createHash } from "node:crypto";
import type { Clock } from "../clock.ts";
import { logger } from "../logger.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { officerNotificationMail, originalRejectedMail, receiptMail } from "../mail/templates/submission.ts";
import { findProgramme } from "../programmes/catalogue.ts";
import { factsOf } from "./mail-facts.ts";
import type { Attachment } from "./model.ts";
import { BUCKET_PREFIX_ORIGINALS, parseOriginalKey, recordKey } from "./object-keys.ts";
import type { FileStorage, SubmissionStore } from "./ports.ts";
import { type Refusal, refusal } from "./refusals.ts";
import { pdfLooksComplete, type ScanType, SignatureMarkers, sniffType } from "./sniff.ts";

export interface UploadCheckDeps {
  submissions: SubmissionStore;
  files: FileStorage;
  clock: Clock;
}

interface Inspection {
  sha256: string;
  size: number;
  type?: ScanType;
  complete: boolean;
  pdfSigned: boolean;
}

/** One pass over the object: SHA-256, type by magic bytes, PDF completeness and signature markers. */
async function inspect(storage: FileStorage, key: string): Promise<Inspection> {
  const hash = createHash("sha256");
  let head = new Uint8Array(0);
  let tail = new Uint8Array(0);
  let size = 0;
  const markers = new SignatureMarkers();
  for await (const chunk of await storage.read(key)) {
    hash.update(chunk);
    size += chunk.length;
    if (head.length < 16) head = Buffer.concat([head, chunk]).subarray(0, 16);
    tail = Buffer.concat([tail, chunk]).subarray(-1024);
    markers.push(Buffer.from(chunk).toString("latin1"));
  }
  const type = sniffType(head);
  return {
    sha256: hash.digest("hex"),
    size,
    ...(type ? { type } : {}),
    complete: type !== "application/pdf" || pdfLooksComplete(tail),
    pdfSigned: type === "application/pdf" && markers.found,
  };
}

/** GuardDuty Malware Protection for S3 tags scanned objects; honour a verdict where there is one. */
const MALWARE_TAG = "GuardDutyMalwareScanStatus";

type Verdict = { ok: true; inspection: Inspection; etag?: string } | { ok: false; refusal: Refusal };
const refused = (...args: Parameters<typeof refusal>): Verdict => ({ ok: false, refusal: refusal(...args) });

async function judge(storage: FileStorage, attachment: Attachment): Promise<Verdict> {
  const head = await storage.head(attachment.key);
  if (!head) return refused("FILE_MISSING");
  if (head.size === 0) return refused("FILE_EMPTY");
  if (head.size > attachment.maxBytes) return refused("FILE_TOO_LARGE", attachment.maxBytes);
  const tags = await storage.tags(attachment.key);
  if (tags[MALWARE_TAG] === "THREATS_FOUND") return refused("MALWARE_FOUND");
  const inspection = await inspect(storage, attachment.key);
  if (!inspection.type) return refused("NOT_A_SCAN");
  if (!inspection.complete) return refused("PDF_INCOMPLETE");
  return { ok: true, inspection };
}

/**
 * Handles one ObjectCreated event. Accepts the scan (status received, receipt and officer mail
 * queued) or moves it to quarantine (status original-rejected, mail saying why). Objects under a
 * key no pending attachment owns are quarantined too: s3rver does not enforce the POST policy,
 * and neither should we trust that it was enforced.
 */
export async function checkUpload(
  deps: UploadCheckDeps,
  key: string,
): Promise<"accepted" | "rejected" | "ignored"> {
  // Only uploads land under originals/. The check itself writes to records/ and quarantine/; were
  // those ever delivered here (a notification without its prefix filter), acting on them would loop.
  if (!key.startsWith(BUCKET_PREFIX_ORIGINALS)) {
    logger.warn("notification outside originals/ ignored", { key });
    return "ignored";
  }
  const parsed = parseOriginalKey(key);
  const attachment = parsed
    ? await deps.submissions.getAttachment(parsed.submissionId, parsed.attachmentId)
    : undefined;
  if (!parsed || !attachment || attachment.key !== key) {
    logger.warn("upload under unknown key quarantined", { key });
    await deps.files.quarantine(key);
    return "rejected";
  }
  if (attachment.status !== "pending") {
    // The slot is used up. A repeated notification finds no object here (accepted scans are moved
    // to records/); an object that is here was uploaded again with a replayed presigned POST.
    if (!(await deps.files.head(key))) return "ignored";
    logger.warn("upload to a used slot quarantined", { key, status: attachment.status });
    await deps.files.quarantine(key);
    return "rejected";
  }
  const submission = await deps.submissions.getSubmission(parsed.submissionId);
  const programme = submission ? findProgramme(submission.programmeId) : undefined;
  if (!submission || !programme) throw new Error(`attachment ${key} without submission or programme`);

  const verdict = await judge(deps.files, attachment);
  const now = deps.clock.now().toISOString();
  const actor = { sub: "upload-check", kind: "system" as const };
  const facts = factsOf(submission, programme);
  const isOriginal = attachment.type === "original";

  if (!verdict.ok) {
    const { refusal } = verdict;
    await deps.files.quarantine(key);
    const settled = await deps.submissions.settleAttachment({
      submission,
      attachment: { ...attachment, status: "rejected", refusal },
      ...(isOriginal
        ? {
            submissionUpdate: {
              status: "original-rejected",
              statusReason: refusal.message.en,
              updatedAt: now,
            },
          }
        : {}),
      audit: {
        at: now,
        actor,
        action: "upload.rejected",
        submissionId: submission.id,
        details: { key, type: attachment.type, refusal },
      },
      mails: [
        outboxMail(
          [submission.contactEmail],
          originalRejectedMail({
            ...facts,
            reasonSv: refusal.message.sv,
            reasonEn: refusal.message.en,
            attachmentType: attachment.type,
          }),
          "original-rejected",
          submission.id,
        ),
      ],
    });
    return settled ? "rejected" : "ignored";
  }

  const { inspection } = verdict;
  // Keep the accepted scan where no presigned POST reaches, and only the version just inspected:
  // if it was replaced meanwhile, the copy fails and the retried event inspects the new one.
  const storedKey = recordKey(key);
  await deps.files.copy(key, storedKey, verdict.etag);
  const contentType = inspection.type ?? "application/octet-stream";
  const original = {
    attachmentId: attachment.id,
    sha256: inspection.sha256,
    size: inspection.size,
    contentType,
    pdfSigned: inspection.pdfSigned,
  };
  const mailFacts = { ...facts, sha256: inspection.sha256 };
  const settled = await deps.submissions.settleAttachment({
    submission,
    attachment: {
      ...attachment,
      status: "accepted",
      storedKey,
      sha256: inspection.sha256,
      size: inspection.size,
      contentType,
      pdfSigned: inspection.pdfSigned,
    },
    ...(isOriginal ? { submissionUpdate: { status: "received", original, updatedAt: now } } : {}),
    audit: {
      at: now,
      actor,
      action: "upload.accepted",
      submissionId: submission.id,
      details: { key, type: attachment.type, ...original },
    },
    mails: isOriginal
      ? [
          outboxMail([submission.contactEmail], receiptMail(mailFacts), "receipt", submission.id),
          outboxMail(
            programme.officerEmails,
            officerNotificationMail(mailFacts),
            "officer-notification",
            submission.id,
          ),
        ]
      : [],
  });
  // The slot's object is no longer needed (versioning keeps it on AWS): a later object under this
  // key can then only be a replayed upload.
  await deps.files.remove(key);
  return settled ? "accepted" : "ignored";
}
