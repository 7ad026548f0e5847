import { describe, expect, it } from "vitest";
import { pdfHasSignatureMarkers, pdfLooksComplete, sniffType } from "../../../shared/submissions/sniff.ts";

const bytes = (...values: number[]) => new Uint8Array(values);
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("sniffType", () => {
  it.each([
    ["PDF", latin1("%PDF-1.7\n%âãÏÓ\n"), "application/pdf"],
    ["PDF 2.0", latin1("%PDF-2.0\n"), "application/pdf"],
    ["JPEG (JFIF)", bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46), "image/jpeg"],
    ["JPEG (Exif)", bytes(0xff, 0xd8, 0xff, 0xe1), "image/jpeg"],
    ["PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00), "image/png"],
    ["TIFF little-endian", bytes(0x49, 0x49, 0x2a, 0x00, 0x08, 0x00), "image/tiff"],
    ["TIFF big-endian", bytes(0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00), "image/tiff"],
  ])("recognises %s by its magic bytes", (_, head, type) => {
    // Prepare: the head of the file
    // Act
    const sniffed = sniffType(head);
    // Assess
    expect(sniffed).toBe(type);
  });

  it.each([
    ["a Windows executable renamed .pdf", bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00)],
    ["a ZIP (docx) file", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)],
    ["a GIF", latin1("GIF89a")],
    ["an HTML page", latin1("<!doctype html>")],
    ["an empty file", bytes()],
    ["a PDF cut off inside its header", latin1("%PDF-1")],
    ["a PDF header without a version", latin1("%PDF-x.y\n")],
    ["a PNG signature cut short", bytes(0x89, 0x50, 0x4e, 0x47)],
    ["a JPEG marker cut short", bytes(0xff, 0xd8)],
    ["text that mentions %PDF-1.7 later", latin1(" %PDF-1.7")],
    ["TIFF byte order without the 42", bytes(0x49, 0x49, 0x00, 0x2a)],
  ])("refuses %s", (_, head) => {
    // Prepare: the head of the file
    // Act
    const sniffed = sniffType(head);
    // Assess
    expect(sniffed).toBeUndefined();
  });
});

describe("pdfLooksComplete", () => {
  it("accepts a tail ending in %%EOF, with or without trailing whitespace", () => {
    // Prepare
    const tails = ["startxref\n1234\n%%EOF", "startxref\n1234\n%%EOF\n", "startxref\r\n1234\r\n%%EOF\r\n  "];
    // Act
    const complete = tails.map((t) => pdfLooksComplete(latin1(t)));
    // Assess
    expect(complete).toEqual([true, true, true]);
  });

  it("refuses a truncated PDF with no %%EOF in its tail", () => {
    // Prepare
    const tail = latin1("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 3\n0000000000 65535 f");
    // Act
    const complete = pdfLooksComplete(tail);
    // Assess
    expect(complete).toBe(false);
  });

  it("refuses a tail whose end marker is cut (%%EO)", () => {
    // Prepare
    const tail = latin1("startxref\n1234\n%%EO");
    // Act
    const complete = pdfLooksComplete(tail);
    // Assess
    expect(complete).toBe(false);
  });
});

describe("pdfHasSignatureMarkers", () => {
  it.each([
    ["/Type /Sig", "<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 100 200 300] /Contents <00> >>"],
    ["/Type/Sig without space", "<</Type/Sig/ByteRange[0 1 2 3]>>"],
    ["a signature field /FT /Sig", "<< /FT /Sig /V 5 0 R >> << /ByteRange [0 1 2 3] >>"],
    ["/SubFilter", "<< /SubFilter /adbe.pkcs7.detached /ByteRange [0 1 2 3] >>"],
  ])("finds a digital signature marked with %s and a /ByteRange", (_, text) => {
    // Prepare: the PDF text
    // Act
    const signed = pdfHasSignatureMarkers(text);
    // Assess
    expect(signed).toBe(true);
  });

  it.each([
    ["no /ByteRange", "<< /Type /Sig /Filter /Adobe.PPKLite >>"],
    ["a /ByteRange alone", "<< /ByteRange [0 1 2 3] >>"],
    ["/Type /Signature (not /Sig)", "<< /Type /Signature /ByteRange [0 1 2 3] >>"],
    ["a plain scanned PDF", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"],
  ])("finds no digital signature with %s", (_, text) => {
    // Prepare: the PDF text
    // Act
    const signed = pdfHasSignatureMarkers(text);
    // Assess
    expect(signed).toBe(false);
  });
});
