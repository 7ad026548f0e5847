import { deflateSync } from "node:zlib";
import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { readScan } from "../../../shared/scans/read-scan.ts";

/** A valid PNG signature and IHDR declaring `width` × `height`, and nothing after it. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write("IHDR", 12, "latin1");
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.set([8, 0, 0, 0, 0], 24);
  return bytes;
}

describe("scans that would make the reader run out of memory", () => {
  it("does not decode a PNG that declares 100 000 × 100 000 pixels", async () => {
    // Act
    const reading = await readScan(pngHeader(100_000, 100_000), "image/png");
    // Assess
    expect(reading).toEqual({ pages: [], unsupported: 0 });
  });

  it("stops inflating a PDF image that inflates to far more than its declared size", async () => {
    // Prepare: a 1000 × 1000 grey image whose stream inflates to 200 MB
    const doc = await PDFDocument.create();
    const bomb = deflateSync(Buffer.alloc(200_000_000));
    const stream = doc.context.stream(bomb, {
      Type: "XObject",
      Subtype: "Image",
      Width: 1000,
      Height: 1000,
      BitsPerComponent: 8,
      ColorSpace: "DeviceGray",
      Filter: "FlateDecode",
    });
    const page = doc.addPage([595.28, 841.89]);
    const name = page.node.newXObject("Scan", doc.context.register(stream));
    page.node.set(
      PDFName.of("Contents"),
      doc.context.register(doc.context.stream(`q ${name.asString()} Do Q`)),
    );
    // Act
    const reading = await readScan(await doc.save(), "application/pdf");
    // Assess
    expect(reading).toEqual({ pages: [{ codes: [] }], unsupported: 0 });
  });
});
