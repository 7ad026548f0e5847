import type { Clock } from "../clock.ts";
import type { ContactStore } from "../contacts/ports.ts";
import { addressesFor } from "../contacts/recipients.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { officerNotificationMail, originalRejectedMail, receiptMail } from "../mail/templates/submission.ts";
import type { ProgrammeCatalogue } from "../programmes/ports.ts";
import type { Programme } from "../programmes/schema.ts";
import { withoutSerialNumbers } from "../signatures/redact.ts";
import { attachmentTransition, FINAL, transition } from "./lifecycle.ts";
import { factsOf, verifiedSigners } from "./mail-facts.ts";
import type { Attachment, ObjectVersion, ScanVerdict, Submission } from "./model.ts";
import { recordKey } from "./object-keys.ts";
import type {
  FileStorage,
  Retention,
  SubmissionChange,
  SubmissionSnapshot,
  SubmissionStore,
} from "./ports.ts";
import type { Refusal } from "./refusals.ts";
import type { Inspection } from "./upload-inspection.ts";

/** What settling an upload needs: where to write, whom to tell, how long records stay locked. */
export interface SettlementDeps {
  submissions: SubmissionStore;
  catalogue: ProgrammeCatalogue;
  files: FileStorage;
  contacts: Pick<ContactStore, "getContact">;
  clock: Clock;
  /** Accepted files are locked (Object Lock, GOVERNANCE) for this many days. */
  recordRetentionDays: number;
  /** Base of links in mail. */
  webBaseUrl?: string;
}

/** One upload being settled: the slot, its submission and the exact version that was checked. */
export interface Upload {
  submission: Submission;
  attachment: Attachment;
  programme: Programme;
  version: ObjectVersion;
}

const SYSTEM = { sub: "upload-check", kind: "system" as const };

/**
 * Whether a file in this slot may still settle: the slot is open (pending, or waiting for its
 * malware verdict), and the submission waits for exactly this file. An original settles only into
 * the submission's current slot while it awaits its original; no file settles into a submission
 * that is replaced, refused, paid or lapsed.
 */
export function isCurrentSlot(submission: Submission, attachment: Attachment): boolean {
  if (attachment.status !== "pending" && attachment.status !== "scanning") return false;
  if (FINAL.includes(submission.status)) return false;
  if (attachment.type !== "original") return true;
  return submission.originalSlot === attachment.id && submission.status === "awaiting-original";
}

function snapshot(s: Submission): SubmissionSnapshot {
  return { id: s.id, status: s.status, revision: s.revision };
}

/**
 * Accepts the checked bytes: they are written once to records/ (S3 verifies their SHA-256 and
 * locks them) before the attachment is accepted, so "accepted" always names a stored file, and
 * the very bytes that were hashed.
 */
export async function acceptUpload(
  deps: SettlementDeps,
  u: Upload,
  inspection: Inspection,
  verdict: ScanVerdict,
  bytes: Uint8Array,
): Promise<boolean> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const storedKey = recordKey(u.attachment.key);
  const retainUntil = new Date(now.getTime() + deps.recordRetentionDays * 86_400_000);
  await writeOnce(deps.files, storedKey, bytes, inspection.sha256, { retainUntil });
  const original = {
    attachmentId: u.attachment.id,
    sha256: inspection.sha256,
    size: inspection.size,
    contentType: inspection.contentType,
    pdfSignatureMarkers: inspection.pdfSignatureMarkers,
  };
  const { signature, formCode, digitalOriginal } = inspection;
  const isOriginal = u.attachment.type === "original";
  const submission: SubmissionChange | SubmissionSnapshot = isOriginal
    ? {
        transition: transition(u.submission, "accept-original", at),
        // The submission is what lists return: its copy of the signatures has no serialNumbers.
        set: {
          original: {
            ...original,
            ...(signature ? { signature: withoutSerialNumbers(signature) } : {}),
            ...(formCode ? { formCode } : {}),
            ...(digitalOriginal ? { digitalOriginal } : {}),
          },
        },
        remove: ["statusReason"],
      }
    : snapshot(u.submission);
  const facts = { ...factsOf(u.submission, u.programme, deps.webBaseUrl), sha256: inspection.sha256 };
  const to = await addressesFor(deps.contacts, u.submission.kommunkod, u.submission.createdBy);
  const settled = await deps.submissions.settle({
    attachment: attachmentTransition(u.attachment, "accept", at),
    found: {
      sha256: inspection.sha256,
      size: inspection.size,
      contentType: inspection.contentType,
      pdfSignatureMarkers: inspection.pdfSignatureMarkers,
      ...(signature ? { signature } : {}),
      ...(formCode ? { formCode } : {}),
      ...(digitalOriginal ? { digitalOriginal } : {}),
      object: u.version,
      scan: verdict,
      storedKey,
    },
    submission,
    audit: {
      at,
      actor: SYSTEM,
      action: "upload.accepted",
      submissionId: u.submission.id,
      // The audit trail names the verdict only: no signer, no personnummer.
      details: {
        type: u.attachment.type,
        scan: verdict.result,
        ...original,
        ...(signature ? { signature: signature.status } : {}),
        ...(formCode ? { formCode: formCode.result } : {}),
        // A verified digital signature stood in for the scan; who signed is on the attachment.
        ...(digitalOriginal ? { digitalOriginal: true } : {}),
      },
    },
    mails: isOriginal
      ? [
          outboxMail(
            to,
            receiptMail({ ...facts, verifiedSigners: verifiedSigners(signature) }),
            "receipt",
            u.submission.id,
          ),
          outboxMail(
            u.programme.officerEmails,
            officerNotificationMail({
              ...facts,
              verifiedSigners: verifiedSigners(signature),
              scanMatched: formCode ? formCode.result === "matched" : undefined,
            }),
            "officer-notification",
            u.submission.id,
          ),
        ]
      : [],
  });
  // The slot's object is no longer needed (versioning keeps it on AWS): a later object under this
  // key can only be a replayed upload, which finds the slot used and is quarantined.
  if (settled) await deps.files.remove(u.attachment.key, u.version);
  return settled;
}

