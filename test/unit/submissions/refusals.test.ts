import { describe, expect, it } from "vitest";
import { isRefusal, type RefusalCode, refusal } from "../../../shared/submissions/refusals.ts";

const CODES: RefusalCode[] = [
  "FILE_MISSING",
  "FILE_EMPTY",
  "FILE_TOO_LARGE",
  "MALWARE_FOUND",
  "NOT_A_SCAN",
  "PDF_INCOMPLETE",
  "SCAN_FOR_OTHER_SUBMISSION",
  "SIGNATURE_PAGE_MISSING",
];

describe("refusal", () => {
  it.each(CODES)("gives %s a Swedish and an English text that differ", (code) => {
    // Act
    const r = refusal(code, {
      maxBytes: 20_971_520,
      scanned: "SB-2022-1280-R1",
      expected: "SB-2022-1281-R1",
      page: 2,
    });
    // Assess
    expect(r.code).toBe(code);
    expect(r.message.sv).not.toBe("");
    expect(r.message.en).not.toBe("");
    expect(r.message.sv).not.toBe(r.message.en);
  });

  it("names the size limit a too large file broke, in both languages", () => {
    // Act
    const r = refusal("FILE_TOO_LARGE", { maxBytes: 4 });
    // Assess
    expect(r.message).toEqual({ sv: "filen är större än 4 byte.", en: "the file is larger than 4 bytes." });
  });

  it("names the form a scan of another submission is for, and the one it was uploaded to", () => {
    // Act
    const r = refusal("SCAN_FOR_OTHER_SUBMISSION", {
      scanned: "SB-2022-1280-R1",
      expected: "SB-2022-1281-R1",
    });
    // Assess
    expect(r.message.sv).toMatch(/^det här är blanketten för SB-2022-1280-R1, inte för SB-2022-1281-R1\./);
    expect(r.message.en).toMatch(/^this is the form for SB-2022-1280-R1, not for SB-2022-1281-R1\./);
  });
});

describe("isRefusal", () => {
  it("accepts a stored refusal and refuses anything else", () => {
    // Prepare
    const stored = refusal("FILE_EMPTY");
    // Act + Assess
    expect(isRefusal(stored)).toBe(true);
    expect(isRefusal({ code: "FILE_EMPTY", message: { sv: "x" } })).toBe(false);
    expect(isRefusal({ code: "SOMETHING_ELSE", message: stored.message })).toBe(false);
    expect(isRefusal("the file is empty.")).toBe(false);
    expect(isRefusal(undefined)).toBe(false);
  });
});
