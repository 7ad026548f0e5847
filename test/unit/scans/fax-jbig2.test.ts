import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE } from "../../../infra/constructs/bundling.ts";
import type { Grey } from "../../../shared/scans/grey.ts";
import { JBIG2_WASM_BASE64, JBIG2_WASM_SHA256 } from "../../../shared/scans/jbig2-wasm.ts";
import { pdfPageImages } from "../../../shared/scans/pdf-images.ts";
import { readScan } from "../../../shared/scans/read-scan.ts";
import { bilevel, type PrintedForm, printedForm, renderPages } from "../../helpers/scan-corpus.ts";
import { type FaxCoding, faxPdf, jbig2Pdf, tiff2pdf } from "../../helpers/scan-corpus-fax.ts";
import { jbig2ArithmeticPage, jbig2MmrPage } from "../../helpers/scan-corpus-jbig2.ts";

let form: PrintedForm;
/** Every page of the form at 200 dpi, black and white, as a fax machine sends it. */
let pages: Grey[];

beforeAll(async () => {
  form = await printedForm("requisition", "0f8fad5b-d9cb-469f-a165-70867728950e", "SB-2022-1281-R1");
  pages = renderPages(form.pdf, 200).map((g) => bilevel(g, 128));
}, 60_000);

/** Pixels that are black in one image and white in the other. */
function differing(a: Grey, b: Grey): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if ((a.data[i] ?? 0) < 128 !== (b.data[i] ?? 0) < 128) n++;
  return n;
}

async function firstImage(pdf: Uint8Array): Promise<Grey | undefined> {
  const [page] = await pdfPageImages(pdf);
  expect(page?.unsupported).toBe(0);
  return page?.images[0]?.decode();
}

/** A one-page PDF whose page is the image stream `data` with `dict`, unfiltered by pdf-lib. */
async function imagePdf(data: Uint8Array, dict: Record<string, unknown>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const stream = doc.context.stream(data, { Type: "XObject", Subtype: "Image", ...dict });
  const page = doc.addPage([595.28, 841.89]);
  const name = page.node.newXObject("Scan", doc.context.register(stream));
  const draw = doc.context.stream(`q 595.28 0 0 841.89 0 0 cm ${name.asString()} Do Q`);
  page.node.set(PDFName.of("Contents"), doc.context.register(draw));
  return doc.save();
}

describe("CCITT fax page images in a scanned PDF", { timeout: 60_000 }, () => {
  it.each<FaxCoding>(["G4", "G3 1D", "G3 2D"])(
    "decodes a %s page pixel for pixel and reads its code",
    async (coding) => {
      // Prepare
      const pdf = await faxPdf(pages.slice(0, 1), coding);
      // Act
      const image = await firstImage(pdf);
      const reading = await readScan(pdf, "application/pdf");
      // Assess
      expect(image && differing(image, pages[0] as Grey)).toBe(0);
      expect(reading.pages).toEqual([
        { codes: [expect.objectContaining({ submissionId: form.submissionId, page: 1 })] },
      ]);
    },
  );

  it("decodes BlackIs1 with /Decode [1 0] as the same page, not its negative", async () => {
    // Prepare
    const pdf = await faxPdf(pages.slice(0, 1), "G4", { blackIs1: true });
    // Act
    const image = await firstImage(pdf);
    // Assess
    expect(image && differing(image, pages[0] as Grey)).toBe(0);
  });

  it("matches a whole G4 form written by libtiff's tiff2pdf, every page to its own number", async () => {
    // Prepare
    const pdf = tiff2pdf(pages, 200);
    // Act
    const reading = await readScan(pdf, "application/pdf");
    // Assess
    expect(reading.unsupported).toBe(0);
    expect(reading.pages.map((p) => p.codes.map((c) => [c.submissionId, c.page]))).toEqual(
      pages.map((_, i) => [[form.submissionId, i + 1]]),
    );
  });

  it("reads a damaged or cut-off fax stream as a page without our code, never as another's", async () => {
    // Prepare: the page's own G4 data cut in half, and noise declared as G4 data
    const g4 = await faxData(await faxPdf(pages.slice(0, 1), "G4"));
    const noise = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251);
    const dict = { Width: 1654, Height: 2339, BitsPerComponent: 1, ColorSpace: "DeviceGray" };
    const fax = { ...dict, Filter: "CCITTFaxDecode", DecodeParms: { K: -1, Columns: 1654, Rows: 2339 } };
    const pdfs = [await imagePdf(g4.subarray(0, g4.length / 2), fax), await imagePdf(noise, fax)];
    // Act
    const readings = await Promise.all(pdfs.map((pdf) => readScan(pdf, "application/pdf")));
    // Assess
    for (const reading of readings) {
      expect(reading.unsupported).toBe(0);
      expect(reading.pages).toHaveLength(1);
      for (const code of reading.pages[0]?.codes ?? []) expect(code.submissionId).toBe(form.submissionId);
    }
  });

  it("does not decode fax rows of another width than the image declares", async () => {
    // Prepare: the page's G4 data without Columns, so the fax default (1728) in a 1654-wide image
    const g4 = await faxData(await faxPdf(pages.slice(0, 1), "G4"));
    const dict = { Width: 1654, Height: 2339, BitsPerComponent: 1, ColorSpace: "DeviceGray" };
    const pdf = await imagePdf(g4, { ...dict, Filter: "CCITTFaxDecode", DecodeParms: { K: -1 } });
    // Act
    const reading = await readScan(pdf, "application/pdf");
    // Assess
    expect(reading).toEqual({ pages: [{ codes: [] }], unsupported: 0 });
  });
});

