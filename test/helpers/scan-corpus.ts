import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jpeg from "jpeg-js";
import { PDFDocument, PDFName } from "pdf-lib";
import { PNG } from "pngjs";
import UTIF from "utif";
import { encodeFormCode, type FormCode } from "../../shared/forms/form-code.ts";
import { sampleReport, sampleRequisition } from "../../shared/forms/index.ts";
import { bilaga2Pdf } from "../../shared/forms/pdf/bilaga2.ts";
import { drawFormCode } from "../../shared/forms/pdf/form-code.ts";
import { packageFonts } from "../../shared/forms/pdf/package-fonts.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { Grey } from "../../shared/scans/grey.ts";

/**
 * A scan corpus made at test time from our own pre-filled Bilaga 2 PDFs: pages rendered by
 * poppler's pdftoppm (poppler-utils), then degraded as scanners and phones do, and wrapped as the
 * files people upload. Deterministic: the noise comes from a seeded generator.
 */

/** One printed form: what its QR codes must read back as. */
export interface PrintedForm {
  kind: "requisition" | "report";
  submissionId: string;
  reference: string;
  pdf: Uint8Array;
}

export async function printedForm(
  kind: PrintedForm["kind"],
  submissionId: string,
  reference: string,
  kommunkod = "1281",
): Promise<PrintedForm> {
  const programme = seedProgramme("skr-aldreomsorg-2022");
  if (!programme) throw new Error("programme missing");
  const fonts = await packageFonts();
  const pdf =
    kind === "requisition"
      ? await bilaga2Pdf(
          { kind, submissionId, reference, form: sampleRequisition(programme, kommunkod, "2022-11-20") },
          fonts,
        )
      : await bilaga2Pdf({ kind, submissionId, reference, form: sampleReport(programme, kommunkod) }, fonts);
  return { kind, submissionId, reference, pdf };
}

/**
 * One printed page that carries `code` where the form prints it, and a line of text: page 1 of a
 * two-page form, say, whatever the form's own layout makes of the current sample data.
 */
export async function codedPage(code: FormCode): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(`${code.reference} · Sida ${code.page} av ${code.pages}`, { x: 50, y: 700, size: 12 });
  drawFormCode(page, encodeFormCode(code), { right: 595.28 - 50, top: 841.89 - 20 });
  return doc.save();
}

/** Every page of the PDF as a grey image at `dpi` (pdftoppm -gray writes PGM). */
export function renderPages(pdf: Uint8Array, dpi: number): Grey[] {
  const dir = mkdtempSync(join(tmpdir(), "scan-corpus-"));
  try {
    writeFileSync(join(dir, "form.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", String(dpi), "-gray", join(dir, "form.pdf"), join(dir, "page")]);
    return readdirSync(dir)
      .filter((f) => f.endsWith(".pgm"))
      .sort()
      .map((f) => readPgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPgm(bytes: Buffer): Grey {
  // "P5\n<width> <height>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not a PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = new Uint8ClampedArray(bytes.subarray(header[0].length, header[0].length + width * height));
  return { width, height, data };
}

/** A seeded generator (mulberry32): the same corpus on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Turned by `degrees` about the centre (bilinear), paper-white where the page came from outside. */
export function rotate(image: Grey, degrees: number): Grey {
  const { width, height, data: src } = image;
  const data = new Uint8ClampedArray(width * height).fill(255);
  const cos = Math.cos((degrees * Math.PI) / 180);
  const sin = Math.sin((degrees * Math.PI) / 180);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = (src[i] as number) * (1 - fx) + (src[i + 1] as number) * fx;
      const bottom = (src[i + width] as number) * (1 - fx) + (src[i + width + 1] as number) * fx;
      data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width, height, data };
}

/** Grey noise of standard deviation `sigma`, as a cheap sensor adds. */
export function noise(image: Grey, sigma: number, seed = 1): Grey {
  const next = random(seed);
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) {
    const gauss = Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next());
    data[i] = (image.data[i] ?? 0) + gauss * sigma;
  }
  return { ...image, data };
}

/** A box blur of `radius` pixels, as an out-of-focus phone camera. */
export function blur(image: Grey, radius: number): Grey {
  const { width, height } = image;
  const pass = (src: Uint8ClampedArray, dx: number, dy: number) => {
    const out = new Uint8ClampedArray(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        let n = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = x + k * dx;
          const yy = y + k * dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          sum += src[yy * width + xx] ?? 0;
          n++;
        }
        out[y * width + x] = sum / n;
      }
    }
    return out;
  };
  return { width, height, data: pass(pass(image.data, 1, 0), 0, 1) };
}

/** Light falling off across the page, as on a phone photo taken under a lamp. */
export function shade(image: Grey, darkest = 0.6): Grey {
  const data = new Uint8ClampedArray(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const light = 1 - (1 - darkest) * ((x / image.width + y / image.height) / 2);
      data[y * image.width + x] = (image.data[y * image.width + x] ?? 0) * light;
    }
  }
  return { ...image, data };
}

/** Black or white only, as a fax or a scanner's "text" mode. */
export function bilevel(image: Grey, threshold = 160): Grey {
  return { ...image, data: image.data.map((v) => (v < threshold ? 0 : 255)) };
}

function rgba(image: Grey): Uint8Array {
  const out = new Uint8Array(image.width * image.height * 4);
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i] ?? 0;
    out.set([v, v, v, 255], i * 4);
  }
  return out;
}

export function toJpeg(image: Grey, quality: number): Uint8Array {
  return jpeg.encode({ data: rgba(image), width: image.width, height: image.height }, quality).data;
}

export function toPng(image: Grey): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(rgba(image));
  return PNG.sync.write(png);
}

export function toTiff(image: Grey): Uint8Array {
  return new Uint8Array(UTIF.encodeImage(rgba(image), image.width, image.height));
}

/** An image-only PDF as scanners write it: one JPEG (DCTDecode) per A4 page. */
export async function jpegPdf(pages: Grey[], quality: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const image of pages) {
    const embedded = await doc.embedJpg(toJpeg(image, quality));
    doc.addPage([595.28, 841.89]).drawImage(embedded, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

/** An image-only PDF of 1-bit Flate images, as a scanner's black-and-white mode writes them. */
export async function bilevelPdf(pages: Grey[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const image of pages) {
    const rowBytes = Math.ceil(image.width / 8);
    const bits = new Uint8Array(rowBytes * image.height);
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = y * rowBytes + (x >> 3);
        if ((image.data[y * image.width + x] ?? 0) >= 128) bits[i] = (bits[i] ?? 0) | (0x80 >> (x & 7));
      }
    }
    const stream = doc.context.flateStream(bits, {
      Type: "XObject",
      Subtype: "Image",
      Width: image.width,
      Height: image.height,
      BitsPerComponent: 1,
      ColorSpace: "DeviceGray",
    });
    const ref = doc.context.register(stream);
    const page = doc.addPage([595.28, 841.89]);
    const name = page.node.newXObject("Scan", ref);
    const draw = doc.context.stream(`q 595.28 0 0 841.89 0 0 cm ${name.asString()} Do Q`);
    page.node.set(PDFName.of("Contents"), doc.context.register(draw));
  }
  return doc.save();
}
