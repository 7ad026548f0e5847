import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import UTIF from "utif";
import type { Grey } from "../../shared/scans/grey.ts";

/**
 * Black-and-white scans as fax machines and scanners' "text" modes write them: CCITT fax
 * (Group 4, Group 3 1D and 2D) encoded by libtiff's tiffcp (libtiff-tools, which .ci/run
 * installs), as TIFFs and wrapped in image-only PDFs, and JBIG2 PDFs whose pages are generic
 * regions in MMR coding (the Group 4 code inside JBIG2: no JBIG2 encoder is packaged for Debian or
 * npm). Pages are thresholded at 128.
 */
export type FaxCoding = "G4" | "G3 1D" | "G3 2D";

const TIFFCP_CODING: Record<FaxCoding, string> = { G4: "g4", "G3 1D": "g3:1d", "G3 2D": "g3:2d" };
/** PDF's K: negative for Group 4, 0 for Group 3 1D, positive for Group 3 with 2D lines. */
const K: Record<FaxCoding, number> = { G4: -1, "G3 1D": 0, "G3 2D": 1 };

/** 1 bit a pixel, 1 black (TIFF's WhiteIsZero, which CCITT coding assumes), rows byte-aligned. */
export function packBits(image: Grey, blackIs = 1): Uint8Array {
  const rowBytes = Math.ceil(image.width / 8);
  const bits = new Uint8Array(rowBytes * image.height).fill(blackIs ? 0 : 0xff);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if ((image.data[y * image.width + x] ?? 0) >= 128) continue;
      const i = y * rowBytes + (x >> 3);
      bits[i] = blackIs ? (bits[i] ?? 0) | (0x80 >> (x & 7)) : (bits[i] ?? 0) & ~(0x80 >> (x & 7));
    }
  }
  return bits;
}

/** An uncompressed 1-bit WhiteIsZero TIFF of one strip, for tiffcp to encode. */
function plainBilevelTiff(image: Grey): Uint8Array {
  const bits = packBits(image);
  const entries: [number, number, number][] = [
    [256, 4, image.width], // ImageWidth
    [257, 4, image.height], // ImageLength
    [258, 3, 1], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 0], // PhotometricInterpretation: WhiteIsZero
    [273, 4, 0], // StripOffsets, set below
    [277, 3, 1], // SamplesPerPixel
    [278, 4, image.height], // RowsPerStrip: one strip
    [279, 4, bits.length], // StripByteCounts
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const out = Buffer.alloc(8 + ifdSize + bits.length);
  out.write("II", 0, "latin1");
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    if (type === 3) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(tag === 273 ? 8 + ifdSize : value, at + 8);
  });
  out.set(bits, 8 + ifdSize);
  return out;
}

function inTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "scan-corpus-fax-"));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pages as one (multi-page) fax TIFF, each page one strip in `coding`. */
export function faxTiff(pages: Grey[], coding: FaxCoding): Uint8Array {
  return inTempDir((dir) => {
    const inputs = pages.map((page, i) => {
      const file = join(dir, `page-${i}.tif`);
      writeFileSync(file, plainBilevelTiff(page));
      return file;
    });
    const rows = Math.max(...pages.map((p) => p.height));
    const out = join(dir, "fax.tif");
    execFileSync("tiffcp", ["-c", TIFFCP_CODING[coding], "-r", String(rows), ...inputs, out]);
    return new Uint8Array(readFileSync(out));
  });
}

/** The coded data of each page of a fax TIFF as faxTiff writes it (one strip a page). */
function faxStrips(tiff: Uint8Array): Uint8Array[] {
  return UTIF.decode(tiff).map((ifd) => {
    const [offset = 0] = ifd.t273 as number[];
    const [length = 0] = ifd.t279 as number[];
    return tiff.subarray(offset, offset + length);
  });
}

/** One A4 page per image, each drawn full-page by a content stream, as scanners lay them out. */
async function imageOnlyPdf(
  pages: Grey[],
  stream: (doc: PDFDocument, page: Grey, i: number) => ReturnType<PDFDocument["context"]["stream"]>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  pages.forEach((image, i) => {
    const ref = doc.context.register(stream(doc, image, i));
    const page = doc.addPage([595.28, 841.89]);
    const name = page.node.newXObject("Scan", ref);
    const draw = doc.context.stream(`q 595.28 0 0 841.89 0 0 cm ${name.asString()} Do Q`);
    page.node.set(PDFName.of("Contents"), doc.context.register(draw));
  });
  return doc.save();
}

