import type { SenderAuth } from "./sender-auth.ts";

/**
 * A message that reached the agency's intake address (README "Signed originals by e-mail"). One
 * item per message, its id derived from the Message-ID (else the object key), so a message
 * delivered twice is handled once. The sender's address is personal data: it is kept here, for
 * the officer and the reply, and never logged.
 */
export interface IntakeItem {
  id: string;
  /** Where the raw message lies in the bucket (under intake/); an officer's filing reads it again. */
  messageKey: string;
  receivedAt: string;
  from: string;
  subject: string;
  /** The attachments that are scans, in the message's order; `index` names one when filing by hand. */
  scans: IntakeScan[];
  status: IntakeStatus;
  /** Why the message waits for an officer (status "open"). */
  reason?: IntakeReason;
  /** The submission the codes named, when one did: it gives the item its agency. */
  submissionId?: string;
  reference?: string;
  /** The agency of that submission's programme; without it every officer sees the item. */
  agency?: string;
  /** Filed: the upload slot the scan was written to. */
  filed?: { submissionId: string; reference: string; attachmentId: string; scan: number };
  discardReason?: string;
  /**
   * What SES said of the sender and the message (./sender-auth.ts): the From is trusted, and the
   * sender replied to, only on "pass" (or "not-checked" where the stage does not require it).
   */
  senderAuth?: SenderAuth;
  revision: number;
}

export type IntakeStatus = "open" | "filed" | "discarded";

export interface IntakeScan {
  index: number;
  filename?: string;
  contentType: string;
  size: number;
  /** The references the scan's QR codes name, e.g. ["SB-2022-1280-R1"]. */
  references: string[];
}

/** Why a message was not filed by itself: each is a stable code for the officer's list. */
export type IntakeReason =
  | "NO_SCAN"
  | "NO_CODE"
  | "UNKNOWN_SUBMISSION"
  | "SEVERAL_SUBMISSIONS"
  | "UNKNOWN_SENDER"
  | "SENDER_NOT_AUTHENTICATED"
  | "SPAM"
  | "VIRUS"
  | "NOT_AWAITING_ORIGINAL";

export const REASON_TEXT: Record<IntakeReason, { sv: string; en: string }> = {
  NO_SCAN: {
    sv: "meddelandet har ingen skannad bilaga (PDF, JPEG, PNG eller TIFF)",
    en: "no scanned attachment",
  },
  NO_CODE: { sv: "ingen QR-kod kunde läsas i skanningen", en: "no QR code could be read" },
  UNKNOWN_SUBMISSION: {
    sv: "QR-koden anger ingen inlämning som finns",
    en: "the QR code names no known submission",
  },
  SEVERAL_SUBMISSIONS: {
    sv: "skanningarna gäller flera inlämningar",
    en: "the scans name several submissions",
  },
  UNKNOWN_SENDER: {
    sv: "avsändaren finns inte i kontaktregistret för kommunen",
    en: "the sender is not in the municipality's contact register",
  },
  SENDER_NOT_AUTHENTICATED: {
    sv: "avsändaradressen kunde inte bekräftas (SPF, DKIM och DMARC)",
    en: "the sender's address could not be verified (SPF, DKIM and DMARC)",
  },
  SPAM: { sv: "e-posttjänsten bedömde meddelandet som skräppost", en: "the mail service judged it spam" },
  VIRUS: {
    sv: "e-posttjänsten fann ett virus i meddelandet; bilagorna kan inte öppnas eller kopplas",
    en: "the mail service found a virus in it; its attachments cannot be opened or filed",
  },
  NOT_AWAITING_ORIGINAL: {
    sv: "inlämningen väntar inte på ett original",
    en: "the submission is not waiting for an original",
  },
};
