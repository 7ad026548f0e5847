import { describe, expect, it } from "vitest";
import { contentEnd, coveredBytes, findSignatureSlots } from "../../../shared/signatures/byte-ranges.ts";

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

/** A signature object whose /ByteRange frames its own "<hex>" exactly, followed by `after`. */
function pdfWithSlot(
  hex: string,
  after = "\nendobj\n%%EOF\n",
  range?: (b: number, c: number, len: number) => string,
) {
  const head = "%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [";
  const placeholder = " ".repeat(40);
  const middle = "] /Contents ";
  const b = head.length + placeholder.length + middle.length;
  const c = b + hex.length + 2;
  const len = c + " >>".length + after.length;
  const numbers = range ? range(b, c, len) : `0 ${b} ${c} ${len - c}`;
  return latin1(`${head}${numbers.padEnd(placeholder.length)}${middle}<${hex}> >>${after}`);
}

describe("findSignatureSlots", () => {
  it("finds a /ByteRange that frames exactly the /Contents hex string of its own dictionary", () => {
    // Prepare
    const pdf = pdfWithSlot("3082abcd");
    // Act
    const [slot] = findSignatureSlots(pdf).slots;
    // Assess
    expect(slot).toMatchObject({ ok: true, end: pdf.length });
    expect(slot?.ok && Buffer.from(slot.contents).toString("hex")).toBe("3082abcd");
  });

  it.each([
    ["a first offset other than 0", (b: number, c: number, len: number) => `1 ${b - 1} ${c} ${len - c}`],
    [
      "a gap that starts before the hex string",
      (b: number, c: number, len: number) => `0 ${b - 1} ${c} ${len - c}`,
    ],
    [
      "a gap that ends inside the hex string",
      (b: number, c: number, len: number) => `0 ${b} ${c - 1} ${len - c + 1}`,
    ],
    ["a range past the end of the file", (b: number, c: number, len: number) => `0 ${b} ${c} ${len - c + 1}`],
    ["more than two ranges", (b: number, c: number, len: number) => `0 ${b} ${c} ${len - c} 0 0`],
    ["a non-number", (b: number, c: number) => `0 ${b} ${c} /x`],
  ])("rejects a /ByteRange with %s", (_, range) => {
    // Prepare
    const pdf = pdfWithSlot("3082abcd", undefined, range);
    // Act
    const { slots } = findSignatureSlots(pdf);
    // Assess
    expect(slots).toEqual([{ ok: false }]);
  });

  it("rejects a gap that is not hex digits", () => {
    // Prepare
    const pdf = pdfWithSlot("30 82 zz");
    // Act
    const { slots } = findSignatureSlots(pdf);
    // Assess
    expect(slots).toEqual([{ ok: false }]);
  });

  it("rejects a /ByteRange that borrows the /Contents of another object", () => {
    // Prepare: the range points at object 2's /Contents
    const first = "%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [";
    const rest = "] >>\nendobj\n2 0 obj\n<< /Contents ";
    const b = first.length + 40 + rest.length;
    const c = b + 6;
    const tail = " >>\nendobj\n%%EOF";
    const text = `${first}${`0 ${b} ${c} ${tail.length}`.padEnd(40)}${rest}<3082>${tail}`;
    // Act
    const { slots } = findSignatureSlots(latin1(text));
    // Assess
    expect(slots).toEqual([{ ok: false }]);
  });

  it("reads only the first `limit` slots of a file made of unclosed /ByteRange arrays", () => {
    // Prepare: 8 MiB of "/ByteRange [0 " with no "]" anywhere (quadratic for a naive regex)
    const hostile = latin1(`%PDF-1.7\n${"/ByteRange [0 ".repeat(600_000)}`);
    // Act
    const { slots, more } = findSignatureSlots(hostile, 16);
    // Assess
    expect(slots).toHaveLength(16);
    expect(slots.every((s) => !s.ok)).toBe(true);
    expect(more).toBe(true);
  });

  it("finds nothing in a PDF without /ByteRange", () => {
    // Prepare: an empty signature field is not a signature
    const pdf = latin1("%PDF-1.7\n1 0 obj << /FT /Sig /T (Signature1) >> endobj\n%%EOF\n");
    // Act
    const { slots } = findSignatureSlots(pdf);
    // Assess
    expect(slots).toEqual([]);
  });
});

describe("contentEnd and coveredBytes", () => {
  it("ignores trailing PDF whitespace when measuring the file", () => {
    // Prepare
    const pdf = latin1("%%EOF\r\n \n\0");
    // Act
    const end = contentEnd(pdf);
    // Assess
    expect(end).toBe(5);
  });

  it("joins the two covered ranges, leaving out the gap", () => {
    // Prepare
    const pdf = latin1("abc<00>def");
    // Act
    const covered = coveredBytes(pdf, [0, 3, 7, 3]);
    // Assess
    expect(Buffer.from(covered).toString("latin1")).toBe("abcdef");
  });
});
