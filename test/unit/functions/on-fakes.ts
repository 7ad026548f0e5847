import { actorOf, type Principal, principalFromClaims } from "../../../shared/auth/principal.ts";
import { putContact } from "../../../shared/contacts/register.ts";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import type { ScanVerdict } from "../../../shared/submissions/model.ts";
import { recordScanVerdict } from "../../../shared/submissions/scan-verdict.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
import { checkUpload } from "../../../shared/submissions/upload-check.ts";
import { type FakeOptions, type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import {
  type Claims,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
} from "../../helpers/events.ts";
import { payWithFourEyes } from "../../helpers/four-eyes.ts";

/**
 * What the handler tests in this folder share: a fresh set of fakes per test behind a handler
 * that was imported once, the principals the test claims stand for, and the use cases that bring
 * a submission to the state a test starts from (as the API would, never by writing rows).
 */

const DEPS = [
  "submissionDeps",
  "uploadCheckDeps",
  "officerDeps",
  "deadlineDeps",
  "contactDeps",
  "outboxDeps",
  "intakeDeps",
  "draftDeps",
] as const;

/**
 * Handlers build their deps once, at cold start, as on Lambda: a test file mocks the composition
 * root with `fakeRoot(coldStart)` and imports the handler once. This gives each test new fakes (an
 * empty table, bucket and outbox, the clock at its start) by pointing the deps objects the handler
 * holds at them, so no test sees another's state.
 */
export function freshSystem(coldStart: FakeSystem, options: FakeOptions = {}): FakeSystem {
  const next = fakeSystem(options);
  for (const name of DEPS) {
    const held = coldStart[name];
    for (const key of Object.keys(held)) Reflect.deleteProperty(held, key);
    Object.assign(held, next[name]);
  }
  return next;
}

export type Municipal = Extract<Principal, { kind: "municipality" }>;

function principal(claims: Claims): Principal {
  const p = principalFromClaims(claims);
  if (!p) throw new Error("claims without a principal");
  return p;
}

/** The principal the API sees for `municipalityClaims(kommunkod)`. */
export function municipality(kommunkod: string = LUND): Municipal {
  const p = principal(municipalityClaims(kommunkod));
  if (p.kind !== "municipality") throw new Error("not a municipality");
  return p;
}

/** The principal the API sees for `officerClaims()`. */
export const OFFICER = principal(officerClaims());

export function programme2022(): Programme {
  const programme = seedProgramme(PROGRAMME_2022);
  if (!programme) throw new Error("programme data missing");
  return programme;
}

/** The agency's contact register entry for a municipality, as an officer saves it. */
export async function registered(
  sys: FakeSystem,
  kommunkod: string,
  entry: { registryEmail: string; contact?: { name: string; email: string }; organisationNumber?: string },
) {
  return putContact(sys.contactDeps, actorOf(OFFICER), kommunkod, entry);
}

/** A complete one-page PDF: passes the upload check. */
export const PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";

/** The key of the newest presigned upload handed out. */
export const lastSlotKey = (sys: FakeSystem): string => sys.files.presigned.at(-1)?.key ?? "";

/** Uploads `bytes` to a slot and delivers the S3 event's check and the malware verdict, as AWS would. */
export async function uploadChecked(
  sys: FakeSystem,
  key: string,
  bytes: Uint8Array | string,
  result: ScanVerdict["result"] = "NO_THREATS_FOUND",
) {
  const version = sys.files.upload(key, bytes);
  const checked = await checkUpload(sys.uploadCheckDeps, { key, etag: version.etag });
  const scanned = await recordScanVerdict(sys.uploadCheckDeps, { key, etag: version.etag, result });
  return { version, checked, scanned };
}

/** A base requisition of the full allocation, as the use case takes it; with its upload slot's key. */
export async function requisitioned(sys: FakeSystem, kommunkod: string = LUND) {
  const programme = programme2022();
  const { receipt } = await submitRequisition(
    sys.submissionDeps,
    municipality(kommunkod),
    programme.id,
    sampleRequisition(programme, kommunkod),
  );
  return { id: receipt.id, key: receipt.upload.fields.key ?? "", receipt };
}

/** A requisition whose signed original passed the check and the malware scan. */
export async function received(sys: FakeSystem, kommunkod: string = LUND) {
  const requisition = await requisitioned(sys, kommunkod);
  await uploadChecked(sys, requisition.key, PDF);
  return requisition;
}

/** A received requisition, approved and paid in full on 2022-06-01. */
export async function paid(sys: FakeSystem, kommunkod: string = LUND) {
  const requisition = await received(sys, kommunkod);
  await decide(sys.officerDeps, OFFICER, requisition.id, { decision: "approve" });
  const amount = (await sys.submissions.getSubmission(requisition.id))?.amount ?? 0;
  await payWithFourEyes(sys.officerDeps, OFFICER, requisition.id, { paidOn: "2022-06-01", amount });
  return { ...requisition, amount };
}
