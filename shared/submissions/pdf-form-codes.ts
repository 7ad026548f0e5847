import { PDFDocument } from "pdf-lib";
import { type FormCode, parseFormCode } from "../forms/form-code.ts";

/**
 * What a PDF says of itself as one of our printed forms: the form codes the generator writes into
 * the document information's Keywords (shared/forms/pdf/bilaga2.ts, one per page, the QR codes'
 * payloads) and how many pages the document has. A signing service adds its signature as an
 * incremental update (or re-saves the document) and keeps the document information, so a
 * digitally signed form still names its submission and version without rendering a page.
 *
 * `codes` is empty for any other PDF (a scan, a form made elsewhere, one that does not parse).
 */
export interface PdfFormCodes {
  codes: FormCode[];
  pageCount: number;
}

const NONE: PdfFormCodes = Object.freeze({ codes: [], pageCount: 0 });

/** Keywords hold a few codes of 60 characters; more is not ours. */
const MAX_KEYWORDS_LENGTH = 99 * 64;

export async function readPdfFormCodes(bytes: Uint8Array): Promise<PdfFormCodes> {
  let doc: PDFDocument;
  try {
    // updateMetadata: false, so nothing is read from what loading itself would write.
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch {
    // Encrypted or damaged: not one of our forms (the check's other rules still apply to it).
    return NONE;
  }
  const keywords = safely(() => doc.getKeywords()) ?? "";
  if (keywords.length > MAX_KEYWORDS_LENGTH) return NONE;
  const codes = keywords
    .split(/\s+/)
    .map((word) => parseFormCode(word))
    .filter((code): code is FormCode => code !== undefined);
  return { codes, pageCount: safely(() => doc.getPageCount()) ?? 0 };
}

/** A hostile document may hold a Keywords entry or page tree pdf-lib cannot read: then it is none. */
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
