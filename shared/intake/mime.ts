import { simpleParser } from "mailparser";

/** What the intake needs of a raw MIME message. */
export interface IncomingMail {
  messageId?: string;
  /** The From address, lower-cased; undefined when the header names none. */
  from?: string;
  subject: string;
  attachments: { filename?: string; contentType: string; content: Uint8Array }[];
}

/** Parses the raw message as SES stores it (RFC 5322, MIME); attachments are decoded to bytes. */
export async function parseMail(raw: Uint8Array): Promise<IncomingMail> {
  const parsed = await simpleParser(Buffer.from(raw), { skipHtmlToText: true, skipTextLinks: true });
  const from = parsed.from?.value.find((a) => a.address)?.address?.toLowerCase();
  return {
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(from ? { from } : {}),
    subject: parsed.subject ?? "",
    attachments: parsed.attachments.map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      content: new Uint8Array(a.content),
    })),
  };
}
