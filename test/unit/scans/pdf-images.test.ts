import { PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import type { Grey } from "../../../shared/scans/grey.ts";
import { pdfPageImages } from "../../../shared/scans/pdf-images.ts";
import { readScan } from "../../../shared/scans/read-scan.ts";
import { type PrintedForm, printedForm, renderPages } from "../../helpers/scan-corpus.ts";

/** A one-page PDF whose page is the image stream `data` with `dict`, as a scanner writes it. */
async function imagePdf(data: Uint8Array, dict: Record<string, unknown>, flate = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const stream = flate
    ? doc.context.flateStream(data, { Type: "XObject", Subtype: "Image", ...dict })
    : doc.context.stream(data, { Type: "XObject", Subtype: "Image", ...dict });
  const page = doc.addPage([595.28, 841.89]);
  const name = page.node.newXObject("Scan", doc.context.register(stream));
  const draw = doc.context.stream(`q 595.28 0 0 841.89 0 0 cm ${name.asString()} Do Q`);
  page.node.set(PDFName.of("Contents"), doc.context.register(draw));
  return doc.save();
}

/** Rows with PNG filter "Up" (2) before each, as Predictor 15 expects. */
function upPredicted(image: Grey): Uint8Array {
  const out = new Uint8Array((image.width + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    out[y * (image.width + 1)] = 2;
    for (let x = 0; x < image.width; x++) {
      const here = image.data[y * image.width + x] ?? 0;
      const up = y > 0 ? (image.data[(y - 1) * image.width + x] ?? 0) : 0;
      out[y * (image.width + 1) + 1 + x] = (here - up) & 0xff;
    }
  }
  return out;
}

let form: PrintedForm;
let page: Grey;

beforeAll(async () => {
  form = await printedForm("requisition", "0f8fad5b-d9cb-469f-a165-70867728950e", "SB-2022-1281-R1");
  page = renderPages(form.pdf, 150)[0] as Grey;
}, 60_000);

describe("page images of a scanned PDF", () => {
  it("decodes an 8-bit grey Flate image with a PNG predictor and reads its code", async () => {
    // Prepare
    const pdf = await imagePdf(upPredicted(page), {
      Width: page.width,
      Height: page.height,
      BitsPerComponent: 8,
      ColorSpace: "DeviceGray",
      DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: page.width },
    });
    // Act
    const reading = await readScan(pdf, "application/pdf");
    // Assess
    expect(reading.pages).toHaveLength(1);
    expect(reading.pages[0]?.codes[0]).toMatchObject({ submissionId: form.submissionId, page: 1 });
  });

  it("reads a page past the time budget as a page without a code, never as a refusal", async () => {
    // Prepare
    const pdf = await imagePdf(upPredicted(page), {
      Width: page.width,
      Height: page.height,
      BitsPerComponent: 8,
      ColorSpace: "DeviceGray",
      DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: page.width },
    });
    // Act
    const reading = await readScan(pdf, "application/pdf", 0);
    // Assess
    expect(reading).toEqual({ pages: [{ codes: [] }], unsupported: 0 });
  });

  it("counts a JPEG 2000 image as unsupported instead of guessing at it", async () => {
    // Prepare
    const pdf = await imagePdf(
      new Uint8Array(4096).fill(0x55),
      { Width: 1728, Height: 2292, BitsPerComponent: 8, ColorSpace: "DeviceGray", Filter: "JPXDecode" },
      false,
    );
    // Act
    const pages = await pdfPageImages(pdf);
    // Assess
    expect(pages).toEqual([{ images: [], unsupported: 1 }]);
  });

  it("finds no page image in our own vector form: there is no scan to read", async () => {
    // Act
    const reading = await readScan(form.pdf, "application/pdf");
    // Assess
    expect(reading).toEqual({ pages: [], unsupported: 0 });
  });

  it("reads an image too small to hold our code as a page without a code", async () => {
    // Prepare: the 1×1 PNG the browser tests upload as a "scan"
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
      "base64",
    );
    // Act
    const reading = await readScan(png, "image/png");
    // Assess
    expect(reading).toEqual({ pages: [{ codes: [] }], unsupported: 0 });
  });

  it("reads a damaged PDF or image as a scan without pages, not as a failure", async () => {
    // Act
    const pdf = await readScan(new TextEncoder().encode("%PDF-1.4\nnonsense\n%%EOF"), "application/pdf");
    const jpeg = await readScan(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "image/jpeg");
    // Assess
    expect(pdf).toEqual({ pages: [], unsupported: 0 });
    expect(jpeg).toEqual({ pages: [], unsupported: 0 });
  });
});
