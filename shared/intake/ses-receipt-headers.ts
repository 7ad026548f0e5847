/**
 * The fields Amazon SES prepends to a message it receives, as the local stack's stand-in for SES
 * writes them: the CLI's `statsbidrag intake` on a local stage (where no SES judged the message)
 * and the tests. `verdict` is what SPF, DKIM and DMARC say of the From domain.
 */
export function sesReceiptHeaders(
  from: string,
  verdict: "pass" | "fail",
  flags: { spam?: string; virus?: string } = {},
): string[] {
  const domain = from.split("@").pop() ?? "";
  return [
    `X-SES-Spam-Verdict: ${flags.spam ?? "PASS"}`,
    `X-SES-Virus-Verdict: ${flags.virus ?? "PASS"}`,
    "Authentication-Results: amazonses.com;",
    ` spf=${verdict} (spfCheck: domain of ${domain} ${verdict === "pass" ? "designates" : "does not designate"} 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=${from}; helo=mail.${domain};`,
    ` dkim=${verdict} header.i=@${domain};`,
    ` dmarc=${verdict} header.from=${domain};`,
  ];
}

/** The raw message with SES's fields on top, as SES stores it. */
export function withSesReceiptHeaders(raw: Uint8Array, headers: string[]): Uint8Array {
  return Buffer.concat([Buffer.from(`${headers.join("\r\n")}\r\n`, "utf8"), raw]);
}
