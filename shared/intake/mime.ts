import PostalMime, { addressParser } from "postal-mime";
import type { AuthHeaders } from "./sender-auth.ts";

/** What the intake needs of a raw MIME message. */
export interface IncomingMail {
  messageId?: string;
  /** The From address, lower-cased; undefined when the header names none. */
  from?: string;
  subject: string;
  attachments: { filename?: string; contentType: string; content: Uint8Array }[];
  /** The fields SES's verdict is read from (./sender-auth.ts). */
  auth: AuthHeaders;
}

/** A Message-ID in angle brackets, however the sender wrote it. */
const bracketed = (id: string) => `${id.startsWith("<") ? "" : "<"}${id}${id.endsWith(">") ? "" : ">"}`;

/**
 * Parses the raw message as SES stores it (RFC 5322, MIME); attachments are decoded to bytes.
 * Each field is read from its topmost occurrence, unfolded: SES prepends its own fields above the
 * sender's, and the first From is the one mail clients show. A forwarded message (message/rfc822)
 * stays one attachment: SES judged the outer From, not the inner one. Attachments come base64- or
 * quoted-printable-encoded (SES's endpoint offers no BINARYMIME); a part sent as 8bit or binary
 * would be read line by line, its line breaks as LF.
 */
export async function parseMail(raw: Uint8Array): Promise<IncomingMail> {
  const parsed = await PostalMime.parse(raw, { forceRfc822Attachments: true });
  const topmost = (name: string) => parsed.headers.find((h) => h.key === name)?.value || undefined;
  // The mailboxes the first From names; a group is not an address of its own.
  const fromField = topmost("from");
  const addresses = fromField ? addressParser(fromField).filter((a) => a.address) : [];
  const from = addresses[0]?.address?.toLowerCase();
  const authenticationResults = topmost("authentication-results");
  const spamVerdict = topmost("x-ses-spam-verdict");
  const virusVerdict = topmost("x-ses-virus-verdict");
  return {
    ...(parsed.messageId ? { messageId: bracketed(parsed.messageId) } : {}),
    ...(from ? { from } : {}),
    subject: parsed.subject ?? "",
    attachments: parsed.attachments.map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.mimeType,
      // Bytes, as attachmentEncoding is left at "arraybuffer"; only the other encodings give strings.
      content: new Uint8Array(a.content as ArrayBuffer | Uint8Array),
    })),
    auth: {
      ...(authenticationResults ? { authenticationResults } : {}),
      ...(spamVerdict ? { spamVerdict } : {}),
      ...(virusVerdict ? { virusVerdict } : {}),
      fromFields: parsed.headers.filter((h) => h.key === "from").length,
      fromAddresses: addresses.length,
    },
  };
}