/** The coded data of the first fax image in the PDF. */
async function faxData(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  for (const [, object] of doc.context.enumerateIndirectObjects())
    if (
      object instanceof PDFRawStream &&
      object.dict.get(PDFName.of("Filter")) === PDFName.of("CCITTFaxDecode")
    )
      return object.contents;
  throw new Error("no fax image");
}

describe("JBIG2 page images in a scanned PDF", { timeout: 60_000 }, () => {
  it.each(["arithmetic", "MMR"] as const)(
    "decodes a JBIG2 page (%s) pixel for pixel and matches the whole form",
    async (coding) => {
      // Prepare
      const pdf = await jbig2Pdf(pages, coding);
      // Act
      const image = await firstImage(pdf);
      const reading = await readScan(pdf, "application/pdf");
      // Assess
      expect(image && differing(image, pages[0] as Grey)).toBe(0);
      expect(reading.pages.map((p) => p.codes.map((c) => c.page))).toEqual(pages.map((_, i) => [i + 1]));
    },
  );

  it("reads a JBIG2 text mask (ImageMask) as scanners' compact mode writes it over a colour background", async () => {
    // Prepare: the page as a JBIG2 stencil mask (0 paints), beside a small grey background image
    const doc = await PDFDocument.create();
    const mask = doc.context.stream(jbig2ArithmeticPage(pages[0] as Grey), {
      Type: "XObject",
      Subtype: "Image",
      Width: 1654,
      Height: 2339,
      BitsPerComponent: 1,
      ImageMask: true,
      Filter: "JBIG2Decode",
    });
    const background = doc.context.flateStream(new Uint8Array(413 * 584).fill(235), {
      Type: "XObject",
      Subtype: "Image",
      Width: 413,
      Height: 584,
      BitsPerComponent: 8,
      ColorSpace: "DeviceGray",
    });
    const page = doc.addPage([595.28, 841.89]);
    const bg = page.node.newXObject("Bg", doc.context.register(background));
    const fg = page.node.newXObject("Fg", doc.context.register(mask));
    const draw = `q 595.28 0 0 841.89 0 0 cm ${bg.asString()} Do Q q 0 0 0.4 rg 595.28 0 0 841.89 0 0 cm ${fg.asString()} Do Q`;
    page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.stream(draw)));
    // Act
    const reading = await readScan(await doc.save(), "application/pdf");
    // Assess
    expect(reading.pages).toEqual([
      { codes: [expect.objectContaining({ submissionId: form.submissionId, page: 1 })] },
    ]);
  });

  it("reads a JBIG2 page that has shared segments (JBIG2Globals, Flate), and noise there as no other's code", async () => {
    // Prepare: the page with empty globals, compressed; and with globals that are noise
    const stream = jbig2ArithmeticPage(pages[0] as Grey);
    const dict = {
      Width: 1654,
      Height: 2339,
      BitsPerComponent: 1,
      ColorSpace: "DeviceGray",
      Filter: "JBIG2Decode",
    };
    const withGlobals = async (globals: Uint8Array, flate: boolean) => {
      const doc = await PDFDocument.create();
      const shared = flate ? doc.context.flateStream(globals) : doc.context.stream(globals);
      const image = doc.context.stream(stream, {
        Type: "XObject",
        Subtype: "Image",
        ...dict,
        DecodeParms: { JBIG2Globals: doc.context.register(shared) },
      });
      const page = doc.addPage([595.28, 841.89]);
      const name = page.node.newXObject("Scan", doc.context.register(image));
      const draw = doc.context.stream(`q 595.28 0 0 841.89 0 0 cm ${name.asString()} Do Q`);
      page.node.set(PDFName.of("Contents"), doc.context.register(draw));
      return doc.save();
    };
    const noise = Uint8Array.from({ length: 4_000 }, (_, i) => (i * 7919) % 251);
    // Act
    const empty = await readScan(await withGlobals(new Uint8Array(), true), "application/pdf");
    const noisy = await readScan(await withGlobals(noise, false), "application/pdf");
    // Assess
    expect(empty.pages[0]?.codes).toEqual([
      expect.objectContaining({ submissionId: form.submissionId, page: 1 }),
    ]);
    expect(noisy.pages).toHaveLength(1);
    for (const code of noisy.pages[0]?.codes ?? []) expect(code.submissionId).toBe(form.submissionId);
  });

  it("reads a JBIG2 stream that declares a far larger page than the image as a page without a code", async () => {
    // Prepare: 60 000 × 60 000 pixels (450 MB of bits) in a 1654 × 2339 image, and garbage after it
    const stream = jbig2MmrPage({ width: 60_000, height: 60_000 }, new Uint8Array(64));
    const dict = {
      Width: 1654,
      Height: 2339,
      BitsPerComponent: 1,
      ColorSpace: "DeviceGray",
      Filter: "JBIG2Decode",
    };
    const pdf = await imagePdf(stream, dict);
    // Act
    const started = Date.now();
    const reading = await readScan(pdf, "application/pdf");
    // Assess
    expect(reading).toEqual({ pages: [{ codes: [] }], unsupported: 0 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("the decoders' WebAssembly, carried in the bundle", () => {
  it("decodes a fax page in a bundle with no node_modules beside it, as on Lambda", async () => {
    // Prepare: the reader bundled with the deploy settings into an empty folder, and a G4 PDF there
    const dir = mkdtempSync(join(tmpdir(), "fax-bundle-"));
    try {
      const entry = join(dir, "entry.ts");
      const readScanPath = fileURLToPath(new URL("../../../shared/scans/read-scan.ts", import.meta.url));
      writeFileSync(
        entry,
        `import { readFileSync } from "node:fs";
import { readScan } from ${JSON.stringify(readScanPath)};
const reading = await readScan(readFileSync(process.argv[2]), "application/pdf");
process.stdout.write(JSON.stringify(reading));`,
      );
      await build({
        entryPoints: [entry],
        outfile: join(dir, "out", BUNDLE.outfile),
        bundle: true,
        platform: BUNDLE.platform,
        target: BUNDLE.target,
        format: BUNDLE.format,
        minify: BUNDLE.minify,
        banner: { js: BUNDLE.banner },
        logLevel: "silent",
      });
      writeFileSync(join(dir, "out", "fax.pdf"), await faxPdf(pages.slice(0, 1), "G4"));
      // Act
      const out = execFileSync(process.execPath, [join(dir, "out", BUNDLE.outfile), "fax.pdf"], {
        cwd: join(dir, "out"),
      });
      // Assess
      expect(JSON.parse(out.toString())).toEqual({
        pages: [{ codes: [expect.objectContaining({ submissionId: form.submissionId, page: 1 })] }],
        unsupported: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("is the installed pdfjs-dist's jbig2.wasm (else: npx tsx shared/scans/jbig2-wasm.generate.ts)", () => {
    // Prepare
    const installed = readFileSync(createRequire(import.meta.url).resolve("pdfjs-dist/wasm/jbig2.wasm"));
    // Act
    const embedded = Buffer.from(JBIG2_WASM_BASE64, "base64");
    // Assess
    expect(createHash("sha256").update(embedded).digest("hex")).toBe(JBIG2_WASM_SHA256);
    expect(createHash("sha256").update(installed).digest("hex")).toBe(JBIG2_WASM_SHA256);
  });
});
