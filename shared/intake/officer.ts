import { createHash } from "node:crypto";
import { actorOf, type Principal, requireOfficer } from "../auth/principal.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { logger } from "../logger.ts";
import { recipientByCode } from "../recipients/registry.ts";
import type { SubmissionStatus } from "../submissions/model.ts";
import { BUCKET_PREFIXES } from "../submissions/object-keys.ts";
import { REFERENCE_PATTERN } from "../submissions/reference.ts";
import type { IntakeListDeps } from "./deps.ts";
import { fileScan } from "./file-scan.ts";
import { parseMail } from "./mime.ts";
import type { IntakeItem } from "./model.ts";
import { scanTypeOf } from "./scan-type.ts";

/**
 * Who sees an intake item: an officer of the agency whose programme the scan named; an item that
 * names no known submission (no code, an unknown one, several) belongs to no agency yet, so every
 * officer sees it and the first of the right agency files it. An officer without an agency claim
 * sees only those.
 */
export function maySeeItem(principal: Principal, item: Pick<IntakeItem, "agency">): boolean {
  return principal.kind === "officer" && (!item.agency || item.agency === principal.agency);
}

const noSuchItem = () =>
  new NotFoundError({ sv: "Meddelandet finns inte i inkorgen.", en: "No such intake item." });

const notOpen = (status: string) =>
  new ConflictError("INTAKE_NOT_OPEN", {
    sv: `Meddelandet är redan hanterat (${status === "filed" ? "kopplat" : "kasserat"}).`,
    en: `The message was already handled (${status}).`,
  });

/** GET /intake: the messages waiting for an officer that this officer may see. */
export async function listIntake(
  deps: Pick<IntakeListDeps, "intake">,
  principal: Principal,
): Promise<IntakeItem[]> {
  requireOfficer(principal);
  return (await deps.intake.listOpen()).filter((item) => maySeeItem(principal, item));
}

async function openItem(deps: Pick<IntakeListDeps, "intake">, principal: Principal, id: string) {
  requireOfficer(principal);
  const item = await deps.intake.get(id);
  if (!item || !maySeeItem(principal, item)) throw noSuchItem();
  if (item.status !== "open") throw notOpen(item.status);
  return item;
}

/** SES found a virus in the message: its attachments are neither shown nor filed, only discarded. */
const suspectedVirus = () =>
  new ConflictError("SUSPECTED_VIRUS", {
    sv: "E-posttjänsten fann ett virus i meddelandet. Bilagorna kan inte öppnas eller kopplas; kassera meddelandet.",
    en: "The mail service found a virus in the message. Its attachments cannot be opened or filed; discard it.",
  });

const field = (path: string, code: string, sv: string, en: string) =>
  new ValidationError([{ path, code, message: { sv, en } }]);

/**
 * POST /intake/{id}/file: an officer files a waiting message's scan to the submission they chose,
 * through the same slot path as the mail intake (./file-scan.ts), so the upload check still
 * checks it. Only a submission of the officer's own agency; `scan` picks one when there are several.
 */
export async function fileIntake(
  deps: IntakeListDeps,
  principal: Principal,
  id: string,
  body: { submissionId?: unknown; scan?: unknown },
): Promise<IntakeItem> {
  const item = await openItem(deps, principal, id);
  if (item.reason === "VIRUS") throw suspectedVirus();
  if (typeof body.submissionId !== "string" || body.submissionId.length === 0) {
    throw field("submissionId", "REQUIRED", "Ange inlämningens id.", "Give the submission's id.");
  }
  const index = body.scan ?? 0;
  const scan = item.scans.find((s) => s.index === index);
  if (!scan)
    throw field(
      "scan",
      "NO_SUCH_SCAN",
      "Meddelandet har ingen sådan skanning.",
      "The message has no such scan.",
    );
  const submission = await deps.submissions.getSubmission(body.submissionId);
  const programme = submission ? await deps.catalogue.get(submission.programmeId) : undefined;
  if (
    !submission ||
    !programme ||
    programme.agency !== (principal.kind === "officer" ? principal.agency : undefined)
  ) {
    throw field("submissionId", "NO_SUCH_SUBMISSION", "Inlämningen finns inte.", "No such submission.");
  }
  const bytes = await scanBytes(deps, item, scan.index);
  const at = deps.clock.now().toISOString();
  const actor = actorOf(principal);
  const filed = await fileScan(deps, actor, submission.id, bytes, { intakeId: id });
  const next: IntakeItem = {
    ...item,
    status: "filed",
    submissionId: submission.id,
    reference: filed.reference,
    agency: programme.agency,
    filed: {
      submissionId: submission.id,
      reference: filed.reference,
      attachmentId: filed.attachmentId,
      scan: scan.index,
    },
  };
  const audit = {
    at,
    actor,
    action: "intake.filed-by-officer",
    submissionId: submission.id,
    details: { intakeId: id, attachmentId: filed.attachmentId, scan: scan.index },
  };
  if (!(await deps.intake.update(next, audit, []))) throw notOpen("filed");
  return { ...next, revision: item.revision + 1 };
}

/** The bytes of the scan the item lists as `index`: the message is read again from the bucket. */
async function scanBytes(deps: IntakeListDeps, item: IntakeItem, index: number): Promise<Uint8Array> {
  const head = await deps.files.head(item.messageKey);
  if (!head) throw noSuchItem();
  const mail = await parseMail(
    await deps.files.read(item.messageKey, {
      etag: head.etag,
      ...(head.versionId ? { versionId: head.versionId } : {}),
    }),
  );
  const scans = mail.attachments.filter((a) => scanTypeOf(a.content, deps.uploadMaxBytes));
  const scan = scans[index];
  if (!scan) throw noSuchItem();
  return scan.content;
}

