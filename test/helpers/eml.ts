import { sesReceiptHeaders } from "../../shared/intake/ses-receipt-headers.ts";

/**
 * A small raw MIME message, as SES writes one to the bucket: text, and attachments in base64.
 * `ses` puts SES's verdict fields on top (shared/intake/ses-receipt-headers.ts); `headers` adds
 * fields of the sender's own below them.
 */
export function eml(init: {
  from: string;
  messageId?: string;
  subject?: string;
  attachments?: { filename: string; contentType: string; bytes: Uint8Array }[];
  ses?: "pass" | "fail" | { verdict: "pass" | "fail"; spam?: string; virus?: string };
  headers?: string[];
}): Uint8Array {
  const boundary = "statsbidrag-test-boundary";
  const ses = typeof init.ses === "string" ? { verdict: init.ses } : init.ses;
  const lines = [
    ...(ses ? sesReceiptHeaders(init.from, ses.verdict, ses) : []),
    ...(init.headers ?? []),
    `From: Registrator <${init.from}>`,
    "To: inkommande@statsbidrag.example",
    `Subject: ${init.subject ?? "Undertecknad rekvisition"}`,
    ...(init.messageId ? [`Message-ID: <${init.messageId}>`] : []),
    "Date: Wed, 01 Jun 2022 10:00:00 +0200",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hej, här kommer det undertecknade originalet.",
  ];
  for (const a of init.attachments ?? []) {
    const base64 =
      Buffer.from(a.bytes)
        .toString("base64")
        .match(/.{1,76}/g) ?? [];
    lines.push(
      `--${boundary}`,
      `Content-Type: ${a.contentType}; name="${a.filename}"`,
      "Content-Transfer-Encoding: base64",
      `Content-Disposition: attachment; filename="${a.filename}"`,
      "",
      ...base64,
    );
  }
  lines.push(`--${boundary}--`, "");
  return Buffer.from(lines.join("\r\n"), "utf8");
}
