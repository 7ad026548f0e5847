import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAuthenticationResults } from "../../../shared/intake/authentication-results.ts";
import { parseMail } from "../../../shared/intake/mime.ts";
import { type AuthHeaders, senderAuthOf } from "../../../shared/intake/sender-auth.ts";
import { sesReceiptHeaders, withSesReceiptHeaders } from "../../../shared/intake/ses-receipt-headers.ts";

/** The field as SES's inbound endpoint writes it (folded, with its spfCheck comment). */
const SES_PASS = [
  "amazonses.com;",
  " spf=pass (spfCheck: domain of lund.se designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=registrator@lund.se; helo=mail.lund.se;",
  " dkim=pass header.i=@lund.se;",
  " dmarc=pass header.from=lund.se;",
].join("\r\n");

const headers = (authenticationResults?: string, more: Partial<AuthHeaders> = {}): AuthHeaders => ({
  ...(authenticationResults ? { authenticationResults } : {}),
  fromFields: 1,
  fromAddresses: 1,
  ...more,
});

describe("Authentication-Results, as RFC 8601 writes it", () => {
  it("reads SES's field: the authserv-id, each method's result, and SES's bare properties under the method before them", () => {
    // Act
    const parsed = parseAuthenticationResults(SES_PASS);
    // Assess
    expect(parsed?.authservId).toBe("amazonses.com");
    expect(parsed?.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      "spf=pass",
      "dkim=pass",
      "dmarc=pass",
    ]);
    expect(parsed?.results[0]?.props).toMatchObject({
      "client-ip": "192.0.2.1",
      "envelope-from": "registrator@lund.se",
    });
    expect(parsed?.results[2]?.props).toEqual({ "header.from": "lund.se" });
  });

  it("drops nested comments, keeps quoted strings whole, lower-cases methods and results, and drops a version", () => {
    // Act
    const parsed = parseAuthenticationResults(
      'mx.example.org 1; DKIM/1=PASS (good (really) signature) header.d=lund.se header.b="a;b c"; dmarc=fail (p=reject) header.from=lund.se',
    );
    // Assess
    expect(parsed?.authservId).toBe("mx.example.org");
    expect(parsed?.results).toEqual([
      { method: "dkim", result: "pass", props: { "header.d": "lund.se", "header.b": "a;b c" } },
      { method: "dmarc", result: "fail", props: { "header.from": "lund.se" } },
    ]);
  });

  it("reads 'none' as no results, and gives up on an unclosed comment or quote rather than guess", () => {
    expect(parseAuthenticationResults("amazonses.com; none")).toEqual({
      authservId: "amazonses.com",
      results: [],
    });
    expect(parseAuthenticationResults("amazonses.com; dmarc=pass (unclosed")).toBeUndefined();
    expect(parseAuthenticationResults('amazonses.com; dmarc=pass header.from="lund.se')).toBeUndefined();
    expect(parseAuthenticationResults("dmarc=pass")).toBeUndefined();
  });

  it("never throws, whatever a sender puts in the field", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parseAuthenticationResults(text);
      }),
    );
  });
});

describe("whether the From address is believed", () => {
  it("believes a From that SES says passed DMARC for its domain", () => {
    expect(senderAuthOf("ses", headers(SES_PASS), "registrator@lund.se")).toEqual({
      result: "pass",
      spf: "pass",
      dkim: "pass",
      dmarc: "pass",
    });
  });

  it("does not believe a From whose domain is not the one SES judged", () => {
    expect(senderAuthOf("ses", headers(SES_PASS), "registrator@malmo.se").result).toBe("fail");
  });

  it("does not believe a failed DMARC, even when SPF passed for the envelope", () => {
    const value =
      "amazonses.com; spf=pass smtp.mailfrom=x@lund.se; dkim=fail header.d=lund.se; dmarc=fail header.from=lund.se";
    expect(senderAuthOf("ses", headers(value), "registrator@lund.se").result).toBe("fail");
  });

  it("without a DMARC verdict, believes SPF or DKIM only where its domain aligns with the From", () => {
    const of = (value: string) =>
      senderAuthOf("ses", headers(`amazonses.com; ${value}`), "registrator@lund.se").result;
    expect(of("spf=pass smtp.mailfrom=bounce@mail.lund.se; dmarc=none")).toBe("pass");
    expect(of("spf=pass envelope-from=bounce@eu-north-1.amazonses.com; dkim=fail header.d=lund.se")).toBe(
      "fail",
    );
    expect(of("dkim=pass header.d=elsewhere.example; dkim=pass header.d=lund.se")).toBe("pass");
    expect(of("dkim=pass header.d=se")).toBe("fail");
    expect(of("spf=softfail smtp.mailfrom=x@lund.se; dkim=neutral header.d=lund.se")).toBe("fail");
  });

  it("trusts only a verdict SES wrote: another server's field, or none at all, is 'missing'", () => {
    const other = SES_PASS.replace("amazonses.com", "mx.attacker.example");
    expect(senderAuthOf("ses", headers(other), "registrator@lund.se").result).toBe("missing");
    expect(senderAuthOf("ses", headers(), "registrator@lund.se").result).toBe("missing");
  });

  it("does not believe a message with two From fields or two addresses in its From", () => {
    expect(senderAuthOf("ses", headers(SES_PASS, { fromFields: 2 }), "registrator@lund.se").result).toBe(
      "fail",
    );
    expect(senderAuthOf("ses", headers(SES_PASS, { fromAddresses: 2 }), "registrator@lund.se").result).toBe(
      "fail",
    );
    expect(senderAuthOf("ses", headers(SES_PASS), undefined).result).toBe("fail");
  });

  it("keeps SES's spam and virus verdicts, upper-cased, for the decision and the officer", () => {
    const auth = senderAuthOf(
      "ses",
      headers(SES_PASS, { spamVerdict: " fail", virusVerdict: "GRAY" }),
      "registrator@lund.se",
    );
    expect(auth).toMatchObject({ result: "pass", spam: "FAIL", virus: "GRAY" });
  });

  it("takes the From as written where the stage does not ask SES", () => {
    expect(senderAuthOf("none", headers(), "anyone@anywhere.example")).toEqual({ result: "not-checked" });
  });
});

describe("a message as it arrives: the fields read from the raw MIME", () => {
  const raw = (extra = "") =>
    Buffer.from(
      `${extra}From: Registrator <registrator@lund.se>\r\nSubject: Skanning\r\n\r\nHej\r\n`,
      "utf8",
    );

  it("believes the local stand-in's pass and not its fail, reading SES's fields from the top of the message", async () => {
    // Act
    const pass = await parseMail(
      withSesReceiptHeaders(raw(), sesReceiptHeaders("registrator@lund.se", "pass")),
    );
    const fail = await parseMail(
      withSesReceiptHeaders(raw(), sesReceiptHeaders("registrator@lund.se", "fail")),
    );
    // Assess
    expect(senderAuthOf("ses", pass.auth, pass.from)).toMatchObject({
      result: "pass",
      spam: "PASS",
      virus: "PASS",
    });
    expect(senderAuthOf("ses", fail.auth, fail.from).result).toBe("fail");
  });

  it("counts a second From field, which SES and the parser might read differently", async () => {
    // Act
    const mail = await parseMail(
      withSesReceiptHeaders(raw("From: kassa@lund.se\r\n"), sesReceiptHeaders("registrator@lund.se", "pass")),
    );
    // Assess
    expect(mail.auth.fromFields).toBe(2);
    expect(senderAuthOf("ses", mail.auth, mail.from).result).toBe("fail");
  });
});
