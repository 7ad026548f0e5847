import { beforeAll, describe, expect, it } from "vitest";
import { encodeFormCode, type FormCode } from "../../../shared/forms/form-code.ts";
import { bilaga2Pdf } from "../../../shared/forms/pdf/bilaga2.ts";
import { packageFonts } from "../../../shared/forms/pdf/package-fonts.ts";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import type { SignatureResult, SignatureStatus, SignatureSummary } from "../../../shared/signatures/model.ts";
import { judgeDigitalOriginal } from "../../../shared/submissions/digital-original.ts";
import { readPdfFormCodes } from "../../../shared/submissions/pdf-form-codes.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../../fixtures/signatures/corpus.ts";
import { countersign, signExisting } from "../../fixtures/signatures/sign.ts";

/** This version (R2) corrects R1, another submission of its own; Malmö's R1 is another municipality's. */
const THIS = { id: "0f8fad5b-d9cb-469f-a165-70867728950e", reference: "SB-2022-1281-R2" };
const OLDER = { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", reference: "SB-2022-1281-R1" };
const OTHER = { id: "16fd2706-8baf-433b-82eb-8c7fada847da", reference: "SB-2022-1280-R1" };

const codesOf = (s: { id: string; reference: string }, pages = 2): FormCode[] =>
  Array.from({ length: pages }, (_, i) => ({
    submissionId: s.id,
    reference: s.reference,
    page: i + 1,
    pages,
  }));

const formOf = (s: { id: string; reference: string }, pages = 2) => ({
  codes: codesOf(s, pages),
  pageCount: pages,
});

const result = (status: SignatureStatus, coversWholeDocument = true): SignatureResult => ({
  status,
  signerName: "Anna Andersson",
  serialNumber: "197001011234",
  issuer: "Test e-legitimation CA",
  signedAt: "2022-11-20T09:00:00.000Z",
  coversWholeDocument,
  revocationChecked: false,
});

const summary = (...signatures: SignatureResult[]): SignatureSummary => {
  const order: SignatureStatus[] = ["verified", "untrusted", "partial", "invalid"];
  const worst = signatures.reduce<SignatureStatus>(
    (a, s) => (order.indexOf(s.status) > order.indexOf(a) ? s.status : a),
    "verified",
  );
  return { status: signatures.length === 0 ? "none" : worst, signatures };
};

const ACCEPTS = { digitalSignature: { accepted: "any-verified" as const } };
const DEFAULT = {};

describe("a digitally signed form stands in for the scan", () => {
  it("stands in when it is this version's own form, every signature verified, the file signed to its end", () => {
    // Prepare
    const signature = summary(result("verified"));
    // Act
    const verdict = judgeDigitalOriginal(THIS, formOf(THIS), signature, ACCEPTS);
    // Assess
    expect(verdict).toEqual({
      standsIn: true,
      digital: {
        pages: 2,
        signers: [
          {
            signerName: "Anna Andersson",
            signedAt: "2022-11-20T09:00:00.000Z",
            issuer: "Test e-legitimation CA",
          },
        ],
      },
    });
  });

  it("never carries the signer's personnummer into what stands in (lists and mail read it)", () => {
    // Prepare
    // Act
    const verdict = judgeDigitalOriginal(THIS, formOf(THIS), summary(result("verified")), DEFAULT);
    // Assess
    expect(JSON.stringify(verdict)).not.toContain("197001011234");
  });

  it("accepts verified signatures when the programme says nothing (the agreements take digitally signed forms)", () => {
    // Prepare
    // Act
    const verdict = judgeDigitalOriginal(THIS, formOf(THIS), summary(result("verified")), DEFAULT);
    // Assess
    expect(verdict).toMatchObject({ standsIn: true });
  });

  it("names every verified signer, in file order, when the signatory and the ekonomichef both signed", () => {
    // Prepare: Anna's signature covers her revision, Bertil's the whole file
    const signature = summary(result("verified", false), {
      ...result("verified"),
      signerName: "Bertil Berg",
    });
    // Act
    const verdict = judgeDigitalOriginal(THIS, formOf(THIS), signature, ACCEPTS);
    // Assess
    expect(verdict).toMatchObject({
      standsIn: true,
      digital: { signers: [{ signerName: "Anna Andersson" }, { signerName: "Bertil Berg" }] },
    });
  });
});

describe("a digitally signed form does not stand in", () => {
  const statuses: SignatureStatus[] = ["verified", "untrusted", "invalid", "partial"];

  for (const status of statuses) {
    it(`refuses another municipality's form signed ${status}, naming it as for a scan of it`, () => {
      // Prepare
      // Act
      const verdict = judgeDigitalOriginal(THIS, formOf(OTHER), summary(result(status)), ACCEPTS);
      // Assess
      expect(verdict).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
      expect(verdict).toHaveProperty("message.sv", expect.stringContaining("SB-2022-1280-R1"));
      expect(verdict).toHaveProperty("message.en", expect.stringContaining(`not for ${THIS.reference}`));
    });

    it(`refuses the older version's form signed ${status}`, () => {
      // Prepare
      // Act
      const verdict = judgeDigitalOriginal(THIS, formOf(OLDER), summary(result(status)), ACCEPTS);
      // Assess
      expect(verdict).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
      expect(verdict).toHaveProperty("message.en", expect.stringContaining("the form for SB-2022-1281-R1"));
    });
  }

  it("refuses this version's id printed with the older reference (a code pieced together)", () => {
    // Prepare
    const form = { codes: codesOf({ id: THIS.id, reference: OLDER.reference }), pageCount: 2 };
    // Act
    const verdict = judgeDigitalOriginal(THIS, form, summary(result("verified")), ACCEPTS);
    // Assess
    expect(verdict).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
  });

  it("refuses a form naming this version on one page and another on the next", () => {
    // Prepare
    const form = { codes: [codesOf(THIS)[0], codesOf(OTHER)[1]] as FormCode[], pageCount: 2 };
    // Act
    const verdict = judgeDigitalOriginal(THIS, form, summary(result("verified")), ACCEPTS);
    // Assess
    expect(verdict).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
  });

  for (const status of ["untrusted", "invalid", "partial"] as const) {
    it(`refuses this version's own form signed ${status}, saying why in Swedish and English`, () => {
      // Prepare
      // Act
      const verdict = judgeDigitalOriginal(THIS, formOf(THIS), summary(result(status)), ACCEPTS);
      // Assess
      expect(verdict).toMatchObject({ code: "DIGITAL_SIGNATURE_NOT_ACCEPTED" });
      expect(verdict).toHaveProperty("message.sv", expect.stringContaining("skanna den"));
      expect(verdict).toHaveProperty("message.en", expect.stringContaining("scan it"));
    });
  }

  it("tells an untrusted issuer from a file changed after signing", () => {
    // Prepare
    // Act
    const untrusted = judgeDigitalOriginal(THIS, formOf(THIS), summary(result("untrusted")), ACCEPTS);
    const invalid = judgeDigitalOriginal(THIS, formOf(THIS), summary(result("invalid")), ACCEPTS);
    // Assess
    expect(untrusted).toHaveProperty("message.en", expect.stringContaining("not from an accepted issuer"));
    expect(invalid).toHaveProperty("message.en", expect.stringContaining("changed after signing"));
  });

  it("refuses when one signature is verified and a countersignature is untrusted: the worst decides", () => {
    // Prepare
    const signature = summary(result("verified", false), result("untrusted"));
    // Act
    const verdict = judgeDigitalOriginal(THIS, formOf(THIS), signature, ACCEPTS);
    // Assess
    expect(verdict).toMatchObject({ code: "DIGITAL_SIGNATURE_NOT_ACCEPTED" });
  });

  it("refuses a verified signature that leaves the end of the file unsigned", () => {
    // Prepare: verified, yet no signature reaches the end (a summary no verifier should make)
    const signature = summary(result("verified", false));
    // Act
    const verdict = judgeDigitalOriginal(THIS, formOf(THIS), signature, ACCEPTS);
    // Assess
    expect(verdict).toMatchObject({ code: "DIGITAL_SIGNATURE_NOT_ACCEPTED" });
    expect(verdict).toHaveProperty("message.en", expect.stringContaining("does not cover the whole file"));
  });

  it("refuses a verified form where the programme accepts no digital signatures", () => {
    // Prepare
    // Act
    const verdict = judgeDigitalOriginal(THIS, formOf(THIS), summary(result("verified")), {
      digitalSignature: { accepted: "none" },
    });
    // Assess
    expect(verdict).toMatchObject({ code: "DIGITAL_SIGNATURE_NOT_ACCEPTED" });
    expect(verdict).toHaveProperty("message.sv", expect.stringContaining("tar inte emot digitalt"));
  });

  it("refuses a signed form with a page more or less than its codes count", () => {
    // Prepare
    const extraPage = { codes: codesOf(THIS), pageCount: 3 };
    const lostCode = { codes: codesOf(THIS).slice(0, 1), pageCount: 2 };
    const sameCodeTwice = { codes: [codesOf(THIS)[0], codesOf(THIS)[0]] as FormCode[], pageCount: 2 };
    const signature = summary(result("verified"));
    // Act
    const verdicts = [extraPage, lostCode, sameCodeTwice].map((f) =>
      judgeDigitalOriginal(THIS, f, signature, ACCEPTS),
    );
    // Assess
    for (const verdict of verdicts) expect(verdict).toMatchObject({ code: "DIGITAL_SIGNATURE_NOT_ACCEPTED" });
  });

  it("leaves a signed PDF with no form code of ours to the scan's QR codes", () => {
    // Prepare
    // Act
    const verdict = judgeDigitalOriginal(
      THIS,
      { codes: [], pageCount: 1 },
      summary(result("verified")),
      ACCEPTS,
    );
    // Assess
    expect(verdict).toEqual({ standsIn: false });
  });

  it("leaves this version's unsigned form to the scan's rules, and refuses another's", () => {
    // Prepare
    const unsigned = summary();
    // Act
    const own = judgeDigitalOriginal(THIS, formOf(THIS), unsigned, ACCEPTS);
    const other = judgeDigitalOriginal(THIS, formOf(OTHER), unsigned, ACCEPTS);
    // Assess
    expect(own).toEqual({ standsIn: false });
    expect(other).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
  });
});

describe("the form codes a PDF carries in its document information", () => {
  let corpus: SignatureCorpus;
  let form: Uint8Array;
  const programme = seedProgramme("skr-aldreomsorg-2022");

  beforeAll(async () => {
    if (!programme) throw new Error("programme missing");
    corpus = await makeSignatureCorpus();
    form = await bilaga2Pdf(
      {
        kind: "requisition",
        submissionId: THIS.id,
        reference: THIS.reference,
        form: sampleRequisition(programme, "1281", "2022-11-20"),
      },
      await packageFonts(),
    );
  }, 60_000);

  it("reads every page's code from the form we print", async () => {
    // Prepare
    // Act
    const found = await readPdfFormCodes(form);
    // Assess
    expect(found.codes.length).toBe(found.pageCount);
    expect(found.codes.map((c) => encodeFormCode(c))).toEqual(
      codesOf(THIS, found.pageCount).map((c) => encodeFormCode(c)),
    );
  });

  it("still reads them once a signing service re-saved and signed the form", async () => {
    // Prepare
    const signed = await signExisting(form, corpus.pki.anna, corpus.signingTime);
    // Act
    const found = await readPdfFormCodes(signed);
    // Assess
    expect(found.codes[0]).toMatchObject({ submissionId: THIS.id, reference: THIS.reference, page: 1 });
    expect(found.codes.length).toBe(found.pageCount);
  });

  it("still reads them after a countersignature appended as an incremental update", async () => {
    // Prepare
    const signed = await signExisting(form, corpus.pki.anna, corpus.signingTime);
    const twice = await countersign(signed, corpus.pki.bertil, new Date(corpus.signingTime.getTime() + 1000));
    // Act
    const found = await readPdfFormCodes(twice);
    // Assess
    expect(found.codes.length).toBeGreaterThan(0);
    expect(found.codes.length).toBe(found.pageCount);
  });

  it("finds none in a PDF made elsewhere, and none in bytes that are no PDF", async () => {
    // Prepare
    // Act
    const elsewhere = await readPdfFormCodes(corpus.signed);
    const junk = await readPdfFormCodes(new TextEncoder().encode("%PDF-1.7\nnot really\n%%EOF"));
    // Assess
    expect(elsewhere.codes).toEqual([]);
    expect(junk.codes).toEqual([]);
  });
});