/** POST /intake/{id}/discard: a message that is not an original (spam, a question), with the reason, audited. */
export async function discardIntake(
  deps: Pick<IntakeListDeps, "intake" | "clock">,
  principal: Principal,
  id: string,
  body: { reason?: unknown },
): Promise<IntakeItem> {
  const item = await openItem(deps, principal, id);
  const reason = typeof body.reason === "string" ? body.reason.trim() : "";
  if (reason.length === 0 || reason.length > 500) {
    throw field(
      "reason",
      "REASON_REQUIRED",
      "Ange ett skäl (högst 500 tecken).",
      "Give a reason (at most 500 characters).",
    );
  }
  const next: IntakeItem = { ...item, status: "discarded", discardReason: reason };
  const audit = {
    at: deps.clock.now().toISOString(),
    actor: actorOf(principal),
    action: "intake.discarded",
    ...(item.submissionId ? { submissionId: item.submissionId } : {}),
    details: { intakeId: id, reason },
  };
  if (!(await deps.intake.update(next, audit, []))) throw notOpen("discarded");
  return { ...next, revision: item.revision + 1 };
}

/** A submission an officer may file a waiting message to, named as the confirmation names it. */
export interface IntakeCandidate {
  id: string;
  reference: string;
  kommunkod: string;
  municipality: string;
  programmeId: string;
  programmeTitle: string;
  status: SubmissionStatus;
}

/**
 * GET /intake/{id}/candidates?reference=SB-…: the submissions of the officer's own agency that
 * carry the reference, for the officer to confirm by name before filing. A reference counts per
 * programme, so two programmes of one year can each have an SB-2022-1281-R1: all are listed.
 */
export async function intakeCandidates(
  deps: Pick<IntakeListDeps, "intake" | "submissions" | "catalogue">,
  principal: Principal,
  id: string,
  reference: unknown,
): Promise<IntakeCandidate[]> {
  await openItem(deps, principal, id);
  const wanted = typeof reference === "string" ? reference.trim().toUpperCase() : "";
  if (!REFERENCE_PATTERN.test(wanted)) {
    throw field(
      "reference",
      "INVALID_REFERENCE",
      "Ange inlämningens referens, till exempel SB-2022-1281-R1.",
      "Give the submission's reference, for example SB-2022-1281-R1.",
    );
  }
  const kommunkod = wanted.split("-")[2] ?? "";
  const found = (await deps.submissions.listSubmissions({ kommunkod })).filter((s) => s.reference === wanted);
  const candidates: IntakeCandidate[] = [];
  for (const s of found) {
    const programme = await deps.catalogue.get(s.programmeId);
    if (!programme || principal.kind !== "officer" || programme.agency !== principal.agency) continue;
    candidates.push({
      id: s.id,
      reference: s.reference,
      kommunkod: s.kommunkod,
      municipality: recipientByCode(s.kommunkod)?.name ?? s.kommunkod,
      programmeId: s.programmeId,
      programmeTitle: programme.title,
      status: s.status,
    });
  }
  return candidates;
}

/** How long an officer's link to a waiting message's scan stays valid. */
export const PREVIEW_TTL_SECONDS = 300;

/** Where a waiting message's scan is put for the officer to open: its own prefix, expired by rule. */
export const previewKey = (intakeId: string, index: number) =>
  `${BUCKET_PREFIXES.intakePreview}${intakeId}/${index}`;

/**
 * GET /intake/{id}/scans/{index}: a short-lived link to one scan of a waiting message. The scan
 * lies inside the raw message, so it is written once to its own key (intake-preview/, which no
 * notification watches and a lifecycle rule empties) and the link points there. Not for a message
 * SES found a virus in. Issuing a link is logged with who asked, as for originals.
 */
export async function previewScan(
  deps: IntakeListDeps,
  principal: Principal,
  id: string,
  indexParam: string,
): Promise<{ url: string; contentType: string; filename?: string; size: number; expiresAt: string }> {
  const item = await openItem(deps, principal, id);
  if (item.reason === "VIRUS") throw suspectedVirus();
  const scan = /^\d{1,3}$/.test(indexParam)
    ? item.scans.find((s) => s.index === Number(indexParam))
    : undefined;
  if (!scan) throw new NotFoundError({ sv: "Meddelandet har ingen sådan skanning.", en: "No such scan." });
  const key = previewKey(item.id, scan.index);
  if (!(await deps.files.head(key))) {
    const bytes = await scanBytes(deps, item, scan.index);
    // Write-once: a second officer opening it at the same moment finds the first one's copy.
    await deps.files
      .put(key, bytes, createHash("sha256").update(bytes).digest("hex"))
      .catch(async (error: unknown) => {
        if (!(await deps.files.head(key))) throw error;
      });
  }
  // Presigned URLs expire by real time, even when the local clock is moved.
  const expiresAt = new Date(Date.now() + PREVIEW_TTL_SECONDS * 1000).toISOString();
  const url = await deps.files.presignDownload(key, PREVIEW_TTL_SECONDS);
  logger.info("intake preview link issued", { intakeId: item.id, scan: scan.index, officer: principal.sub });
  return {
    url,
    contentType: scan.contentType,
    ...(scan.filename ? { filename: scan.filename } : {}),
    size: scan.size,
    expiresAt,
  };
}
