import type { Principal } from "../../../shared/auth/principal.ts";
import { today as stockholmToday } from "../../../shared/clock.ts";
import { addDays } from "../../../shared/dates.ts";
import { openProgramme } from "../../../shared/deadlines/announce.ts";
import { runDaily } from "../../../shared/deadlines/daily.ts";
import { sampleReport, sampleRequisition } from "../../../shared/forms/samples.ts";
import type { ReportForm, RequisitionForm } from "../../../shared/forms/schema.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import { proposePayment } from "../../../shared/officer/payments.ts";
import { allocationFor } from "../../../shared/programmes/catalogue.ts";
import { graceDays } from "../../../shared/programmes/deadlines.ts";
import { requireSeed } from "../../../shared/programmes/seeds.ts";
import { submitCorrection } from "../../../shared/submissions/corrections.ts";
import type { GrantKind } from "../../../shared/submissions/model.ts";
import { recordScanVerdict } from "../../../shared/submissions/scan-verdict.ts";
import { submitReport, submitRequisition } from "../../../shared/submissions/submit.ts";
import { checkUpload } from "../../../shared/submissions/upload-check.ts";
import type { FakeSystem } from "../../fakes/fake-root.ts";
import { payWithFourEyes } from "../../helpers/four-eyes.ts";
import { type MunicipalPrincipal as Municipal, municipalPrincipal } from "../../helpers/principals.ts";

/**
 * Records built the way production builds them: through the use cases, on the fakes. Every
 * scenario starts from `fakeSystem()` and moves a submission along the lifecycle one use case at
 * a time, so the ledger, the submissions and the mail always agree with each other.
 */
export const programme = requireSeed("skr-aldreomsorg-2022");
/** 2022-12-01, a Thursday: the written deadline is the effective one. */
export const DEADLINE = programme.deadlines.requisition;

/** Lund: base 1 530 608 kr and a model-municipality extra of 1 500 000 kr. */
export const LUND = municipalPrincipal("1281", "ekonomi@lund.example");
export const MALMO = municipalPrincipal("1280", "ekonomi@malmo.example");
export const STOCKHOLM = municipalPrincipal("0180", "ekonomi@stockholm.example");
export const OFFICER = {
  kind: "officer" as const,
  sub: "officer-1",
  email: "handlaggare@kammarkollegiet.example",
  agency: "kammarkollegiet",
};
export const SECOND_OFFICER = {
  kind: "officer" as const,
  sub: "officer-2",
  email: "kollega@kammarkollegiet.example",
  agency: "kammarkollegiet",
};

export const base = (who: Municipal) => allocationFor(programme, who.kommunkod)?.amount ?? 0;
export const extra = (who: Municipal) => allocationFor(programme, who.kommunkod)?.modelExtra ?? 0;

export const PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";

/** The error a call ends with (undefined if it succeeded), caught at once so none is left unhandled. */
export const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (error: unknown) => error,
  );

export const statusOf = async (sys: FakeSystem, id: string) =>
  (await sys.submissions.getSubmission(id))?.status;

/** The municipality's entry in the contact register: where its mail goes besides the submitter. */
export function register(sys: FakeSystem, who: Municipal, registryEmail: string, contactEmail?: string) {
  sys.world.contacts.set(who.kommunkod, {
    kommunkod: who.kommunkod,
    kommun: allocationFor(programme, who.kommunkod)?.kommun ?? who.kommunkod,
    registryEmail,
    ...(contactEmail ? { contact: { name: "Kim Kontakt", email: contactEmail } } : {}),
    updatedAt: "2022-01-01T00:00:00.000Z",
    updatedBy: { sub: "seed", kind: "system" },
  });
}

/** The day the system's clock shows in Stockholm, for forms signed "today". */
const today = (sys: FakeSystem) => stockholmToday(sys.clock);

export function requisitionForm(
  who: Municipal,
  opts: { amount?: number; kind?: GrantKind; signedOn?: string } = {},
): RequisitionForm {
  const form = sampleRequisition(programme, who.kommunkod, opts.signedOn ?? programme.grantPeriod.from);
  const kind = opts.kind ?? "base";
  form.grant.kind = kind;
  form.grant.amount = opts.amount ?? (kind === "model-extra" ? extra(who) : base(who));
  return form;
}

/** A requisition through the use case: awaiting its signed original. */
export async function requisition(
  sys: FakeSystem,
  who: Municipal,
  opts: { amount?: number; kind?: GrantKind } = {},
): Promise<string> {
  const { receipt } = await submitRequisition(
    sys.submissionDeps,
    who,
    programme.id,
    requisitionForm(who, opts),
  );
  return receipt.id;
}

/** The signed original uploaded to the current slot, checked and scanned clean: received. */
export async function receive(sys: FakeSystem, id: string): Promise<string> {
  const s = await sys.submissions.getSubmission(id);
  const slot = await sys.submissions.getAttachment(id, s?.originalSlot ?? "");
  if (!slot) throw new Error(`no original slot for ${id}`);
  const { etag } = sys.files.upload(slot.key, PDF);
  await checkUpload(sys.uploadCheckDeps, { key: slot.key, etag });
  const outcome = await recordScanVerdict(sys.uploadCheckDeps, {
    key: slot.key,
    etag,
    result: "NO_THREATS_FOUND",
  });
  if (outcome !== "accepted") throw new Error(`original of ${id} not accepted: ${outcome}`);
  return id;
}

