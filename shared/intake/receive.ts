import { createHash } from "node:crypto";
import type { Actor } from "../audit.ts";
import { ConflictError } from "../errors.ts";
import { logger } from "../logger.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { intakeFiledMail, intakeWaitingMail } from "../mail/templates/intake.ts";
import type { ObjectVersion } from "../submissions/model.ts";
import { BUCKET_PREFIXES } from "../submissions/object-keys.ts";
import type { IntakeDeps } from "./deps.ts";
import { fileScan } from "./file-scan.ts";
import { type IncomingMail, parseMail } from "./mime.ts";
import { type IntakeItem, type IntakeReason, type IntakeScan, REASON_TEXT } from "./model.ts";
import { scanTypeOf } from "./scan-type.ts";
import { flagged, type SenderAuth, senderAuthOf } from "./sender-auth.ts";

export type IntakeOutcome = "filed" | "listed" | "replayed" | "ignored";

const SYSTEM: Actor = { sub: "mail-intake", kind: "system" };

/** A UUID-shaped id from the Message-ID (else the object key): the same message is one item. */
export function intakeIdOf(messageId: string | undefined, key: string): string {
  const h = createHash("sha256")
    .update(messageId ? `mid:${messageId.trim().toLowerCase()}` : `key:${key}`)
    .digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

interface ReadScan extends IntakeScan {
  bytes: Uint8Array;
  submissionIds: string[];
  pagesRead: number;
}

/**
 * The attachments that pass the upload's own magic-byte and size rules, with what their QR codes
 * say; `read` false (SES found a virus) lists them without handing them to the decoder.
 */
async function scansOf(deps: IntakeDeps, mail: IncomingMail, read: boolean): Promise<ReadScan[]> {
  const scans: ReadScan[] = [];
  for (const a of mail.attachments) {
    const contentType = scanTypeOf(a.content, deps.uploadMaxBytes);
    if (!contentType) continue;
    const reading = read ? await deps.scans.read(a.content, contentType) : { pages: [] };
    const codes = reading.pages.flatMap((p) => p.codes);
    scans.push({
      index: scans.length,
      ...(a.filename ? { filename: a.filename.slice(0, 200) } : {}),
      contentType,
      size: a.content.length,
      references: [...new Set(codes.map((c) => c.reference))],
      bytes: a.content,
      submissionIds: [...new Set(codes.map((c) => c.submissionId))],
      pagesRead: new Set(codes.map((c) => c.page)).size,
    });
  }
  return scans;
}

/**
 * One message the intake address received (an object under intake/): its scans are read, and
 * when their QR codes name exactly one submission, SES vouches for the From address
 * (./sender-auth.ts) and the contact register holds it for that municipality, the scan is filed
 * as the original (./file-scan.ts). Anything else waits in the officer's intake list. Only a
 * sender who is in the register and authenticated gets a reply: anyone else's address may be
 * forged, and a reply to it would be backscatter (the officer sees the message anyway). The item,
 * its audit event and the reply are written together once per message: a replayed event, or the
 * same message delivered again, finds the item and does nothing. Should a crash fall between
 * filing and that write, the retry files again into a new slot, which voids the first (only one
 * file ever settles), or finds the original received and lists the message.
 */
export async function receiveMail(
  deps: IntakeDeps,
  object: { key: string } & ObjectVersion,
): Promise<IntakeOutcome> {
  if (!object.key.startsWith(BUCKET_PREFIXES.intake)) return "ignored";
  const version: ObjectVersion = {
    etag: object.etag,
    ...(object.versionId ? { versionId: object.versionId } : {}),
  };
  const mail = await parseMail(await deps.files.read(object.key, version));
  const id = intakeIdOf(mail.messageId, object.key);
  if (await deps.intake.get(id)) return "replayed";
  const at = deps.clock.now().toISOString();
  const senderAuth = senderAuthOf(deps.senderAuth, mail.auth, mail.from);
  const scans = await scansOf(deps, mail, !flagged(senderAuth.virus));
  const named = [...new Set(scans.flatMap((s) => s.submissionIds))];
  const base: IntakeItem = {
    id,
    messageKey: object.key,
    receivedAt: at,
    from: mail.from ?? "",
    subject: mail.subject.slice(0, 300),
    scans: scans.map(({ bytes: _b, submissionIds: _s, pagesRead: _p, ...shown }) => shown),
    status: "open",
    senderAuth,
    revision: 1,
  };
  const decided = await decide(deps, mail, senderAuth, scans, named, id);
  const item: IntakeItem = { ...base, ...decided };
  const reply =
    mail.from && trusted(senderAuth) && (await registered(deps, mail.from))
      ? [
          outboxMail(
            [mail.from],
            item.filed
              ? intakeFiledMail(item.filed.reference)
              : intakeWaitingMail(REASON_TEXT[item.reason ?? "NO_SCAN"]),
            "intake-reply",
            item.filed?.submissionId,
          ),
        ]
      : [];
  const audit = {
    at,
    actor: SYSTEM,
    action: item.filed ? "intake.filed" : "intake.listed",
    ...(item.submissionId ? { submissionId: item.submissionId } : {}),
    details: {
      intakeId: id,
      ...(item.reason ? { reason: item.reason } : {}),
      scans: scans.length,
      senderAuth: senderAuth.result,
      replied: reply.length > 0,
    },
  };
  const created = await deps.intake.create(item, audit, reply);
  if (!created) return "replayed";
  logger.info("intake message handled", { intakeId: id, status: item.status, reason: item.reason });
  return item.filed ? "filed" : "listed";
}

/** The From address may be believed: SES vouched for it, or the stage does not ask SES. */
const trusted = (auth: SenderAuth) => auth.result === "pass" || auth.result === "not-checked";

/** Addresses the contact register holds for a municipality (registry and contact person), lower-cased. */
const addressesOf = (entry: { registryEmail?: string; contact?: { email: string } } | undefined) =>
  [entry?.registryEmail, entry?.contact?.email].flatMap((a) => (a ? [a.toLowerCase()] : []));

/** Whether the register holds the address for any municipality: only such a sender is replied to. */
async function registered(deps: IntakeDeps, from: string): Promise<boolean> {
  return (await deps.contacts.listContacts()).some((entry) => addressesOf(entry).includes(from));
}

/** Filed, or why not; with the submission and its agency where the codes named one that exists. */
async function decide(
  deps: IntakeDeps,
  mail: IncomingMail,
  senderAuth: SenderAuth,
  scans: ReadScan[],
  named: string[],
  intakeId: string,
): Promise<Partial<IntakeItem>> {
  const waiting = (reason: IntakeReason, known: Partial<IntakeItem> = {}) => ({
    status: "open" as const,
    reason,
    ...known,
  });
  if (flagged(senderAuth.virus)) return waiting("VIRUS");
  if (flagged(senderAuth.spam)) return waiting("SPAM");
  if (scans.length === 0) return waiting("NO_SCAN");
  if (named.length === 0) return waiting("NO_CODE");
  if (named.length > 1) return waiting("SEVERAL_SUBMISSIONS");
  const submissionId = named[0] as string;
  const submission = await deps.submissions.getSubmission(submissionId);
  if (!submission) return waiting("UNKNOWN_SUBMISSION");
  const programme = await deps.catalogue.get(submission.programmeId);
  const known = {
    submissionId,
    reference: submission.reference,
    ...(programme ? { agency: programme.agency } : {}),
  };
  // Before the register: a forged From may well name a registered address.
  if (!trusted(senderAuth)) return waiting("SENDER_NOT_AUTHENTICATED", known);
  const entry = await deps.contacts.getContact(submission.kommunkod);
  if (!mail.from || !addressesOf(entry).includes(mail.from)) return waiting("UNKNOWN_SENDER", known);
  // Of several scans of this submission, the one with the most pages read is the original.
  const scan = scans
    .filter((s) => s.submissionIds.length > 0)
    .reduce((best, s) => (s.pagesRead > best.pagesRead ? s : best));
  try {
    const filed = await fileScan(deps, SYSTEM, submissionId, scan.bytes, { intakeId });
    return {
      status: "filed",
      ...known,
      filed: { submissionId, reference: filed.reference, attachmentId: filed.attachmentId, scan: scan.index },
    };
  } catch (error) {
    if (error instanceof ConflictError) return waiting("NOT_AWAITING_ORIGINAL", known);
    throw error;
  }
}
