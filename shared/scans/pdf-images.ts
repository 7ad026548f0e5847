import { inflateSync } from "node:zlib";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
} from "pdf-lib";
import type { BilevelFilter } from "./fax-jbig2.ts";
import { type Grey, greyOf } from "./grey.ts";
import { jpegToGrey, MAX_PIXELS } from "./raster.ts";

/**
 * The images of one PDF page in encodings decoded here, each decoded only when asked (one page
 * image at a time in memory, however many pages), and how many are in others (JPEG 2000, LZW,
 * run-length).
 */
export interface PdfPageImages {
  images: PageImage[];
  unsupported: number;
}

export interface PageImage {
  pixels: number;
  /** The pixels, or undefined when the stream turns out damaged or in a colour space not read here. */
  decode(): Promise<Grey | undefined>;
}

/** At most this many pages are looked at: a signed Bilaga 2 has two or three. */
export const MAX_PDF_PAGES = 20;
/** Images this small are logos or stamps, not a scanned page. */
const MIN_SIDE = 200;

/**
 * The page images of a scanned PDF, page by page, as scanners write them: an image XObject per
 * page (sometimes inside a form XObject). JPEG (DCTDecode) and Flate images in grey, RGB, CMYK or
 * an indexed palette, 1 or 8 bits, with or without a PNG predictor, and 1-bit CCITT fax (G3, G4)
 * and JBIG2 images (./fax-jbig2.ts) are decoded; JPEG 2000 and the rest are counted as
 * unsupported rather than guessed at. Nothing is rendered: a PDF without page images (our own
 * form, a digitally signed one) has nothing here.
 */
export async function pdfPageImages(bytes: Uint8Array): Promise<PdfPageImages[]> {
  const doc = await PDFDocument.load(bytes, {
    ignoreEncryption: true,
    updateMetadata: false,
    throwOnInvalidObject: false,
  });
  return doc
    .getPages()
    .slice(0, MAX_PDF_PAGES)
    .map((page) => {
      const found: PdfPageImages = { images: [], unsupported: 0 };
      collect(doc, page.node.Resources(), found, 0);
      return found;
    });
}

function collect(
  doc: PDFDocument,
  resources: PDFDict | undefined,
  found: PdfPageImages,
  depth: number,
): void {
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects || depth > 2) return;
  for (const [, ref] of xobjects.entries()) {
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(stream instanceof PDFRawStream)) continue;
    const subtype = stream.dict.lookupMaybe(PDFName.of("Subtype"), PDFName)?.asString();
    if (subtype === "/Form") {
      collect(doc, stream.dict.lookupMaybe(PDFName.of("Resources"), PDFDict), found, depth + 1);
      continue;
    }
    if (subtype !== "/Image") continue;
    const width = numberOf(stream.dict.lookup(PDFName.of("Width")));
    const height = numberOf(stream.dict.lookup(PDFName.of("Height")));
    if (Math.min(width, height) < MIN_SIDE || width * height > MAX_PIXELS) continue;
    if (
      !filtersOf(stream.dict).every(
        (f, i, all) => f === "/FlateDecode" || (LAST_FILTERS.includes(f) && i === all.length - 1),
      )
    ) {
      found.unsupported++;
      continue;
    }
    found.images.push({
      pixels: width * height,
      decode: async () => {
        try {
          return await decodeImage(stream, width, height);
        } catch {
          // A damaged image stream reads as a page without a code, not as a failed check.
          return undefined;
        }
      },
    });
  }
}

/** Filters that end a chain (after Flate, if any): each decodes to pixels, not to bytes for another filter. */
const LAST_FILTERS = ["/DCTDecode", "/CCITTFaxDecode", "/JBIG2Decode"];

