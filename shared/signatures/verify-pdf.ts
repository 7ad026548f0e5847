import type * as pkijs from "pkijs";
import { contentEnd, coveredBytes, findSignatureSlots, type SignatureSlot } from "./byte-ranges.ts";
import type { CmsCheck } from "./cms.ts";
import { identityOf } from "./identity.ts";
import type {
  SignatureResult,
  SignatureStatus,
  SignatureSummary,
  SignatureSummaryStatus,
  VerifyOptions,
} from "./model.ts";

/**
 * The CMS and chain checks, with pkijs and asn1js: more than a third of the upload check's bundle.
 * Loaded on the first file that has a /ByteRange, so a cold start (and every scan without a
 * signature) does not evaluate them. esbuild keeps them in the same file (NodejsFunction bundles
 * to one file), so this saves their start-up work, not bytes.
 */
let pkiChecks: Promise<typeof import("./cms.ts") & typeof import("./trust.ts")> | undefined;
const loadPkiChecks = () => {
  pkiChecks ??= Promise.all([import("./cms.ts"), import("./trust.ts")]).then(([cms, trust]) => ({
    ...cms,
    ...trust,
  }));
  return pkiChecks;
};

/**
 * Verifies every digital signature in a PDF (PAdES / adbe.pkcs7.detached): the /ByteRange,
 * the CMS digest and signature, and the chain to the trust list at the signing time.
 *
 * Coverage, kept simple: the signature that reaches furthest must reach the end of the file
 * (trailing whitespace allowed). An earlier signature may cover less, because a later intact
 * signature covers its revision and what was appended after it; if no intact signature
 * reaches the end, every intact one is "partial". What an incremental update changed (DocMDP,
 * "permitted changes") is not judged. Revocation (OCSP/CRL) is not checked at all.
 */
export async function verifyPdfSignatures(
  bytes: Uint8Array,
  trustAnchorsPem: string | (() => Promise<string>),
  opts: VerifyOptions = {},
): Promise<SignatureSummary> {
  const { slots, more } = findSignatureSlots(bytes, MAX_SIGNATURES);
  if (slots.length === 0) return { status: "none", signatures: [] };
  const pki = await loadPkiChecks();
  // Fetched only now: a file without a signature never asks for the trust list.
  const pem = typeof trustAnchorsPem === "string" ? trustAnchorsPem : await trustAnchorsPem();
  const anchors = pki.parseTrustAnchors(pem);
  // One at a time: each check copies the bytes it covers, and a file may be 20 MiB.
  const checks: { slot: SignatureSlot; cms?: CmsCheck }[] = [];
  for (const slot of slots) checks.push(await checkSlot(pki, bytes, slot));
  const end = contentEnd(bytes);
  const wholeFileSigned = checks.some(({ slot, cms }) => slot.ok && cms?.intact && slot.end >= end);
  const signatures: SignatureResult[] = [];
  for (const { slot, cms } of checks) {
    const reachesEnd = slot.ok && slot.end >= end;
    signatures.push(await judge(pki, cms, reachesEnd, wholeFileSigned, anchors, opts.now ?? new Date()));
  }
  // One entry for all the rest, so the record stays small whatever the file holds.
  if (more) signatures.push(TOO_MANY);
  return { status: worst(signatures.map((s) => s.status)), signatures };
}

/** Real documents carry a handful; more is a file built to make the check hash it over and over. */
const MAX_SIGNATURES = 16;

const TOO_MANY: SignatureResult = Object.freeze({
  status: "invalid",
  coversWholeDocument: false,
  revocationChecked: false,
  reason: "TOO_MANY_SIGNATURES",
} as const);

type PkiChecks = Awaited<ReturnType<typeof loadPkiChecks>>;

async function checkSlot(
  pki: PkiChecks,
  bytes: Uint8Array,
  slot: SignatureSlot,
): Promise<{ slot: SignatureSlot; cms?: CmsCheck }> {
  if (!slot.ok) return { slot };
  try {
    return { slot, cms: await pki.checkCms(slot.contents, coveredBytes(bytes, slot.byteRange)) };
  } catch {
    // Whatever a hostile CMS makes the parser do, it is not a signature, and the check goes on.
    return { slot, cms: { intact: false, reason: "UNPARSABLE_CMS" } };
  }
}

async function judge(
  pki: PkiChecks,
  cms: CmsCheck | undefined,
  reachesEnd: boolean,
  wholeFileSigned: boolean,
  anchors: pkijs.Certificate[],
  now: Date,
): Promise<SignatureResult> {
  const base = { coversWholeDocument: reachesEnd, revocationChecked: false as const };
  if (!cms) return { status: "invalid", ...base, reason: "BYTE_RANGE_INVALID" };
  const found = {
    ...base,
    ...(cms.signer ? identityOf(cms.signer) : {}),
    ...(cms.signedAt ? { signedAt: cms.signedAt.toISOString() } : {}),
  };
  if (!cms.intact) return { status: "invalid", ...found, reason: cms.reason };
  if (!reachesEnd && !wholeFileSigned) return { status: "partial", ...found, reason: "NOT_WHOLE_DOCUMENT" };
  const trust = await pki.checkTrust(cms.signer, cms.certificates, anchors, cms.signedAt ?? now);
  return trust.trusted
    ? { status: "verified", ...found }
    : { status: "untrusted", ...found, reason: trust.reason };
}

const SEVERITY: readonly SignatureStatus[] = ["verified", "untrusted", "partial", "invalid"];

/** Worst wins: one bad signature makes the file bad, whatever the others say. */
function worst(statuses: SignatureStatus[]): SignatureSummaryStatus {
  return statuses.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
}
