import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import UTIF from "utif";
import { type Grey, greyOf } from "./grey.ts";

/** An A4 page at 600 dpi is 35 MP; larger images are not scans of our form (and would not fit Lambda). */
export const MAX_PIXELS = 40_000_000;

export function jpegToGrey(bytes: Uint8Array): Grey {
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_PIXELS / 1_000_000,
    maxMemoryUsageInMB: 512,
  });
  return greyOf(image.data, image.width, image.height, 4);
}

/** The size in the header, checked before decoding: a small file may declare a huge image. */
export function pngToGrey(bytes: Uint8Array): Grey {
  const header = Buffer.from(bytes.subarray(16, 24));
  if (header.length < 8 || header.readUInt32BE(0) * header.readUInt32BE(4) > MAX_PIXELS)
    throw new Error("image too large");
  const image = PNG.sync.read(Buffer.from(bytes));
  return greyOf(image.data, image.width, image.height, 4);
}

/** At most this many pages of a TIFF are looked at, as of a PDF. */
const MAX_TIFF_PAGES = 20;

/** Every page of a (multi-page) TIFF, CCITT fax pages included: UTIF decodes them. */
export function tiffToGrey(bytes: Uint8Array): Grey[] {
  const pages: Grey[] = [];
  for (const ifd of UTIF.decode(bytes).slice(0, MAX_TIFF_PAGES)) {
    // ImageWidth (256) and ImageLength (257), checked before decoding.
    const declared =
      Number((ifd.t256 as number[] | undefined)?.[0]) * Number((ifd.t257 as number[] | undefined)?.[0]);
    if (!(declared > 0 && declared <= MAX_PIXELS)) continue;
    UTIF.decodeImage(bytes, ifd);
    if (!ifd.width || !ifd.height || ifd.width * ifd.height > MAX_PIXELS) continue;
    pages.push(greyOf(UTIF.toRGBA8(ifd), ifd.width, ifd.height, 4));
  }
  return pages;
}