function numberOf(value: PDFObject | undefined): number {
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

function filtersOf(dict: PDFDict): string[] {
  const filter = dict.lookup(PDFName.of("Filter"));
  if (filter instanceof PDFName) return [filter.asString()];
  if (filter instanceof PDFArray)
    return filter.asArray().map((f) => (f instanceof PDFName ? f.asString() : "?"));
  return [];
}

/** The image as grey pixels, or undefined for an encoding not decoded here. */
async function decodeImage(stream: PDFRawStream, width: number, height: number): Promise<Grey | undefined> {
  const filters = filtersOf(stream.dict);
  let data: Uint8Array = stream.contents;
  let params: PDFDict | undefined;
  for (const [i, filter] of filters.entries()) {
    params = paramsOf(stream.dict, i);
    if (filter === "/DCTDecode" && i === filters.length - 1) return jpegToGrey(data);
    if ((filter === "/CCITTFaxDecode" || filter === "/JBIG2Decode") && i === filters.length - 1) {
      const bilevel = filter === "/CCITTFaxDecode" ? ccittOf(params, width, height) : jbig2Of(params);
      if (!bilevel) return undefined;
      const { decodeBilevel } = await import("./fax-jbig2.ts");
      const rows = await decodeBilevel(bilevel, data, width, height);
      if (!rows) return undefined;
      data = rows;
      // Their parameters are the decoder's, not a PNG predictor's.
      params = undefined;
      continue;
    }
    if (filter !== "/FlateDecode") return undefined;
    // A small stream may inflate to gigabytes: no image here needs more than 4 bytes a pixel.
    data = inflateSync(data, { maxOutputLength: width * height * 4 + height + 1024 });
  }
  const bits = numberOf(stream.dict.lookup(PDFName.of("BitsPerComponent"))) || 1;
  const imageMask = stream.dict.lookup(PDFName.of("ImageMask"))?.toString() === "true";
  const colour = imageMask ? { components: 1 as const, kind: "gray" as const } : colourSpaceOf(stream.dict);
  if (!colour || ![1, 2, 4, 8].includes(bits)) return undefined;
  const predictor = params ? numberOf(params.lookup(PDFName.of("Predictor"))) : 0;
  const rowBytes = Math.ceil((width * colour.components * bits) / 8);
  if (predictor >= 10) data = unpredict(data, rowBytes, Math.ceil((colour.components * bits) / 8), height);
  else if (predictor > 1) return undefined;
  if (data.length < rowBytes * height) return undefined;
  const samples = unpack(data, width * colour.components, rowBytes, height, bits, colour.kind !== "indexed");
  // /Decode [1 0] inverts grey (and makes an image mask paint its 1 bits instead of its 0 bits).
  const decode = stream.dict.lookupMaybe(PDFName.of("Decode"), PDFArray);
  if (colour.kind === "gray" && decode !== undefined && numberOf(decode.get(0)) === 1)
    for (let i = 0; i < samples.length; i++) samples[i] = 255 - (samples[i] ?? 0);
  if (colour.kind === "indexed") {
    const rgb = new Uint8Array(width * height * colour.base);
    for (let i = 0; i < width * height; i++) {
      const entry = (samples[i] ?? 0) * colour.base;
      for (let c = 0; c < colour.base; c++) rgb[i * colour.base + c] = colour.palette[entry + c] ?? 0;
    }
    return greyOf(rgb, width, height, colour.base as 1 | 3 | 4, colour.base === 4);
  }
  return greyOf(samples, width, height, colour.components, colour.kind === "cmyk");
}

/** The DecodeParms of the `index`th filter: one dictionary, or an array with one entry per filter. */
function paramsOf(dict: PDFDict, index: number): PDFDict | undefined {
  const params = dict.lookup(PDFName.of("DecodeParms"));
  if (params instanceof PDFDict) return params;
  if (params instanceof PDFArray) {
    const entry = params.lookup(index);
    return entry instanceof PDFDict ? entry : undefined;
  }
  return undefined;
}

/** A fax image's parameters (PDF 32000 table 11), or undefined when its rows are not the image's width. */
function ccittOf(params: PDFDict | undefined, width: number, height: number): BilevelFilter | undefined {
  const flag = (key: string) => params?.lookup(PDFName.of(key))?.toString() === "true";
  const value = (key: string) => params?.lookup(PDFName.of(key));
  const columns = value("Columns") === undefined ? 1728 : numberOf(value("Columns"));
  const rows = numberOf(value("Rows"));
  if (columns !== width || (rows !== 0 && rows !== height)) return undefined;
  return {
    name: "CCITTFaxDecode",
    options: {
      K: numberOf(value("K")),
      EndOfLine: flag("EndOfLine"),
      EncodedByteAlign: flag("EncodedByteAlign"),
      BlackIs1: flag("BlackIs1"),
      Columns: columns,
      Rows: rows || height,
    },
  };
}

/** A JBIG2 image's shared segments (symbol dictionaries several pages use), themselves maybe Flate. */
function jbig2Of(params: PDFDict | undefined): BilevelFilter | undefined {
  const globals = params?.lookup(PDFName.of("JBIG2Globals"));
  if (globals === undefined) return { name: "JBIG2Decode", globals: undefined };
  if (!(globals instanceof PDFRawStream)) return undefined;
  const filters = filtersOf(globals.dict);
  if (!filters.every((f) => f === "/FlateDecode")) return undefined;
  let bytes: Uint8Array = globals.contents;
  // Symbol dictionaries of a scanned page are kilobytes; 16 MB is far beyond any real one.
  for (const _ of filters) bytes = inflateSync(bytes, { maxOutputLength: 16_000_000 });
  return { name: "JBIG2Decode", globals: bytes };
}

type Colour =
  | { kind: "gray" | "rgb" | "cmyk"; components: 1 | 3 | 4 }
  | { kind: "indexed"; components: 1; base: number; palette: Uint8Array };

function colourSpaceOf(dict: PDFDict): Colour | undefined {
  const space = dict.lookup(PDFName.of("ColorSpace"));
  return spaceOf(space, dict);
}

function spaceOf(space: PDFObject | undefined, dict: PDFDict): Colour | undefined {
  const context = dict.context;
  const resolved = space instanceof PDFRef ? context.lookup(space) : space;
  if (resolved instanceof PDFName) {
    const name = resolved.asString();
    if (name === "/DeviceGray" || name === "/CalGray") return { kind: "gray", components: 1 };
    if (name === "/DeviceRGB" || name === "/CalRGB") return { kind: "rgb", components: 3 };
    if (name === "/DeviceCMYK") return { kind: "cmyk", components: 4 };
    return undefined;
  }
  if (!(resolved instanceof PDFArray)) return undefined;
  const family = resolved.lookup(0);
  const familyName = family instanceof PDFName ? family.asString() : "";
  if (familyName === "/ICCBased") {
    const profile = resolved.lookup(1);
    const n = profile instanceof PDFRawStream ? numberOf(profile.dict.lookup(PDFName.of("N"))) : 0;
    return n === 1
      ? { kind: "gray", components: 1 }
      : n === 3
        ? { kind: "rgb", components: 3 }
        : n === 4
          ? { kind: "cmyk", components: 4 }
          : undefined;
  }
  if (familyName === "/Indexed") {
    const base = spaceOf(resolved.get(1), dict);
    const lookup = resolved.lookup(3);
    if (!base || base.kind === "indexed") return undefined;
    const palette =
      lookup instanceof PDFRawStream
        ? filtersOf(lookup.dict).includes("/FlateDecode")
          ? inflateSync(lookup.contents, { maxOutputLength: 256 * 4 })
          : lookup.contents
        : lookup && "asBytes" in lookup && typeof lookup.asBytes === "function"
          ? (lookup.asBytes() as Uint8Array)
          : undefined;
    if (!palette) return undefined;
    return { kind: "indexed", components: 1, base: base.components, palette };
  }
  if (familyName === "/CalGray" || familyName === "/CalRGB") {
    return familyName === "/CalGray" ? { kind: "gray", components: 1 } : { kind: "rgb", components: 3 };
  }
  return undefined;
}

/** Undoes PNG row filters (Predictor 10–15): each row starts with its filter type. */
function unpredict(data: Uint8Array, rowBytes: number, pixelBytes: number, height: number): Uint8Array {
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const type = data[y * (rowBytes + 1)] ?? 0;
    const from = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const raw = data[from + x] ?? 0;
      const left = x >= pixelBytes ? (out[row + x - pixelBytes] ?? 0) : 0;
      const up = y > 0 ? (out[row - rowBytes + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= pixelBytes ? (out[row - rowBytes + x - pixelBytes] ?? 0) : 0;
      let value = raw;
      if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[row + x] = value & 0xff;
    }
  }
  return out;
}

/** Samples of `bits` each, scaled to 0–255 (or kept as palette indexes when `scale` is false). */
function unpack(
  data: Uint8Array,
  perRow: number,
  rowBytes: number,
  height: number,
  bits: number,
  scale: boolean,
): Uint8Array {
  if (bits === 8) {
    const out = new Uint8Array(perRow * height);
    for (let y = 0; y < height; y++) out.set(data.subarray(y * rowBytes, y * rowBytes + perRow), y * perRow);
    return out;
  }
  const out = new Uint8Array(perRow * height);
  const max = (1 << bits) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < perRow; x++) {
      const bit = x * bits;
      const byte = data[y * rowBytes + (bit >> 3)] ?? 0;
      const value = (byte >> (8 - bits - (bit & 7))) & max;
      out[y * perRow + x] = scale ? Math.round((value * 255) / max) : value;
    }
  }
  return out;
}
