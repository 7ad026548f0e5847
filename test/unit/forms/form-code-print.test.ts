import { describe, expect, it } from "vitest";
import { FORM_CODE_SIZE, FORM_CODE_ZONE } from "../../../shared/forms/pdf/form-code.ts";
import type { Grey } from "../../../shared/scans/grey.ts";
import { readScan } from "../../../shared/scans/read-scan.ts";
import { printedForm, renderPages, toPng } from "../../helpers/scan-corpus.ts";

const A4 = { width: 595.28, height: 841.89 };
/** Where writer.ts puts the code's top right corner, in points from the bottom left. */
const CODE = { right: A4.width - 50, top: A4.height - 20 };
const DPI = 150;
const px = (points: number) => (points * DPI) / 72;

/** The darkest pixel in the ring between the code and the edge of its quiet zone, and in the code. */
function darkest(page: Grey): { quietZone: number; code: number } {
  const quiet = (FORM_CODE_ZONE - FORM_CODE_SIZE) / 2;
  const code = {
    left: px(CODE.right - FORM_CODE_SIZE),
    right: px(CODE.right),
    top: px(A4.height - CODE.top),
    bottom: px(A4.height - CODE.top + FORM_CODE_SIZE),
  };
  const margin = 1.5; // pixels of anti-aliasing at the code's own edge
  let quietZone = 255;
  let inCode = 255;
  for (let y = Math.floor(code.top - px(quiet)); y < Math.ceil(code.bottom + px(quiet)); y++) {
    for (let x = Math.floor(code.left - px(quiet)); x < Math.ceil(code.right + px(quiet)); x++) {
      const inside =
        x > code.left - margin &&
        x < code.right + margin &&
        y > code.top - margin &&
        y < code.bottom + margin;
      const value = page.data[y * page.width + x] ?? 255;
      if (inside) inCode = Math.min(inCode, value);
      else quietZone = Math.min(quietZone, value);
    }
  }
  return { quietZone, code: inCode };
}

describe("the QR code as printed", () => {
  it("has modules of at least 1 mm", () => {
    // Act
    const moduleMm = ((FORM_CODE_SIZE / 29) * 25.4) / 72;
    // Assess
    expect(moduleMm).toBeGreaterThanOrEqual(1);
  });

  it("keeps a quiet zone of four modules with nothing drawn in it, on every page of a long form", async () => {
    // Prepare: the sample report runs over two pages
    const form = await printedForm("report", "0f8fad5b-d9cb-469f-a165-70867728950e", "SB-2022-1281-E1");
    // Act
    const pages = renderPages(form.pdf, DPI);
    // Assess
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      const found = darkest(page);
      expect(found.code, `page ${i + 1}: the code is where the ring is measured`).toBeLessThan(50);
      expect(found.quietZone, `page ${i + 1}`).toBeGreaterThanOrEqual(250);
    }
  }, 60_000);

  it("reads back from a clean print as the page it is on, of how many there are", async () => {
    // Prepare
    const form = await printedForm("requisition", "0f8fad5b-d9cb-469f-a165-70867728950e", "SB-2022-1281-R1");
    const pages = renderPages(form.pdf, DPI);
    // Act
    const codes = [];
    for (const page of pages)
      codes.push(...(await readScan(toPng(page), "image/png")).pages.flatMap((p) => p.codes));
    // Assess
    expect(codes).toEqual(
      pages.map((_, i) => ({
        submissionId: form.submissionId,
        reference: "SB-2022-1281-R1",
        page: i + 1,
        pages: pages.length,
      })),
    );
  }, 60_000);
});
