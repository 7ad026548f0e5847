import { createHash, randomUUID } from "node:crypto";
import type { AuditEvent } from "../audit.ts";
import { actorOf, type Principal } from "../auth/principal.ts";
import { signatoryName } from "../auth/signers.ts";
import { today } from "../clock.ts";
import { addressesOf } from "../contacts/recipients.ts";
import { stockholmDate, stockholmDateTime } from "../dates.ts";
import { BadRequestError, NotFoundError, ValidationError } from "../errors.ts";
import { withAccountNames } from "../forms/account-names.ts";
import {
  parseReport,
  parseRequisition,
  type ReportForm,
  type RequisitionForm,
  validateReport,
  validateRequisition,
} from "../forms/index.ts";
import { outboxMail } from "../mail/outbox-mail.ts";
import { registeredMail } from "../mail/templates/submission.ts";
import { versionedProgrammeFor } from "../programmes/access.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import { effectiveDeadlines, withEffectiveDeadlines } from "../programmes/deadlines.ts";
import type { Allocation, Programme } from "../programmes/schema.ts";
import { forgettingStale } from "../programmes/stale.ts";
import { reportCertifier, sameAsCertified } from "./certification.ts";
import { conflicts, IdempotentReplay } from "./conflicts.ts";
import type { SubmissionDeps } from "./deps.ts";
import { factsOf } from "./mail-facts.ts";
import type { Attachment, Submission, SubmissionKind } from "./model.ts";
import { originalKey } from "./object-keys.ts";
import type { NewSubmission } from "./ports.ts";
import { reconciliationErrors, repaymentDueOf } from "./reconciliation.ts";
import { nextReferenceNumber, submissionReference } from "./reference.ts";
import { type UploadSlot, uploadSlot } from "./upload-slot.ts";

export interface SubmissionReceipt {
  id: string;
  reference: string;
  status: Submission["status"];
  upload: UploadSlot;
}

type Municipal = Extract<Principal, { kind: "municipality" }>;

/** 24 h, as API clients retry within minutes; the record expires by DynamoDB TTL. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

function requireAllocation(programme: Programme, kommunkod: string): Allocation {
  const allocation = allocationFor(programme, kommunkod);
  if (!allocation)
    throw new NotFoundError({
      sv: "Kommunen saknar tilldelning.",
      en: "No allocation for this municipality.",
    });
  return allocation;
}

function hashRequest(kind: SubmissionKind, programmeId: string, body: unknown): string {
  return createHash("sha256")
    .update(`${kind}\n${programmeId}\n${JSON.stringify(body)}`)
    .digest("hex");
}

export interface Draft {
  kind: SubmissionKind;
  programme: Programme;
  /** The version of `programme` read: the write requires it to be still current. */
  programmeVersion: number;
  allocation: Allocation;
  principal: Municipal;
  form: RequisitionForm | ReportForm;
  amount: number;
  grantKind?: "base" | "model-extra";
  unspent?: number;
  late: boolean;
  idempotency?: { key: string; hash: string };
  /** A corrected version of a returned submission: its version number and the one it replaces. */
  version?: number;
  /** The number in its reference (see reference.ts). */
  referenceNumber: number;
  replaces?: string;
  /** A report's certifier, from their account (the sender's own, or the draft's certifier). */
  certifiedBy?: { name: string; title: string };
}

