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
  | "PDF_INCOMPLETE";

export interface Refusal {
  code: RefusalCode;
  message: Message;
}

const MESSAGES: Record<RefusalCode, (maxBytes: number) => Message> = {
  FILE_MISSING: () => ({ sv: "filen saknas.", en: "the file is missing." }),
  FILE_EMPTY: () => ({ sv: "filen är tom.", en: "the file is empty." }),
  FILE_TOO_LARGE: (maxBytes) => ({
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
};

const CODES = Object.keys(MESSAGES) as RefusalCode[];

/** `maxBytes` is the limit the file broke; only FILE_TOO_LARGE names it. */
export function refusal(code: RefusalCode, maxBytes = 0): Refusal {
  return { code, message: MESSAGES[code](maxBytes) };
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