/**
 * An image-only PDF of CCITTFaxDecode pages in `coding`. With `blackIs1` the decoded bits are 1
 * for black, and /Decode [1 0] makes them paint black again, as some scanners write it.
 */
export async function faxPdf(
  pages: Grey[],
  coding: FaxCoding,
  options: { blackIs1?: boolean } = {},
): Promise<Uint8Array> {
  const strips = faxStrips(faxTiff(pages, coding));
  return imageOnlyPdf(pages, (doc, image, i) =>
    doc.context.stream(strips[i] ?? new Uint8Array(), {
      Type: "XObject",
      Subtype: "Image",
      Width: image.width,
      Height: image.height,
      BitsPerComponent: 1,
      ColorSpace: "DeviceGray",
      Filter: "CCITTFaxDecode",
      DecodeParms: {
        K: K[coding],
        Columns: image.width,
        Rows: image.height,
        ...(options.blackIs1 ? { BlackIs1: true } : {}),
      },
      ...(options.blackIs1 ? { Decode: [1, 0] } : {}),
    }),
  );
}

/** A Group 4 fax TIFF made into a PDF by libtiff's tiff2pdf, which passes the fax data through. */
export function tiff2pdf(pages: Grey[], dpi: number): Uint8Array {
  return inTempDir((dir) => {
    writeFileSync(join(dir, "fax.tif"), faxTiff(pages, "G4"));
    const args = ["-x", String(dpi), "-y", String(dpi), "-o", join(dir, "fax.pdf"), join(dir, "fax.tif")];
    execFileSync("tiff2pdf", args);
    return new Uint8Array(readFileSync(join(dir, "fax.pdf")));
  });
}

/** A JBIG2 segment header (7.2): number, type, no referred-to segments, page 1 (or none), data length. */
function segment(number: number, type: number, data: Uint8Array, page = 1): Uint8Array {
  const out = Buffer.alloc(11 + data.length);
  out.writeUInt32BE(number, 0);
  out.writeUInt8(type, 4);
  out.writeUInt8(0, 5);
  out.writeUInt8(page, 6);
  out.writeUInt32BE(data.length, 7);
  out.set(data, 11);
  return out;
}

/**
 * The page as a JBIG2 embedded stream (PDF 32000 7.4.7: no file header): page information, one
 * immediate lossless generic region in MMR coding (JBIG2 6.2.6: Group 4 with 1 for black) and
 * end of page.
 */
export function jbig2Page(image: Grey, g4: Uint8Array): Uint8Array {
  const info = Buffer.alloc(19);
  info.writeUInt32BE(image.width, 0);
  info.writeUInt32BE(image.height, 4);
  // Resolution unknown (0), flags 0 (white page, OR), no striping.
  const region = Buffer.alloc(18 + g4.length);
  region.writeUInt32BE(image.width, 0);
  region.writeUInt32BE(image.height, 4);
  // At x 0, y 0; external combination operator OR (0); generic region flags: MMR (bit 0).
  region.writeUInt8(1, 17);
  region.set(g4, 18);
  return Buffer.concat([
    segment(0, 48, info),
    segment(1, 38, region),
    segment(2, 49, new Uint8Array()),
    segment(3, 51, new Uint8Array(), 0),
  ]);
}

/** An image-only PDF of JBIG2Decode pages (generic regions in MMR coding). */
export async function jbig2Pdf(pages: Grey[]): Promise<Uint8Array> {
  const strips = faxStrips(faxTiff(pages, "G4"));
  return imageOnlyPdf(pages, (doc, image, i) =>
    doc.context.stream(jbig2Page(image, strips[i] ?? new Uint8Array()), {
      Type: "XObject",
      Subtype: "Image",
      Width: image.width,
      Height: image.height,
      BitsPerComponent: 1,
      ColorSpace: "DeviceGray",
      Filter: "JBIG2Decode",
    }),
  );
}
