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
  | "SIGNATURE_PAGE_MISSING"
  | "DIGITAL_SIGNATURE_NOT_ACCEPTED";

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
  /** Why a digitally signed form does not stand in for the scan (./digital-original.ts). */
  digital?: DigitalRefusal;
}

/**
 * Why a digitally signed form of this submission does not stand in for the scan: a signature that
 * is not trusted, is broken, or leaves part of the file unsigned; a programme that accepts no
 * digital signatures; or a file whose pages are not the form's.
 */
export type DigitalRefusal = "untrusted" | "invalid" | "partial" | "not-accepted" | "pages";

const PRINT_INSTEAD = {
  sv: "Skriv ut blanketten, skriv under den och skanna den.",
  en: "Print the form, sign it and scan it.",
};

const DIGITAL: Record<DigitalRefusal, Message> = {
  untrusted: {
    sv: "den digitala underskriften är obruten, men e-legitimationen kommer inte från en utfärdare som godtas (eller var inte giltig vid underskriften), så den ersätter inte en inskannad underskrift.",
    en: "the digital signature is intact, but the e-identification is not from an accepted issuer (or was not valid when signing), so it does not stand in for a signed scan.",
  },
  invalid: {
    sv: "den digitala underskriften gick inte att kontrollera: filen har ändrats efter underskriften eller underskriften är skadad.",
    en: "the digital signature could not be verified: the file was changed after signing or the signature is damaged.",
  },
  partial: {
    sv: "den digitala underskriften omfattar inte hela filen: något har lagts till efter underskriften.",
    en: "the digital signature does not cover the whole file: something was added after signing.",
  },
  "not-accepted": {
    sv: "det här statsbidraget tar inte emot digitalt underskrivna blanketter.",
    en: "this grant does not accept digitally signed forms.",
  },
  pages: {
    sv: "den digitalt underskrivna filen har inte blankettens sidor.",
    en: "the digitally signed file does not have the form's pages.",
  },
};

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
  DIGITAL_SIGNATURE_NOT_ACCEPTED: ({ digital = "invalid" }) => ({
    sv: `${DIGITAL[digital].sv} ${PRINT_INSTEAD.sv}`,
    en: `${DIGITAL[digital].en} ${PRINT_INSTEAD.en}`,
  }),
  SIGNATURE_PAGE_MISSING: ({ page }) => ({
    sv: `sidan med underskriften (sida ${page} av ${page}) saknas i skanningen. Skanna alla sidor.`,
    en: `the page with the signature (page ${page} of ${page}) is missing from the scan. Scan every page.`,
  }),
};

const CODES = Object.keys(MESSAGES) as RefusalCode[];

/** `detail` is what the message names (FILE_TOO_LARGE, SCAN_FOR_OTHER_SUBMISSION, SIGNATURE_PAGE_MISSING, DIGITAL_SIGNATURE_NOT_ACCEPTED). */
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
