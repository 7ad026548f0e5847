import { logger } from "../logger.ts";
import type { TrustList } from "../signatures/trust-list.ts";
import { judgeDigitalOriginal } from "./digital-original.ts";
import type { ObjectVersion, ScanVerdict } from "./model.ts";
import { BUCKET_PREFIXES, inspectedKey, parseOriginalKey } from "./object-keys.ts";
import type { ScanReader } from "./ports.ts";
import { isRefusal, type Refusal, refusal } from "./refusals.ts";
import {
  bytesMatchEtag,
  type Inspection,
  inspect,
  inspectFormCode,
  inspectSignatures,
} from "./upload-inspection.ts";
import {
  acceptUpload,
  awaitVerdict,
  isCurrentSlot,
  refuseUpload,
  type SettlementDeps,
  type Upload,
} from "./upload-settlement.ts";

/**
 * "guardduty": a file is accepted only on GuardDuty Malware Protection's NO_THREATS_FOUND for
 * the very version that was checked; "none": the stage declares in its configuration that it
 * has no malware scanning, and files are accepted as NOT_SCANNED.
 */
export type MalwareScan = "guardduty" | "none";

/** What settling an upload on its malware verdict needs (./scan-verdict.ts): it never reads a scan. */
export interface ScanVerdictDeps extends SettlementDeps {
  malwareScan: MalwareScan;
}

export interface UploadCheckDeps extends ScanVerdictDeps {
  /** Reads the QR codes of a scanned original. */
  scans: ScanReader;
  /** The CAs whose digital signatures count as verified (a PEM bundle; "" trusts none). */
  trustList: TrustList;
}

/** The object an S3 ObjectCreated event names: the exact version to check. */
export interface UploadedObject {
  key: string;
  etag: string;
  versionId?: string;
  size?: number;
}

export type CheckOutcome = "accepted" | "refused" | "scanning" | "quarantined" | "ignored";

/** The upload a key names, with its submission and programme, or undefined for a key no slot owns. */
export async function uploadOf(deps: ScanVerdictDeps, key: string, version: ObjectVersion) {
  const parsed = parseOriginalKey(key);
  const attachment = parsed
    ? await deps.submissions.getAttachment(parsed.submissionId, parsed.attachmentId)
    : undefined;
  if (!parsed || !attachment || attachment.key !== key) return undefined;
  const submission = await deps.submissions.getSubmission(parsed.submissionId);
  const programme = submission ? await deps.catalogue.get(submission.programmeId) : undefined;
  if (!submission || !programme) throw new Error(`attachment ${key} without submission or programme`);
  const upload: Upload = { submission, attachment, programme, version };
  return upload;
}

/**
 * Handles one ObjectCreated event, for exactly the version it names. It reads that version once,
 * hashes it and checks it; a file that passes waits for its malware verdict (or is accepted where
 * the stage has no scanning); a file that fails, and anything uploaded to a slot that is not the
 * submission's current one (a replay, a void slot, a submission that moved on), is quarantined.
 * s3rver does not enforce the POST policy, and neither should we trust that it was enforced.
 */
export async function checkUpload(deps: UploadCheckDeps, object: UploadedObject): Promise<CheckOutcome> {
  const first = await checkOnce(deps, object);
  if (first !== "retry") return first;
  // A verdict recorded while the file was being read moves the attachment's revision, so the
  // check's own write failed; read again, and the verdict settles it.
  const second = await checkOnce(deps, object);
  return second === "retry" ? "ignored" : second;
}

