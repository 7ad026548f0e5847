import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import UTIF from "utif";
import type { Grey } from "../../shared/scans/grey.ts";
import { jbig2ArithmeticPage, jbig2MmrPage } from "./scan-corpus-jbig2.ts";

/**
 * Black-and-white scans as fax machines and scanners' "text" modes write them: CCITT fax
 * (Group 4, Group 3 1D and 2D) encoded by libtiff's tiffcp (libtiff-tools, which .ci/run
 * installs), as TIFFs and wrapped in image-only PDFs, and JBIG2 PDFs (./scan-corpus-jbig2.ts).
 * Pages are thresholded at 128.
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

/** An image-only PDF of JBIG2Decode pages: generic regions coded arithmetically, or in MMR. */
export async function jbig2Pdf(
  pages: Grey[],
  coding: "arithmetic" | "MMR" = "arithmetic",
): Promise<Uint8Array> {
  const strips = coding === "MMR" ? faxStrips(faxTiff(pages, "G4")) : [];
  return imageOnlyPdf(pages, (doc, image, i) =>
    doc.context.stream(
      coding === "MMR" ? jbig2MmrPage(image, strips[i] ?? new Uint8Array()) : jbig2ArithmeticPage(image),
      {
        Type: "XObject",
        Subtype: "Image",
        Width: image.width,
        Height: image.height,
        BitsPerComponent: 1,
        ColorSpace: "DeviceGray",
        Filter: "JBIG2Decode",
      },
    ),
  );
}
