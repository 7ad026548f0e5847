import type { FormCode } from "../forms/form-code.ts";

/** What reading a scan for our QR codes found, page by page (before anyone matches it). */
export interface ScanReading {
  /** One entry per page image looked at, in order: the form codes read on it (usually none or one). */
  pages: { codes: FormCode[] }[];
  /** Page images in encodings that are not decoded here (JPEG 2000 in a PDF, say). */
  unsupported: number;
}