/** A retried event may find the file written by its first delivery: the same bytes are fine. */
async function writeOnce(
  files: FileStorage,
  key: string,
  bytes: Uint8Array,
  sha256: string,
  retention?: Retention,
): Promise<void> {
  try {
    await files.put(key, bytes, sha256, retention);
  } catch (error) {
    const existing = await files.head(key);
    if (!existing || existing.size !== bytes.length) throw error;
  }
}

/**
 * Refuses the upload: the exact version goes to quarantine, the municipality is told why. What
 * the check had found of the file's digital signatures (`inspection`) is kept with the refusal, so
 * both see why a signed form did not stand in.
 */
export async function refuseUpload(
  deps: SettlementDeps,
  u: Upload,
  refusal: Refusal,
  verdict?: ScanVerdict,
  inspection?: Pick<Inspection, "signature">,
): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  await deps.files.quarantine(u.attachment.key, u.version);
  const isOriginal = u.attachment.type === "original";
  const submission: SubmissionChange | SubmissionSnapshot = isOriginal
    ? {
        transition: transition(u.submission, "refuse-original", at),
        set: { statusReason: refusal.message.en },
      }
    : snapshot(u.submission);
  const to = await addressesFor(deps.contacts, u.submission.kommunkod, u.submission.createdBy);
  const facts = factsOf(u.submission, u.programme, deps.webBaseUrl);
  return deps.submissions.settle({
    attachment: attachmentTransition(u.attachment, "refuse", at),
    found: {
      refusal,
      object: u.version,
      ...(verdict ? { scan: verdict } : {}),
      ...(inspection?.signature && inspection.signature.status !== "none"
        ? { signature: inspection.signature }
        : {}),
    },
    submission,
    audit: {
      at,
      actor: SYSTEM,
      action: "upload.rejected",
      submissionId: u.submission.id,
      details: { type: u.attachment.type, refusal },
    },
    mails: [
      outboxMail(
        to,
        originalRejectedMail({
          ...facts,
          reasonSv: refusal.message.sv,
          reasonEn: refusal.message.en,
          attachmentType: u.attachment.type,
        }),
        "original-rejected",
        u.submission.id,
      ),
    ],
  });
}

/**
 * The file passed the check; the malware verdict has not come in. The checked bytes wait under
 * inspected/ (out of every upload's reach) and the attachment shows "scanning" until it does.
 */
export async function awaitVerdict(
  deps: SettlementDeps,
  u: Upload,
  inspection: Inspection,
  bytes: Uint8Array,
  inspectedKey: string,
): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  await writeOnce(deps.files, inspectedKey, bytes, inspection.sha256);
  return deps.submissions.settle({
    attachment: attachmentTransition(u.attachment, "await-verdict", at),
    found: {
      sha256: inspection.sha256,
      size: inspection.size,
      contentType: inspection.contentType,
      pdfSignatureMarkers: inspection.pdfSignatureMarkers,
      ...(inspection.signature ? { signature: inspection.signature } : {}),
      ...(inspection.formCode ? { formCode: inspection.formCode } : {}),
      ...(inspection.digitalOriginal ? { digitalOriginal: inspection.digitalOriginal } : {}),
      object: u.version,
      inspectedKey,
    },
    submission: snapshot(u.submission),
    audit: {
      at,
      actor: SYSTEM,
      action: "upload.scanning",
      submissionId: u.submission.id,
      details: { type: u.attachment.type, sha256: inspection.sha256 },
    },
    mails: [],
  });
}
