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

export function pngToGrey(bytes: Uint8Array): Grey {
  const image = PNG.sync.read(Buffer.from(bytes));
  if (image.width * image.height > MAX_PIXELS) throw new Error("image too large");
  return greyOf(image.data, image.width, image.height, 4);
}

/** Every page of a (multi-page) TIFF, CCITT fax pages included: UTIF decodes them. */
export function tiffToGrey(bytes: Uint8Array): Grey[] {
  const pages: Grey[] = [];
  for (const ifd of UTIF.decode(bytes)) {
    UTIF.decodeImage(bytes, ifd);
    if (!ifd.width || !ifd.height || ifd.width * ifd.height > MAX_PIXELS) continue;
    pages.push(greyOf(UTIF.toRGBA8(ifd), ifd.width, ifd.height, 4));
  }
  return pages;
}
