import { actorOf, type Principal, requireOfficer } from "../auth/principal.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
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