export function buildNewSubmission(deps: SubmissionDeps, d: Draft, notify: string[]): NewSubmission {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = randomUUID();
  const attachmentId = randomUUID();
  const submission: Submission = {
    id,
    reference: submissionReference(
      d.programme.year,
      d.allocation.kommunkod,
      d.kind,
      d.grantKind,
      d.referenceNumber,
    ),
    programmeId: d.programme.id,
    kommunkod: d.allocation.kommunkod,
    kommun: d.allocation.kommun,
    kind: d.kind,
    ...(d.grantKind ? { grantKind: d.grantKind } : {}),
    amount: d.amount,
    ...(d.unspent !== undefined ? { unspent: d.unspent } : {}),
    status: "awaiting-original",
    revision: 1,
    originalSlot: attachmentId,
    form: d.form as unknown as Record<string, unknown>,
    createdAt: nowIso,
    receivedAtLocal: stockholmDateTime(now),
    receivedOn: stockholmDate(now),
    late: d.late,
    createdBy: actorOf(d.principal),
    updatedAt: nowIso,
    ...(d.version ? { version: d.version } : {}),
    ...(d.replaces ? { replaces: d.replaces } : {}),
  };
  const attachment: Attachment = {
    submissionId: id,
    id: attachmentId,
    type: "original",
    key: originalKey(submission, attachmentId),
    status: "pending",
    revision: 1,
    maxBytes: deps.uploadMaxBytes,
    createdAt: nowIso,
  };
  const audit: AuditEvent = {
    at: nowIso,
    actor: submission.createdBy,
    action: `${d.kind}.submitted`,
    submissionId: id,
    details: {
      reference: submission.reference,
      amount: d.amount,
      grantKind: d.grantKind,
      unspent: d.unspent,
      ...(d.certifiedBy ? { certifiedBy: d.certifiedBy } : {}),
    },
  };
  const mail = outboxMail(
    notify,
    registeredMail(factsOf(submission, d.programme, deps.webBaseUrl)),
    "registered",
    id,
  );
  return {
    submission,
    attachment,
    audit,
    mails: [mail],
    allocated: d.allocation.amount,
    modelExtra: d.allocation.modelExtra,
    requisitionDeadline: d.programme.deadlines.requisition,
    programmeVersion: d.programmeVersion,
    ...(d.idempotency
      ? {
          idempotency: {
            kommunkod: d.allocation.kommunkod,
            key: d.idempotency.key,
            requestHash: d.idempotency.hash,
            submissionId: id,
            expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
        }
      : {}),
  };
}

/** The first answer again, with a fresh upload slot (the first may have expired). */
async function replay(deps: SubmissionDeps, submissionId: string, hash: string, expectedHash: string) {
  if (hash !== expectedHash) throw conflicts.idempotencyKeyReused();
  const detail = await deps.submissions.getSubmissionDetail(submissionId);
  if (!detail) throw new NotFoundError();
  const current = detail.attachments.find((a) => a.id === detail.submission.originalSlot);
  const attachment = current ?? detail.attachments.find((a) => a.type === "original");
  if (!attachment) throw new NotFoundError();
  return {
    created: false,
    receipt: {
      id: detail.submission.id,
      reference: detail.submission.reference,
      status: detail.submission.status,
      upload: await uploadSlot(deps, attachment),
    },
  };
}

async function persist(
  deps: SubmissionDeps,
  draft: Draft,
  notify: string[],
  write: (input: NewSubmission) => Promise<void>,
): Promise<{ created: boolean; receipt: SubmissionReceipt }> {
  const input = buildNewSubmission(deps, draft, notify);
  try {
    await forgettingStale(deps.catalogue, draft.programme.id, () => write(input));
  } catch (error) {
    if (error instanceof IdempotentReplay && draft.idempotency) {
      return replay(deps, error.submissionId, draft.idempotency.hash, error.requestHash);
    }
    throw error;
  }
  const { submission, attachment } = input;
  return {
    created: true,
    receipt: {
      id: submission.id,
      reference: submission.reference,
      status: submission.status,
      upload: await uploadSlot(deps, attachment),
    },
  };
}

/** Keys become part of a DynamoDB key: bounded and printable, like a UUID or a ULID. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;
const invalidIdempotencyKey = () =>
  new BadRequestError("INVALID_IDEMPOTENCY_KEY", {
    sv: "Idempotency-Key ska vara 1–128 tecken: bokstäver a–z, siffror och . _ : -",
    en: "Idempotency-Key must be 1–128 characters: letters a–z, digits and . _ : -",
  });

/**
 * What both submission kinds do first: find the programme and the municipality's allocation, and
 * answer a retried request (same Idempotency-Key) with its first result before anything else.
 */
async function begin(
  deps: SubmissionDeps,
  principal: Municipal,
  kind: SubmissionKind,
  programmeId: string,
  body: unknown,
  key: string | undefined,
) {
  const { programme, version: programmeVersion } = await versionedProgrammeFor(
    deps.catalogue,
    principal,
    programmeId,
  );
  const allocation = requireAllocation(programme, principal.kommunkod);
  // The register's entry: the organisation number the form must carry, the addresses mail goes to.
  const entry = await deps.contacts.getContact(principal.kommunkod);
  const caller = { organisationNumber: entry?.organisationNumber };
  const notify = addressesOf(entry, principal);
  const open = () => {
    if (programme.closed) throw conflicts.programmeClosed(programme.closed.on);
  };
  if (!key) {
    open();
    return {
      programme,
      programmeVersion,
      allocation,
      caller,
      notify,
      idempotency: undefined,
      earlier: undefined,
    };
  }
  if (!IDEMPOTENCY_KEY.test(key)) throw invalidIdempotencyKey();
  const hash = hashRequest(kind, programmeId, body);
  const record = await deps.submissions.findIdempotency(principal.kommunkod, key);
  const earlier = record ? await replay(deps, record.submissionId, hash, record.requestHash) : undefined;
  // A retry of what was accepted before the programme closed still gets its answer.
  if (!earlier) open();
  return { programme, programmeVersion, allocation, caller, notify, idempotency: { key, hash }, earlier };
}

/** A report after the (effective) report deadline is still taken; it is marked late. */
export function isLateReport(programme: Programme, day: string): boolean {
  const deadline = effectiveDeadlines(programme).report;
  return deadline !== null && day > deadline;
}

/** POST /programmes/{id}/requisitions: shape, deadline, rules, then one ledger transaction. */
export async function submitRequisition(
  deps: SubmissionDeps,
  principal: Municipal,
  programmeId: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<{ created: boolean; receipt: SubmissionReceipt }> {
  const { programme, programmeVersion, allocation, caller, notify, idempotency, earlier } = await begin(
    deps,
    principal,
    "requisition",
    programmeId,
    body,
    idempotencyKey,
  );
  if (earlier) return earlier;

  // The signatory's name is the sender's account's, whatever the body says (README "Roles").
  const parsed = parseRequisition(withAccountNames(body, { signatory: signatoryName(principal) }, false));
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const day = today(deps.clock);
  // The deadline day counts in full, by the server's receipt time in Stockholm (moved to the next
  // business day only where the programme says so).
  const deadline = effectiveDeadlines(programme).requisition;
  if (day > deadline) throw conflicts.deadlinePassed(deadline);
  const errors = validateRequisition(
    parsed.form,
    withEffectiveDeadlines(programme),
    principal.kommunkod,
    day,
    caller,
  );
  if (errors.length > 0) throw new ValidationError(errors);

  // A requisition after a refusal is a new one: it gets a number of its own.
  const earlierOnes = await deps.submissions.listSubmissions({
    kommunkod: principal.kommunkod,
    programmeId: programme.id,
  });
  const draft: Draft = {
    kind: "requisition",
    programme,
    programmeVersion,
    allocation,
    principal,
    form: parsed.form,
    amount: parsed.form.grant.amount,
    grantKind: parsed.form.grant.kind,
    referenceNumber: nextReferenceNumber(earlierOnes, "requisition", parsed.form.grant.kind),
    late: false,
    ...(idempotency ? { idempotency } : {}),
  };
  return persist(deps, draft, notify, (input) => deps.submissions.createRequisition(input));
}

/** POST /programmes/{id}/reports: once per municipality; unspent funds become repayment due. */
export async function submitReport(
  deps: SubmissionDeps,
  principal: Municipal,
  programmeId: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<{ created: boolean; receipt: SubmissionReceipt }> {
  const { programme, programmeVersion, allocation, caller, notify, idempotency, earlier } = await begin(
    deps,
    principal,
    "report",
    programmeId,
    body,
    idempotencyKey,
  );
  if (earlier) return earlier;

  // Signed by the sender's account and certified by a certifier's (certification.ts), whatever the body says.
  const signatory = signatoryName(principal);
  const certifier = await reportCertifier(deps, principal, programmeId);
  const parsed = parseReport(withAccountNames(body, { signatory, certifier: certifier.names }, true));
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const day = today(deps.clock);
  const state = await deps.submissions.getAllocation(programme.id, principal.kommunkod);
  const paid = state?.paid ?? 0;
  const errors = [
    ...validateReport(parsed.form, programme, principal.kommunkod, day, caller),
    ...reconciliationErrors(parsed.form, paid),
  ];
  if (errors.length > 0) throw new ValidationError(errors);
  if (state?.baseRequisitionId && paid === 0) throw conflicts.paymentNotRecorded();
  sameAsCertified(certifier, parsed.form);

  const draft: Draft = {
    kind: "report",
    programme,
    programmeVersion,
    allocation,
    principal,
    form: parsed.form,
    amount: parsed.form.accounting.received,
    unspent: repaymentDueOf(paid, parsed.form.accounting.costs),
    referenceNumber: 1,
    // Late reports are still taken: the government *may* reclaim, officers decide.
    late: isLateReport(programme, day),
    certifiedBy: certifier.names,
    ...(idempotency ? { idempotency } : {}),
  };
  const repaymentDue = repaymentDueOf(paid, parsed.form.accounting.costs);
  return persist(deps, draft, notify, (input) =>
    deps.submissions.createReport({ ...input, paid, repaymentDue }),
  );
}
