import { describe, expect, it } from "vitest";
import { parseMail } from "../../../shared/intake/mime.ts";

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");
const mail = (...lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

describe("what the intake reads of a raw message", () => {
  it("reads the first From, lower-cased, and counts the mailboxes it names but not a group's name", async () => {
    // Act
    const two = await parseMail(
      mail("From: Registrator@Lund.se, kassa@lund.se", "From: x@evil.example", "", "x"),
    );
    const group = await parseMail(mail("From: Registratur: a@lund.se;", "", "x"));
    const none = await parseMail(mail("From: Registrator", "", "x"));
    // Assess
    expect(two.from).toBe("registrator@lund.se");
    expect(two.auth).toMatchObject({ fromFields: 2, fromAddresses: 2 });
    expect(group.auth).toMatchObject({ fromFields: 1, fromAddresses: 0 });
    expect(none.from).toBeUndefined();
  });

  it("gives the Message-ID in angle brackets however it was written, and none for an empty field", async () => {
    // Act
    const bare = await parseMail(mail("From: a@lund.se", "Message-ID: scan-1@lund.se", "", "x"));
    const empty = await parseMail(mail("From: a@lund.se", "Message-ID:", "", "x"));
    // Assess
    expect(bare.messageId).toBe("<scan-1@lund.se>");
    expect(empty).not.toHaveProperty("messageId");
  });

  it("reads SES's verdicts from the topmost fields, unfolded", async () => {
    // Act
    const parsed = await parseMail(
      mail(
        "X-SES-Spam-Verdict: PASS",
        "Authentication-Results: amazonses.com;",
        " dmarc=pass header.from=lund.se;",
        "Authentication-Results: evil.example; dmarc=pass",
        "X-SES-Spam-Verdict: FAIL",
        "From: a@lund.se",
        "",
        "x",
      ),
    );
    // Assess
    expect(parsed.auth).toEqual({
      authenticationResults: "amazonses.com; dmarc=pass header.from=lund.se;",
      spamVerdict: "PASS",
      fromFields: 1,
      fromAddresses: 1,
    });
  });

  it("keeps a forwarded message as one attachment, never the files inside it, whose sender SES did not judge", async () => {
    // Act
    const parsed = await parseMail(
      mail(
        "From: a@lund.se",
        'Content-Type: multipart/mixed; boundary="outer"',
        "",
        "--outer",
        "Content-Type: message/rfc822",
        "",
        "From: someone@elsewhere.example",
        'Content-Type: multipart/mixed; boundary="inner"',
        "",
        "--inner",
        'Content-Type: application/pdf; name="inner.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        PDF.toString("base64"),
        "--inner--",
        "--outer--",
        "",
      ),
    );
    // Assess
    expect(parsed.attachments.map((a) => a.contentType)).toEqual(["message/rfc822"]);
  });
});
