import { describe, expect, it } from "vitest";
import type { DigitalOriginal } from "../../../shared/submissions/model.ts";
import { digitalOriginalText } from "../../../web/src/submission/digital-original.ts";

const ANNA = {
  signerName: "Anna Andersson",
  signedAt: "2022-11-30T12:58:02.000Z",
  issuer: "Test e-legitimation CA",
};

/** The municipality's and the officer's pages say what stood in for the scan. */
describe("a digitally signed original in words", () => {
  it("names the signer and the Stockholm signing time, verified, standing in for the scan", () => {
    // Prepare
    const digital: DigitalOriginal = { pages: 1, signers: [ANNA] };
    // Act
    const text = digitalOriginalText(digital);
    // Assess
    expect(text).toBe(
      "Digitalt signerad av Anna Andersson, 2022-11-30 13:58:02, verifierad — ersätter inskannad underskrift.",
    );
  });

  it("names both the signatory and the ekonomichef, and a signer without a time by name alone", () => {
    // Prepare
    const digital: DigitalOriginal = { pages: 2, signers: [ANNA, { signerName: "Bertil Berg" }] };
    // Act
    const text = digitalOriginalText(digital);
    // Assess
    expect(text).toContain("Anna Andersson, 2022-11-30 13:58:02 och Bertil Berg, verifierad");
  });
});
