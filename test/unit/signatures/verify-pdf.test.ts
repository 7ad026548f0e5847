import { beforeAll, describe, expect, it } from "vitest";
import { verifyPdfSignatures } from "../../../shared/signatures/verify-pdf.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../../fixtures/signatures/corpus.ts";

let corpus: SignatureCorpus;
beforeAll(async () => {
  corpus = await makeSignatureCorpus();
}, 60_000);

const verify = (pdf: Uint8Array, opts?: { now?: Date }) =>
  verifyPdfSignatures(pdf, corpus.pki.trustAnchorsPem, opts);

describe("verifyPdfSignatures", () => {
  it("verifies a signature through a trusted chain and names the signer, issuer, time and serialNumber", async () => {
    // Prepare: Anna's certificate is issued by the intermediate under the trusted root
    // Act
    const summary = await verify(corpus.signed);
    // Assess
    expect(summary).toEqual({
      status: "verified",
      signatures: [
        {
          status: "verified",
          signerName: "Anna Andersson",
          givenName: "Anna",
          surname: "Andersson",
          serialNumber: "197001011234",
          issuer: "Test e-legitimation CA",
          signedAt: corpus.signingTime.toISOString(),
          coversWholeDocument: true,
          revocationChecked: false,
        },
      ],
    });
  });

  it("finds a file changed after signing invalid (DIGEST_MISMATCH)", async () => {
    // Prepare: one covered byte changed
    // Act
    const summary = await verify(corpus.tampered);
    // Assess
    expect(summary.status).toBe("invalid");
    expect(summary.signatures[0]).toMatchObject({ status: "invalid", reason: "DIGEST_MISMATCH" });
  });

  it("reports a signature followed by an unsigned update as partial (NOT_WHOLE_DOCUMENT)", async () => {
    // Prepare: a new title appended as an incremental update nobody signed
    // Act
    const summary = await verify(corpus.appended);
    // Assess
    expect(summary.status).toBe("partial");
    expect(summary.signatures[0]).toMatchObject({
      status: "partial",
      reason: "NOT_WHOLE_DOCUMENT",
      coversWholeDocument: false,
      signerName: "Anna Andersson",
    });
  });

  it("allows whitespace after the last %%EOF", async () => {
    // Prepare
    const pdf = Buffer.concat([corpus.signed, Buffer.from("\r\n \n")]);
    // Act
    const summary = await verify(pdf);
    // Assess
    expect(summary.status).toBe("verified");
  });

  it("finds an intact signature from a CA outside the trust list untrusted, even with its root embedded", async () => {
    // Prepare: the stranger's self-signed root travels in the CMS
    // Act
    const summary = await verify(corpus.unknownCa);
    // Assess
    expect(summary.status).toBe("untrusted");
    expect(summary.signatures[0]).toMatchObject({ reason: "CHAIN_UNTRUSTED", issuer: "Unknown Root CA" });
  });

  it("finds a signer whose certificate had expired at the signing time untrusted (CERT_EXPIRED_AT_SIGNING)", async () => {
    // Prepare: the certificate was valid in 2020 only; the bytes are intact
    // Act
    const summary = await verify(corpus.expired);
    // Assess
    expect(summary.status).toBe("untrusted");
    expect(summary.signatures[0]).toMatchObject({ status: "untrusted", reason: "CERT_EXPIRED_AT_SIGNING" });
  });

  it("checks the certificate at `now` when the signature carries no signing time", async () => {
    // Prepare: no signingTime attribute; the certificate is valid for a year around today
    // Act
    const today = await verify(corpus.noSigningTime);
    const later = await verify(corpus.noSigningTime, { now: new Date(Date.now() + 3 * 365 * 86_400_000) });
    // Assess
    expect(today.signatures[0]).toMatchObject({ status: "verified" });
    expect(today.signatures[0]?.signedAt).toBeUndefined();
    expect(later.signatures[0]).toMatchObject({ status: "untrusted", reason: "CERT_EXPIRED_AT_SIGNING" });
  });

  it("verifies both signatures of a signatory and a countersigning ekonomichef", async () => {
    // Prepare: Bertil's signature is an incremental update over Anna's signed revision
    // Act
    const summary = await verify(corpus.twoSignatures);
    // Assess
    expect(summary.status).toBe("verified");
    expect(summary.signatures).toMatchObject([
      { status: "verified", signerName: "Anna Andersson", coversWholeDocument: false },
      {
        status: "verified",
        signerName: "Bertil Berg",
        serialNumber: "PNOSE-196502021234",
        coversWholeDocument: true,
      },
    ]);
  });

  it("finds the first signature invalid when its revision is changed under a later signature", async () => {
    // Prepare: a byte inside Anna's range changed; Bertil's signature covers it too
    // Act
    const summary = await verify(
      Buffer.from(corpus.twoSignatures).fill("X", indexOfReason(corpus), indexOfReason(corpus) + 1),
    );
    // Assess
    expect(summary.signatures.map((s) => s.reason)).toEqual(["DIGEST_MISMATCH", "DIGEST_MISMATCH"]);
    expect(summary.status).toBe("invalid");
  });

  it("treats a real /ByteRange around a /Contents that is not a CMS as invalid (UNPARSABLE_CMS)", async () => {
    // Prepare
    // Act
    const summary = await verify(corpus.junkCms);
    // Assess
    expect(summary).toMatchObject({
      status: "invalid",
      signatures: [{ status: "invalid", reason: "UNPARSABLE_CMS" }],
    });
  });

  it("treats signature markers without a signature as invalid, never as signed", async () => {
    // Prepare: /Type /Sig and /ByteRange [0 10 20 30] as text
    // Act
    const summary = await verify(corpus.fakeMarkers);
    // Assess
    expect(summary).toEqual({
      status: "invalid",
      signatures: [
        {
          status: "invalid",
          reason: "BYTE_RANGE_INVALID",
          coversWholeDocument: false,
          revocationChecked: false,
        },
      ],
    });
  });

  it("checks at most 16 signatures and sums up the rest in one invalid entry", async () => {
    // Prepare: 40 signature dictionaries' worth of /ByteRange text
    const filler = "<< /Type /Sig /ByteRange [0 10 20 30] >>\n".repeat(40);
    const pdf = Buffer.concat([corpus.unsigned, Buffer.from(filler)]);
    // Act
    const summary = await verify(pdf);
    // Assess
    expect(summary.signatures).toHaveLength(17);
    expect(summary.signatures.at(-1)).toMatchObject({ status: "invalid", reason: "TOO_MANY_SIGNATURES" });
  });

  it("says none for a PDF without any signature", async () => {
    // Prepare
    // Act
    const summary = await verify(corpus.unsigned);
    // Assess
    expect(summary).toEqual({ status: "none", signatures: [] });
  });

  it("trusts nothing with an empty trust list: an intact signature is at best untrusted", async () => {
    // Prepare
    // Act
    const summary = await verifyPdfSignatures(corpus.signed, "");
    // Assess
    expect(summary.signatures[0]).toMatchObject({ status: "untrusted", reason: "CHAIN_UNTRUSTED" });
  });

  it("refuses a trust list with a block that is not a certificate", async () => {
    // Prepare
    const broken = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n";
    // Act
    const verifying = verifyPdfSignatures(corpus.signed, broken);
    // Assess
    await expect(verifying).rejects.toThrow(/Trust anchor 1/);
  });
});

function indexOfReason(c: SignatureCorpus): number {
  return c.twoSignatures.indexOf("/Reason (Rekvisition)") + "/Reason (".length;
}
