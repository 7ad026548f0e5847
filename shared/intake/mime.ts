import { simpleParser } from "mailparser";
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

/** The value of the topmost field called `name` (lower-case), unfolded; SES prepends its own fields. */
function topmost(lines: readonly { key: string; line: string }[], name: string): string | undefined {
  const line = lines.find((l) => l.key === name)?.line;
  return line?.slice(line.indexOf(":") + 1).trim();
}

/** Parses the raw message as SES stores it (RFC 5322, MIME); attachments are decoded to bytes. */
export async function parseMail(raw: Uint8Array): Promise<IncomingMail> {
  const parsed = await simpleParser(Buffer.from(raw), { skipHtmlToText: true, skipTextLinks: true });
  const addresses = parsed.from?.value.filter((a) => a.address) ?? [];
  const from = addresses[0]?.address?.toLowerCase();
  const lines = parsed.headerLines;
  const authenticationResults = topmost(lines, "authentication-results");
  const spamVerdict = topmost(lines, "x-ses-spam-verdict");
  const virusVerdict = topmost(lines, "x-ses-virus-verdict");
  return {
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(from ? { from } : {}),
    subject: parsed.subject ?? "",
    attachments: parsed.attachments.map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      content: new Uint8Array(a.content),
    })),
    auth: {
      ...(authenticationResults ? { authenticationResults } : {}),
      ...(spamVerdict ? { spamVerdict } : {}),
      ...(virusVerdict ? { virusVerdict } : {}),
      fromFields: lines.filter((l) => l.key === "from").length,
      fromAddresses: addresses.length,
    },
  };
}
