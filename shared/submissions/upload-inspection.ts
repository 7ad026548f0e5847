import { createHash } from "node:crypto";
import type { SignatureSummary } from "../signatures/model.ts";
import type { TrustList } from "../signatures/trust-list.ts";
import { verifyPdfSignatures } from "../signatures/verify-pdf.ts";
import { matchFormCode } from "./form-code-match.ts";
import type { DigitalOriginal, FormCodeMatch, Submission } from "./model.ts";
import type { ScanReader } from "./ports.ts";
import { isRefusal, type Refusal, refusal } from "./refusals.ts";
import { pdfHasSignatureMarkers, pdfLooksComplete, sniffType } from "./sniff.ts";

/** What the check found in the bytes of one uploaded version. */
export interface Inspection {
  sha256: string;
  size: number;
  contentType: string;
  /** Signature markers only: the signature is not verified (that is a separate check). */
  pdfSignatureMarkers: boolean;
  /** PDFs: what verifying the digital signatures found ("none" when it has none). */
  signature?: SignatureSummary;
  /** Originals: what the scan's QR codes said about the submission it was uploaded to. */
  formCode?: FormCodeMatch;
  /** Originals: the digitally signed form that stands in for the scan (./digital-original.ts). */
  digitalOriginal?: DigitalOriginal;
}

/**
 * Whether the ETag S3 gave for this version names these bytes: for a single-part upload with
 * SSE-S3 it is their MD5. An ETag that is not a plain MD5 (multipart, SSE-KMS) cannot be
 * compared and is taken on trust, since S3 then served the version by its id.
 */
export function bytesMatchEtag(bytes: Uint8Array, etag: string): boolean {
  const plain = etag.replaceAll('"', "");
  if (!/^[0-9a-f]{32}$/.test(plain)) return true;
  return createHash("md5").update(bytes).digest("hex") === plain;
}

/** Type by magic bytes, completeness, size; the SHA-256 the receipt names. */
export function inspect(bytes: Uint8Array, maxBytes: number): Inspection | Refusal {
  if (bytes.length === 0) return refusal("FILE_EMPTY");
  if (bytes.length > maxBytes) return refusal("FILE_TOO_LARGE", { maxBytes });
  const contentType = sniffType(bytes.subarray(0, 16));
  if (!contentType) return refusal("NOT_A_SCAN");
  const pdf = contentType === "application/pdf";
  if (pdf && !pdfLooksComplete(bytes.subarray(-1024))) return refusal("PDF_INCOMPLETE");
  return {
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.length,
    contentType,
    pdfSignatureMarkers: pdf && pdfHasSignatureMarkers(Buffer.from(bytes).toString("latin1")),
  };
}

/**
 * The second, asynchronous part of the inspection: a PDF's digital signatures verified against
 * the trust list (a PEM bundle; empty, and every signature is at best "untrusted"). Other
 * types pass through unchanged. Revocation is not checked (see shared/signatures/).
 */
export async function inspectSignatures(
  inspection: Inspection,
  bytes: Uint8Array,
  trustList: TrustList,
  now: Date,
): Promise<Inspection> {
  if (inspection.contentType !== "application/pdf") return inspection;
  // The trust list is asked for only when there is a signature to check (on AWS, one SSM read).
  const signature = await verifyPdfSignatures(bytes, () => trustList.pem(), { now });
  return { ...inspection, signature };
}

/**
 * The third part, for originals: the scan's QR codes read and matched with the submission
 * (./form-code-match.ts). A scan of another submission or version, or one without its signature
 * page, is refused; otherwise the match is recorded, "unmatched" included.
 */
export async function inspectFormCode(
  scans: ScanReader,
  submission: Pick<Submission, "id" | "reference">,
  inspection: Inspection,
  bytes: Uint8Array,
): Promise<Inspection | Refusal> {
  const match = matchFormCode(submission, await scans.read(bytes, inspection.contentType));
  return isRefusal(match) ? match : { ...inspection, formCode: match };
}