async function checkOnce(deps: UploadCheckDeps, object: UploadedObject): Promise<CheckOutcome | "retry"> {
  const { key } = object;
  // The check writes to records/, inspected/ and quarantine/; were those ever delivered here (a
  // notification without its prefix filter), acting on them would loop.
  if (!key.startsWith(BUCKET_PREFIXES.originals)) {
    logger.warn("notification outside originals/ ignored", { key });
    return "ignored";
  }
  const version: ObjectVersion = {
    etag: object.etag,
    ...(object.versionId ? { versionId: object.versionId } : {}),
  };
  const upload = await uploadOf(deps, key, version);
  if (!upload) {
    logger.warn("upload under unknown key quarantined", { key });
    await deps.files.quarantine(key, version);
    return "quarantined";
  }
  const { attachment, submission } = upload;
  // A repeated event for the version already checked changes nothing.
  if (attachment.object?.etag === version.etag && attachment.status !== "pending") return "ignored";
  // The slot already holds a checked file waiting for its verdict: this other upload is a replay.
  if (attachment.status === "scanning") {
    logger.warn("upload to a slot waiting for its verdict quarantined", { key });
    await deps.files.quarantine(key, version);
    return "quarantined";
  }
  if (!isCurrentSlot(submission, attachment)) {
    // An accepted file's slot object is removed after settling: a repeated event finds nothing.
    if (!(await deps.files.head(key))) return "ignored";
    logger.warn("upload to a slot that is not current quarantined", { key, status: attachment.status });
    await deps.files.quarantine(key, version);
    return "quarantined";
  }
  const head = await deps.files.head(key);
  if (!head) return (await refuseUpload(deps, upload, refusal("FILE_MISSING"))) ? "refused" : "ignored";
  // Without versions, a slot holding other bytes than this event's was uploaded again: the newer
  // upload's own event checks it.
  if (!version.versionId && head.etag !== version.etag) return "ignored";
  // Too large is refused unread.
  if ((object.size ?? head.size) > attachment.maxBytes) {
    const tooLarge = refusal("FILE_TOO_LARGE", { maxBytes: attachment.maxBytes });
    return (await refuseUpload(deps, upload, tooLarge)) ? "refused" : "ignored";
  }
  const bytes = await deps.files.read(key, version);
  if (!bytesMatchEtag(bytes, version.etag)) return "ignored";
  const checked = inspect(bytes, attachment.maxBytes);
  if (isRefusal(checked)) return (await refuseUpload(deps, upload, checked)) ? "refused" : "ignored";
  // On a scan, a signature's verdict is recorded, never a reason to refuse: the scan counts.
  const signed = await inspectSignatures(checked, bytes, deps.trustList, deps.clock.now());
  const found = attachment.type === "original" ? await inspectOriginal(deps, upload, signed, bytes) : signed;
  if (isRefusal(found))
    return (await refuseUpload(deps, upload, found, undefined, signed)) ? "refused" : "ignored";

  const at = deps.clock.now().toISOString();
  const verdict: ScanVerdict | undefined =
    deps.malwareScan === "none"
      ? { result: "NOT_SCANNED", object: version, at }
      : attachment.scan?.object.etag === version.etag
        ? attachment.scan
        : undefined;
  if (!verdict) {
    const waiting = await awaitVerdict(deps, upload, found, bytes, inspectedKey(key, version.etag));
    return waiting ? "scanning" : "retry";
  }
  if (verdict.result === "NO_THREATS_FOUND" || verdict.result === "NOT_SCANNED") {
    return (await acceptUpload(deps, upload, found, verdict, bytes)) ? "accepted" : "ignored";
  }
  return (await refuseUpload(deps, upload, refusalOf(verdict), verdict)) ? "refused" : "ignored";
}

/**
 * An original is either our own form, digitally signed, that stands in for the scan
 * (./digital-original.ts), or a scan whose QR codes must name this submission and version, and
 * its signature page (./form-code-match.ts). Our form of another submission is refused either way.
 */
async function inspectOriginal(
  deps: UploadCheckDeps,
  { submission, programme }: Upload,
  signed: Inspection,
  bytes: Uint8Array,
): Promise<Inspection | Refusal> {
  if (signed.signature) {
    // Loaded here, not imported: pdf-lib cannot be tree-shaken, and the malware verdict
    // (scan-verdict.ts) imports this module without ever reading a PDF.
    const { readPdfFormCodes } = await import("./pdf-form-codes.ts");
    const form = await readPdfFormCodes(bytes);
    const verdict = judgeDigitalOriginal(submission, form, signed.signature, programme);
    if (isRefusal(verdict)) return verdict;
    if (verdict.standsIn) return { ...signed, digitalOriginal: verdict.digital };
  }
  return inspectFormCode(deps.scans, submission, signed, bytes);
}

/** THREATS_FOUND is malware; anything else but a clean result means the scan could not vouch for it. */
export function refusalOf(verdict: ScanVerdict) {
  return refusal(verdict.result === "THREATS_FOUND" ? "MALWARE_FOUND" : "SCAN_FAILED");
}
