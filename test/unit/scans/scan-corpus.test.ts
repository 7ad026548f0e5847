import { beforeAll, describe, expect, it } from "vitest";
import { readScan } from "../../../shared/scans/read-scan.ts";
import type { ScanReading } from "../../../shared/scans/reading.ts";
import { matchFormCode } from "../../../shared/submissions/form-code-match.ts";
import { printedForm } from "../../helpers/scan-corpus.ts";
import { DEGRADATIONS, type ScanCase, scanCases, TARGET } from "../../helpers/scan-corpus-cases.ts";

const X = { id: "0f8fad5b-d9cb-469f-a165-70867728950e", reference: "SB-2022-1281-R1" };
const Y = { id: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", reference: "SB-2022-1281-E1" };

/** Every degradation but 300 dpi (the bench has it; here it would only cost time). */
const HERE = DEGRADATIONS.filter((d) => !d.startsWith("300"));
let read: { scan: ScanCase; reading: ScanReading }[] = [];

beforeAll(async () => {
  // Prepare: X's requisition and Y's report, printed, scanned and degraded; every file read once
  const cases = [
    ...(await scanCases(await printedForm("requisition", X.id, X.reference), HERE)),
    ...(await scanCases(await printedForm("report", Y.id, Y.reference), TARGET)),
  ];
  read = [];
  for (const scan of cases) read.push({ scan, reading: await readScan(scan.bytes, scan.contentType) });
}, 300_000);

describe("reading the QR codes of scans of our own printed forms", () => {
  it("reads every page at 150 dpi, straight or turned up to 5°, as its submission, version and page", () => {
    // Act
    const target = read.filter((r) => (TARGET as readonly string[]).includes(r.scan.degradation));
    // Assess
    expect(target.length).toBeGreaterThanOrEqual(4);
    for (const { scan, reading } of target) {
      const { form } = scan;
      expect(
        reading.pages.flatMap((p) => p.codes),
        `${scan.degradation}, page ${scan.pages}`,
      ).toEqual(
        scan.pages.map((page) => ({
          submissionId: form.submissionId,
          reference: form.reference,
          page,
          pages: expect.any(Number),
        })),
      );
    }
  });

  it("reads every page of a phone photo at an angle (keystone 10–15°, uneven light)", () => {
    // Act
    const photos = read.filter(({ scan }) => scan.degradation.includes("at an angle"));
    // Assess
    expect(photos.length).toBeGreaterThan(0);
    for (const { scan, reading } of photos)
      expect(reading.pages.flatMap((p) => p.codes.map((c) => c.page))).toEqual(scan.pages);
  });

  it("never reads a code that is not the page's own, whatever the degradation", () => {
    // Act
    const codes = read.flatMap(({ scan, reading }) =>
      reading.pages.flatMap((p, i) => p.codes.map((code) => ({ scan, code, page: scan.pages[i] }))),
    );
    // Assess
    expect(codes.length).toBeGreaterThan(0);
    for (const { scan, code, page } of codes) {
      expect(code, scan.degradation).toMatchObject({
        submissionId: scan.form.submissionId,
        reference: scan.form.reference,
        page,
      });
    }
  });

  it("never matches a scan to a submission it is not of: X's pages refused for Y, Y's for X", () => {
    // Act
    const crossed = read.map(({ scan, reading }) =>
      matchFormCode(scan.form.submissionId === X.id ? Y : X, reading),
    );
    // Assess
    for (const match of crossed) expect(match).not.toMatchObject({ result: "matched" });
    expect(crossed.filter((m) => "code" in m && m.code === "SCAN_FOR_OTHER_SUBMISSION").length).toBe(
      read.filter(({ reading }) => reading.pages.some((p) => p.codes.length > 0)).length,
    );
  });

  it("matches the whole-form PDFs of X to X, signature page included", () => {
    // Act
    const pdfs = read.filter(
      ({ scan }) => scan.contentType === "application/pdf" && scan.form.submissionId === X.id,
    );
    // Assess: JPEG, Flate, CCITT G4 (tiff2pdf), CCITT G3 and JBIG2 pages
    expect(pdfs.length).toBe(HERE.filter((d) => d.includes("PDF")).length);
    for (const { scan, reading } of pdfs) {
      expect(matchFormCode(X, reading), scan.degradation).toEqual({
        result: "matched",
        pages: scan.pages,
        of: scan.pages.length,
      });
    }
  });
});
