/**
 * What a file is, by its first bytes, never by its name or declared type. Only formats a
 * scanner produces are accepted: PDF, JPEG, PNG and TIFF.
 */
export type ScanType = "application/pdf" | "image/jpeg" | "image/png" | "image/tiff";

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const JPEG = [0xff, 0xd8, 0xff] as const;
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00] as const;
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a] as const;

export function sniffType(head: Uint8Array): ScanType | undefined {
  if (startsWith(head, PNG)) return "image/png";
  if (startsWith(head, JPEG)) return "image/jpeg";
  if (startsWith(head, TIFF_LE) || startsWith(head, TIFF_BE)) return "image/tiff";
  // A full header, "%PDF-1.7": a file cut off inside its header is not a PDF.
  if (/^%PDF-\d\.\d/.test(Buffer.from(head.subarray(0, 8)).toString("latin1"))) return "application/pdf";
  return undefined;
}

/** A complete PDF ends with %%EOF (possibly followed by whitespace); a truncated upload does not. */
export function pdfLooksComplete(tail: Uint8Array): boolean {
  return Buffer.from(tail).toString("latin1").includes("%%EOF");
}

/**
 * A PDF with a digital signature carries a signature dictionary (/Type /Sig, /FT /Sig or a
 * /SubFilter) with a /ByteRange. The two markers may sit far apart, so they are tracked
 * separately across the whole file.
 */
export class SignatureMarkers {
  private byteRange = false;
  private dictionary = false;
  private carry = "";

  /** Feed the file in order; a short overlap finds markers split between chunks. */
  push(text: string): void {
    const window = this.carry + text;
    this.byteRange ||= window.includes("/ByteRange");
    this.dictionary ||= /\/Type\s*\/Sig\b|\/FT\s*\/Sig\b|\/SubFilter/.test(window);
    this.carry = window.slice(-64);
  }

  get found(): boolean {
    return this.byteRange && this.dictionary;
  }
}

export function pdfHasSignatureMarkers(text: string): boolean {
  const markers = new SignatureMarkers();
  markers.push(text);
  return markers.found;
}
