import { describe, expect, it } from "vitest";
import type { FormCode } from "../../../shared/forms/form-code.ts";
import { matchFormCode } from "../../../shared/submissions/form-code-match.ts";

const THIS = { id: "0f8fad5b-d9cb-469f-a165-70867728950e", reference: "SB-2022-1281-R2" };
const code = (page: number, pages = 2, of: Partial<FormCode> = {}): FormCode => ({
  submissionId: THIS.id,
  reference: THIS.reference,
  page,
  pages,
  ...of,
});
const scan = (...pages: FormCode[][]) => ({ pages: pages.map((codes) => ({ codes })), unsupported: 0 });

describe("matching a scan's QR codes with the submission it was uploaded to", () => {
  it("matches a scan of this version with every page, the signature page included", () => {
    // Act
    const match = matchFormCode(THIS, scan([code(1)], [code(2)]));
    // Assess
    expect(match).toEqual({ result: "matched", pages: [1, 2], of: 2 });
  });

  it("matches the signature page alone: it is the page that carries the signature", () => {
    // Act
    const match = matchFormCode(THIS, scan([code(2)]));
    // Assess
    expect(match).toEqual({ result: "matched", pages: [2], of: 2 });
  });

  it("refuses another submission's form and names it, even with this one's pages beside it", () => {
    // Prepare
    const other = code(2, 2, {
      submissionId: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
      reference: "SB-2022-1280-R1",
    });
    // Act
    const match = matchFormCode(THIS, scan([code(1)], [other]));
    // Assess
    expect(match).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
    expect(match).toHaveProperty(
      "message.sv",
      expect.stringContaining("det här är blanketten för SB-2022-1280-R1"),
    );
    expect(match).toHaveProperty(
      "message.en",
      expect.stringContaining("this is the form for SB-2022-1280-R1"),
    );
  });

  it("refuses the older version of this submission's form (same municipality, earlier number)", () => {
    // Prepare: R1 was returned and replaced by R2, which is a new submission with its own id
    const older = code(2, 2, {
      submissionId: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
      reference: "SB-2022-1281-R1",
    });
    // Act
    const match = matchFormCode(THIS, scan([older]));
    // Assess
    expect(match).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
  });

  it("refuses a code with this id but another reference: the two must agree", () => {
    // Act
    const match = matchFormCode(THIS, scan([code(2, 2, { reference: "SB-2022-1281-R1" })]));
    // Assess
    expect(match).toMatchObject({ code: "SCAN_FOR_OTHER_SUBMISSION" });
  });

  it("refuses a scan whose every page was read and none is the signature page", () => {
    // Act
    const match = matchFormCode(THIS, scan([code(1)]));
    // Assess
    expect(match).toMatchObject({ code: "SIGNATURE_PAGE_MISSING" });
    expect(match).toHaveProperty("message.sv", expect.stringContaining("sida 2 av 2"));
  });

  it("accepts for the officer to look at when a page without a readable code may be the signature page", () => {
    // Act
    const match = matchFormCode(THIS, scan([code(1)], []));
    // Assess
    expect(match).toEqual({ result: "unmatched", reason: "signature-page-unread", pages: [1], of: 2 });
  });

  it("accepts a scan without any code as unmatched, and says why", () => {
    // Act
    const none = matchFormCode(THIS, scan([], []));
    const vector = matchFormCode(THIS, { pages: [], unsupported: 0 });
    const fax = matchFormCode(THIS, { pages: [], unsupported: 2 });
    // Assess
    expect(none).toEqual({ result: "unmatched", reason: "no-code" });
    expect(vector).toEqual({ result: "unmatched", reason: "no-images" });
    expect(fax).toEqual({ result: "unmatched", reason: "unsupported-images" });
  });
});
