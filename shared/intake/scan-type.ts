import { pdfLooksComplete, type ScanType, sniffType } from "../submissions/sniff.ts";

/**
 * An attachment's type when it is a scan by the upload's own rules (../submissions/sniff.ts: magic
 * bytes, a complete PDF, not empty and within the upload limit), else undefined. The upload check
 * applies all of them again, and the rest, to what is filed; this only picks the attachments worth
 * reading, without the signature verifier the check bundles.
 */
export function scanTypeOf(bytes: Uint8Array, maxBytes: number): ScanType | undefined {
  if (bytes.length === 0 || bytes.length > maxBytes) return undefined;
  const type = sniffType(bytes.subarray(0, 16));
  if (type === "application/pdf" && !pdfLooksComplete(bytes.subarray(-1024))) return undefined;
  return type;
}
