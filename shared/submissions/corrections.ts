import { type Principal, requireRoles } from "../auth/principal.ts";
import { certifierNames, signatoryName } from "../auth/signers.ts";
import { today } from "../clock.ts";
import { addressesOf } from "../contacts/recipients.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { withAccountNames } from "../forms/account-names.ts";
import { parseReport, parseRequisition, validateReport, validateRequisition } from "../forms/index.ts";
import { versionedProgrammeFor } from "../programmes/access.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import { effectiveDeadlines, graceEnds, withEffectiveDeadlines } from "../programmes/deadlines.ts";
import { forgettingStale } from "../programmes/stale.ts";
import { conflicts } from "./conflicts.ts";
import type { SubmissionDeps } from "./deps.ts";
import { transition, voidOpen } from "./lifecycle.ts";
import { reconciliationErrors, repaymentDueOf } from "./reconciliation.ts";
import { nextReferenceNumber } from "./reference.ts";
import type { SubmissionReceipt } from "./submit.ts";
import { buildNewSubmission, type Draft, isLateReport } from "./submit.ts";
import { uploadSlot } from "./upload-slot.ts";

type Municipal = Extract<Principal, { kind: "municipality" }>;

/**
 * POST /submissions/{id}/corrections: the municipality's corrected version of a returned
 * submission, the same Bilaga 2 form as the first time. It replaces the returned one in one
 * transaction: the returned amount is released and the corrected one reserved (so the ledger is
 * never over-allocated in between), the returned submission points to its replacement, and the
 * new one gets the next version in its reference (SB-2022-1281-R2). It needs its own signed
 * original, like any submission.
 */
export async function submitCorrection(
  deps: SubmissionDeps,
  principal: Municipal,
  returnedId: string,
  body: unknown,
): Promise<SubmissionReceipt & { replaces: string }> {
  const detail = await deps.submissions.getSubmissionDetail(returnedId);
  if (!detail) throw new NotFoundError();
  const returned = detail.submission;
  if (returned.kommunkod !== principal.kommunkod) throw new ForbiddenError();
  // The route asks for the signatory; a corrected report carries a certification as well.
  if (returned.kind === "report") requireRoles(principal, ["certifier"]);
  // The sender signs and, for a report, certifies under their account's name (README "Roles").
  const signatory = signatoryName(principal);
  const certifier = returned.kind === "report" ? certifierNames(principal) : undefined;
  const signed = withAccountNames(
    body,
    { signatory, ...(certifier ? { certifier } : {}) },
    returned.kind === "report",
  );
  const at = deps.clock.now().toISOString();
  // returned → replaced: only a returned version, once; a replaced one never comes back.
  const replacement = transition(returned, "correct", at);
  const { programme, version: programmeVersion } = await versionedProgrammeFor(
    deps.catalogue,
    principal,
    returned.programmeId,
  );
  const allocation = allocationFor(programme, returned.kommunkod);
  if (!allocation) throw new NotFoundError();
  if (programme.closed) throw conflicts.programmeClosed(programme.closed.on);
  const day = today(deps.clock);
  const entry = await deps.contacts.getContact(returned.kommunkod);
  const caller = { organisationNumber: entry?.organisationNumber };
  const common = {
    programme,
    programmeVersion,
    allocation,
    principal,
    version: (returned.version ?? 1) + 1,
    referenceNumber: nextReferenceNumber([returned], returned.kind, returned.grantKind),
    replaces: returned.id,
  };
  let draft: Draft;
  let afterLapse = false;
  /** A report correction is reconciled with the payments as read here; the write requires them. */
  let reconciledWith: number | undefined;
  if (returned.kind === "requisition") {
    // A returned requisition may be corrected until the grace period after the deadline ends;
    // then it lapses, whether or not the daily job has got to it yet.
    const lastDay = graceEnds(programme);
    if (day > lastDay) throw conflicts.correctionTooLate(lastDay);
    const parsed = parseRequisition(signed);
    if (!parsed.ok) throw new ValidationError(parsed.errors);
    // Signed on the day it is sent: within the grace period that may be after the deadline.
    const effective = withEffectiveDeadlines(programme);
    const signable = { ...effective, deadlines: { ...effective.deadlines, requisition: lastDay } };
    const errors = validateRequisition(parsed.form, signable, principal.kommunkod, day, caller);
    const kind = returned.grantKind ?? "base";
    if (parsed.form.grant.kind !== kind) {
      errors.push({
        path: "grant.kind",
        code: "CORRECTION_KIND_MISMATCH",
        message: {
          sv: `En rättad version ska gälla samma del av bidraget (${kind}).`,
          en: `A corrected version must be for the same part of the grant (${kind}).`,
        },
      });
    }
    if (errors.length > 0) throw new ValidationError(errors);
    // After the (effective) deadline the unrequisitioned rest has lapsed, whether or not the daily
    // job has marked it yet: a correction may lower the amount (the released part lapses too),
    // never raise it.
    const deadline = effectiveDeadlines(programme).requisition;
    if (day > deadline && parsed.form.grant.amount > returned.amount)
      throw conflicts.deadlinePassed(deadline);
    const state = await deps.submissions.getAllocation(programme.id, principal.kommunkod);
    afterLapse = Boolean(state?.lapsedAt);
    draft = {
      ...common,
      kind: "requisition",
      form: parsed.form,
      amount: parsed.form.grant.amount,
      grantKind: kind,
      late: false,
    };
  } else {
    const parsed = parseReport(signed);
    if (!parsed.ok) throw new ValidationError(parsed.errors);
    const state = await deps.submissions.getAllocation(programme.id, principal.kommunkod);
    const paid = state?.paid ?? 0;
    const errors = [
      ...validateReport(parsed.form, programme, principal.kommunkod, day, caller),
      ...reconciliationErrors(parsed.form, paid),
    ];
    if (errors.length > 0) throw new ValidationError(errors);
    const unspent = repaymentDueOf(paid, parsed.form.accounting.costs);
    // What was repaid against the returned report stays repaid: a correction that owes less than
    // that would leave money on record that nothing accounts for (the write checks it again).
    const repaid = state?.repaid ?? 0;
    if (repaid > unspent) throw conflicts.repaidExceedsDue(repaid, unspent);
    draft = {
      ...common,
      kind: "report",
      form: parsed.form,
      amount: parsed.form.accounting.received,
      unspent,
      late: isLateReport(programme, day),
      ...(certifier ? { certifiedBy: certifier } : {}),
    };
    reconciledWith = paid;
  }
  const notify = addressesOf(entry, principal);
  const input = buildNewSubmission(deps, draft, notify);
  const audit = {
    ...input.audit,
    action: `${returned.kind}.corrected`,
    details: { ...input.audit.details, replaces: returned.id, replacesReference: returned.reference },
  };
  // Nothing settles into a replaced version: its open requests and upload slots are void.
  const voided = voidOpen(detail.attachments, at);
  await forgettingStale(deps.catalogue, programme.id, () =>
    deps.submissions.replaceSubmission({
      ...input,
      audit,
      replaced: returned,
      replacement: { transition: replacement, set: { replacedBy: input.submission.id } },
      voided,
      afterLapse,
      ...(reconciledWith !== undefined ? { paid: reconciledWith } : {}),
    }),
  );
  return {
    id: input.submission.id,
    reference: input.submission.reference,
    status: input.submission.status,
    replaces: returned.id,
    upload: await uploadSlot(deps, input.attachment),
  };
}
