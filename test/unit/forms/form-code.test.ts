import { describe, expect, it } from "vitest";
import { encodeFormCode, parseFormCode } from "../../../shared/forms/form-code.ts";

const code = {
  submissionId: "0f8fad5b-d9cb-469f-a165-70867728950e",
  reference: "SB-2022-1280-R1",
  page: 2,
  pages: 3,
};

describe("the form code a printed page carries", () => {
  it("reads back as the submission, version and page it was printed for", () => {
    // Prepare
    const payload = encodeFormCode(code);
    // Act
    const read = parseFormCode(payload);
    // Assess
    expect(payload).toBe("SB1/SB-2022-1280-R1/0F8FAD5BD9CB469FA16570867728950E/2/3");
    expect(read).toEqual(code);
  });

  it("uses only QR alphanumeric characters and fits version 3-M (61) even at 99 pages", () => {
    // Prepare
    const longest = { ...code, reference: "SB-2022-1280-R999", page: 99, pages: 99 };
    // Act
    const payload = encodeFormCode(longest);
    // Assess
    expect(payload).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(payload.length).toBeLessThanOrEqual(61);
  });

  it("is not a form code when it is someone else's QR text or a damaged one of ours", () => {
    // Prepare
    const texts = [
      "https://example.com/SB-2022-1280-R1",
      "SB-2022-1280-R1",
      "SB1/SB-2022-1280-R1/0F8FAD5BD9CB469FA16570867728950/2/3",
      "SB1/SB-2022-1280-R1/0F8FAD5BD9CB469FA16570867728950E/4/3",
      "SB1/SB-2022-1280-R1/0F8FAD5BD9CB469FA16570867728950E/0/3",
      "SB2/SB-2022-1280-R1/0F8FAD5BD9CB469FA16570867728950E/1/3",
    ];
    // Act
    const read = texts.map(parseFormCode);
    // Assess
    expect(read).toEqual(texts.map(() => undefined));
  });

  it("refuses to print what it could not read back", () => {
    // Prepare, Act, Assess
    expect(() => encodeFormCode({ ...code, submissionId: "sub-1" })).toThrow();
    expect(() => encodeFormCode({ ...code, page: 4 })).toThrow();
    expect(() => encodeFormCode({ ...code, page: 1, pages: 100 })).toThrow();
  });
});
