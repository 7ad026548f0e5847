import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { readScan } from "../../../shared/scans/read-scan.ts";
import { combineImages } from "../../../web/src/upload/combine.ts";
import { printedForm, renderPages, toJpeg, toPng } from "../../helpers/scan-corpus.ts";

/**
 * A phone photographs a two-page report page by page: the page puts the photos together as one
 * PDF, and the upload check reads each page's QR code from it, so the signature page counts.
 */
const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("several page images as one original", { timeout: 60_000 }, () => {
  it("makes one PDF page per image, in the order chosen, whose codes the check reads as pages 1 and 2", async () => {
    // Prepare: the report's two pages, one as a PNG and one as a JPEG, as a phone might save them
    const form = await printedForm("report", ID, "SB-2022-1281-E1");
    const [first, second] = renderPages(form.pdf, 150);
    if (!first || !second) throw new Error("the sample report should have two pages");
    const files = [
      new File([toPng(first).slice().buffer], "sida-1.png", { type: "image/png" }),
      new File([toJpeg(second, 85).slice().buffer], "sida-2.jpg", { type: "image/jpeg" }),
    ];
    // Act
    const combined = await combineImages(files);
    // Assess
    if (!combined.ok) throw new Error("expected one PDF");
    const bytes = new Uint8Array(await combined.file.arrayBuffer());
    expect(combined.file.type).toBe("application/pdf");
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
    const reading = await readScan(bytes, "application/pdf");
    expect(reading.pages.map((p) => p.codes.map((c) => `${c.page}/${c.pages}`))).toEqual([["1/2"], ["2/2"]]);
  });

  it("refuses to mix a PDF with images: one file, or images only", async () => {
    // Prepare
    const files = [
      new File(["%PDF-1.7"], "a.pdf", { type: "application/pdf" }),
      new File([new Uint8Array([0xff, 0xd8, 0xff])], "b.jpg", { type: "image/jpeg" }),
    ];
    // Act
    const combined = await combineImages(files);
    // Assess
    expect(combined).toEqual({ ok: false, reason: "mixed" });
  });
});
