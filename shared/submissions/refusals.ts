import type { Message } from "../errors.ts";

/**
 * Why the upload check refused a file: a stable code for programs and the text in both languages
 * for people, stored with the attachment so no reader has to translate it back.
 */
export type RefusalCode =
  | "FILE_MISSING"
  | "FILE_EMPTY"
  | "FILE_TOO_LARGE"
  | "MALWARE_FOUND"
  | "SCAN_FAILED"
  | "NOT_A_SCAN"
  | "PDF_INCOMPLETE"
  | "SCAN_FOR_OTHER_SUBMISSION"
  | "SIGNATURE_PAGE_MISSING";

export interface Refusal {
  code: RefusalCode;
  message: Message;
}

/** What a message names: the size limit broken, the reference a scan is for, the page it lacks. */
export interface RefusalDetail {
  maxBytes?: number;
  /** The reference the scan's QR code names, and the one it was uploaded to. */
  scanned?: string;
  expected?: string;
  /** The signature page: page `page` of `page`. */
  page?: number;
}

const MESSAGES: Record<RefusalCode, (detail: RefusalDetail) => Message> = {
  FILE_MISSING: () => ({ sv: "filen saknas.", en: "the file is missing." }),
  FILE_EMPTY: () => ({ sv: "filen är tom.", en: "the file is empty." }),
  FILE_TOO_LARGE: ({ maxBytes = 0 }) => ({
    sv: `filen är större än ${maxBytes} byte.`,
    en: `the file is larger than ${maxBytes} bytes.`,
  }),
  MALWARE_FOUND: () => ({ sv: "filen innehåller skadlig kod.", en: "the file contains malware." }),
  SCAN_FAILED: () => ({
    sv: "filen kunde inte virusskannas. Ladda upp den igen som PDF eller bild.",
    en: "the file could not be scanned for malware. Upload it again as a PDF or an image.",
  }),
  NOT_A_SCAN: () => ({
    sv: "filen är inte en PDF, JPEG, PNG eller TIFF.",
    en: "the file is not a PDF, JPEG, PNG or TIFF.",
  }),
  PDF_INCOMPLETE: () => ({ sv: "PDF-filen är ofullständig.", en: "the PDF file is incomplete." }),
  // Lower case like the others: mail and pages put them after "could not be accepted: ".
  SCAN_FOR_OTHER_SUBMISSION: ({ scanned, expected }) => ({
    sv: `det här är blanketten för ${scanned}, inte för ${expected}. Skriv ut blanketten för ${expected}, skriv under och skanna den.`,
    en: `this is the form for ${scanned}, not for ${expected}. Print the form for ${expected}, sign it and scan it.`,
  }),
  SIGNATURE_PAGE_MISSING: ({ page }) => ({
    sv: `sidan med underskriften (sida ${page} av ${page}) saknas i skanningen. Skanna alla sidor.`,
    en: `the page with the signature (page ${page} of ${page}) is missing from the scan. Scan every page.`,
  }),
};

const CODES = Object.keys(MESSAGES) as RefusalCode[];

/** `detail` is what the message names (FILE_TOO_LARGE, SCAN_FOR_OTHER_SUBMISSION, SIGNATURE_PAGE_MISSING). */
export function refusal(code: RefusalCode, detail: RefusalDetail = {}): Refusal {
  return { code, message: MESSAGES[code](detail) };
}

export function isRefusal(value: unknown): value is Refusal {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Partial<Refusal>;
  return (
    typeof code === "string" &&
    CODES.includes(code) &&
    typeof message?.sv === "string" &&
    typeof message.en === "string"
  );
}
