import type { ScanReading } from "../scans/reading.ts";
import type { FormCodeMatch, Submission } from "./model.ts";
import { type Refusal, refusal } from "./refusals.ts";

/**
 * What a scan's QR codes say about the submission it was uploaded to. A code of another
 * submission, or of another version of this one, refuses the scan and names what it is. A scan
 * whose every page carried a readable code, none of them the last page (where the signature is),
 * is refused as lacking the signature page. Otherwise the scan is accepted: "matched" when the
 * signature page was read, "unmatched" for the officer to look at when it was not (no code at all,
 * or pages without a readable code that may be the signature page).
 */
export function matchFormCode(
  submission: Pick<Submission, "id" | "reference">,
  reading: ScanReading,
): FormCodeMatch | Refusal {
  const codes = reading.pages.flatMap((page) => page.codes);
  const other = codes.find((c) => c.submissionId !== submission.id || c.reference !== submission.reference);
  if (other) {
    return refusal("SCAN_FOR_OTHER_SUBMISSION", { scanned: other.reference, expected: submission.reference });
  }
  if (codes.length === 0) {
    const reason =
      reading.pages.length > 0 ? "no-code" : reading.unsupported > 0 ? "unsupported-images" : "no-images";
    return { result: "unmatched", reason };
  }
  const of = Math.max(...codes.map((c) => c.pages));
  const pages = [...new Set(codes.map((c) => c.page))].sort((a, b) => a - b);
  if (pages.includes(of)) return { result: "matched", pages, of };
  const everyPageRead = reading.unsupported === 0 && reading.pages.every((page) => page.codes.length > 0);
  if (everyPageRead) return refusal("SIGNATURE_PAGE_MISSING", { page: of });
  return { result: "unmatched", reason: "signature-page-unread", pages, of };
}
