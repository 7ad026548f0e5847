import { describe, expect, it } from "vitest";
import type { SignatureResult } from "../../../shared/signatures/model.ts";
import { signatureRows } from "../../../web/src/signatures/signature-panel.ts";

const ANNA: SignatureResult = {
  status: "verified",
  signerName: "Anna Andersson",
  serialNumber: "197001011234",
  issuer: "Test e-legitimation CA",
  signedAt: "2022-11-30T12:58:02.000Z",
  coversWholeDocument: true,
  revocationChecked: false,
};

/** The pages (Swedish unless the reader chose English) say what the signature check found. */
describe("a signature in words", () => {
  it("gives an officer status, signer, Stockholm signing time, issuer and the serialNumber", () => {
    // Act
    const rows = signatureRows(ANNA, "officer");
    // Assess
    expect(rows).toEqual([
      ["Status", "Verifierad"],
      ["Undertecknare", "Anna Andersson"],
      ["Signerad (enligt undertecknaren)", "2022-11-30 13:58:02"],
      ["Utfärdare", "Test e-legitimation CA"],
      ["Personnummer (serienummer)", "197001011234"],
    ]);
  });

  it("never shows a municipality the serialNumber, even if one reached the page", () => {
    // Act
    const rows = signatureRows(ANNA, "municipality");
    // Assess
    expect(rows.map(([label]) => label)).toEqual([
      "Status",
      "Undertecknare",
      "Signerad (enligt undertecknaren)",
      "Utfärdare",
    ]);
    expect(JSON.stringify(rows)).not.toContain("197001011234");
  });

  it("says why a signature is not verified, and 'okänd' for what the check could not read", () => {
    // Prepare
    const broken: SignatureResult = {
      status: "invalid",
      reason: "UNPARSABLE_CMS",
      coversWholeDocument: true,
      revocationChecked: false,
    };
    // Act
    const rows = signatureRows(broken, "officer");
    // Assess
    expect(rows).toEqual([
      ["Status", "Ogiltig"],
      ["Undertecknare", "okänd"],
      ["Signerad (enligt undertecknaren)", "okänd"],
      ["Utfärdare", "okänd"],
      ["Orsak", "Signaturdata går inte att läsa."],
    ]);
  });
});