export async function received(
  sys: FakeSystem,
  who: Municipal,
  opts: { amount?: number; kind?: GrantKind } = {},
) {
  return receive(sys, await requisition(sys, who, opts));
}

export async function approved(
  sys: FakeSystem,
  who: Municipal,
  opts: { amount?: number; kind?: GrantKind; by?: Principal } = {},
) {
  const id = await received(sys, who, opts);
  await decide(sys.officerDeps, opts.by ?? OFFICER, id, { decision: "approve" });
  return id;
}

export async function returned(
  sys: FakeSystem,
  who: Municipal,
  opts: { amount?: number; kind?: GrantKind; bankStatement?: boolean } = {},
) {
  const id = await received(sys, who, opts);
  await decide(sys.officerDeps, OFFICER, id, {
    decision: "return",
    reason: "Beloppet stämmer inte med beslutet.",
    ...(opts.bankStatement ? { requestedAttachment: "bank-statement" } : {}),
  });
  return id;
}

/** Approved, and its payment in full proposed by OFFICER, not yet attested. */
export async function paymentProposed(sys: FakeSystem, who: Municipal) {
  const id = await approved(sys, who);
  const s = await sys.submissions.getSubmission(id);
  await proposePayment(sys.officerDeps, OFFICER, id, { paidOn: today(sys), amount: s?.amount ?? 0 });
  return id;
}

/** Approved and paid in full (or `paid` kr) on `paidOn`: proposed by OFFICER, attested by ATTESTANT. */
export async function paid(
  sys: FakeSystem,
  who: Municipal,
  opts: { amount?: number; kind?: GrantKind; paid?: number; paidOn?: string } = {},
) {
  const id = await approved(sys, who, opts);
  const s = await sys.submissions.getSubmission(id);
  await payWithFourEyes(sys.officerDeps, OFFICER, id, {
    paidOn: opts.paidOn ?? today(sys),
    amount: opts.paid ?? s?.amount ?? 0,
  });
  return id;
}

/** A report that agrees with the payments on record: received = paid, costs as given. */
export async function reportForm(sys: FakeSystem, who: Municipal, costs: number): Promise<ReportForm> {
  const row = await sys.submissions.getAllocation(programme.id, who.kommunkod);
  const paidTotal = row?.paid ?? 0;
  const form = sampleReport(programme, who.kommunkod, today(sys));
  form.grant.totalGrant = (row?.modelExtraRequisitioned ?? 0) > 0 ? base(who) + extra(who) : base(who);
  form.grant.totalPaid = paidTotal;
  form.accounting = {
    ...form.accounting,
    received: paidTotal,
    costs,
    unspent: Math.max(0, paidTotal - costs),
  };
  return form;
}

export async function report(sys: FakeSystem, who: Municipal, costs: number): Promise<string> {
  const { receipt } = await submitReport(
    sys.submissionDeps,
    who,
    programme.id,
    await reportForm(sys, who, costs),
  );
  return receipt.id;
}

/** A file that is no scan lands in the slot: the upload check refuses it. */
export async function rejectedOriginal(sys: FakeSystem, who: Municipal): Promise<string> {
  const id = await requisition(sys, who);
  const s = await sys.submissions.getSubmission(id);
  const slot = await sys.submissions.getAttachment(id, s?.originalSlot ?? "");
  if (!slot) throw new Error(`no original slot for ${id}`);
  const { etag } = sys.files.upload(slot.key, "<html><script>alert(1)</script></html>");
  await checkUpload(sys.uploadCheckDeps, { key: slot.key, etag });
  return id;
}

/** The last day a returned requisition may be corrected (the deadline plus the grace period). */
export const GRACE_ENDS = addDays(DEADLINE, graceDays(programme));

/** A correction of a returned requisition, as the municipality sends it. */
export async function correct(sys: FakeSystem, who: Municipal, id: string, form: unknown) {
  return submitCorrection(sys.submissionDeps, who, id, form);
}

/** The officers open the programme (announcements, reminders and lapses start). */
export async function open(sys: FakeSystem): Promise<void> {
  const at = sys.clock.now();
  if (stockholmToday(sys.clock) > DEADLINE) sys.clock.set("2022-06-01T10:00:00.000Z");
  await openProgramme(sys.deadlineDeps, OFFICER, programme.id);
  sys.clock.set(at);
}

/** The daily job on `day` (10:00 UTC, midday in Stockholm). */
export async function daily(sys: FakeSystem, day: string) {
  sys.clock.set(`${day}T10:00:00.000Z`);
  return runDaily(sys.deadlineDeps);
}

/** Returned and never corrected: the daily job after the grace period lapses it. */
export async function lapsed(sys: FakeSystem, who: Municipal): Promise<string> {
  await open(sys);
  const id = await returned(sys, who);
  await daily(sys, addDays(GRACE_ENDS, 1));
  return id;
}
