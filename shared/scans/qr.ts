import { crop, downscale, type Grey } from "./grey.ts";

/** A4 at 150 dpi is 1754 px high: 6.5 px per module of our code, plenty. More only costs time. */
const TARGET_HEIGHT = 1800;
const MIN_SIDE = 64;

type Zxing = typeof import("@zxing/library");
let zxing: Promise<Zxing> | undefined;

/**
 * The texts of the QR codes found on one page image, up to the first that `isOurs`. The decoder (pure JavaScript, some 400 kB) is
 * loaded on the first image only, so the upload check pays for it only when a scan is read.
 * Our code sits in a corner: the corners are tried before the whole page, so an upside-down or
 * sideways scan costs a few more tries, not a different decoder. A page in which nothing is found
 * costs the most (20 tries); a page with our code, one to a few.
 */
export async function readQrTexts(image: Grey, isOurs: (text: string) => boolean): Promise<string[]> {
  // Our code with its quiet zone is 37 modules wide: a smaller image cannot hold it legibly.
  if (Math.min(image.width, image.height) < MIN_SIDE) return [];
  zxing ??= import("@zxing/library");
  const z = await zxing;
  const longest = Math.max(image.width, image.height);
  const page = downscale(image, Math.round(longest / TARGET_HEIGHT));
  const found: string[] = [];
  // zxing's detector misjudges some sharp codes at one scale and reads them at half of it.
  for (const scaled of [page, downscale(page, 2)]) {
    const { width: w, height: h } = scaled;
    const corner = Math.max(w, h) * 0.4;
    const tries = [
      crop(scaled, w - corner, 0, corner, corner),
      crop(scaled, 0, h - corner, corner, corner),
      crop(scaled, 0, 0, corner, corner),
      crop(scaled, w - corner, h - corner, corner, corner),
      scaled,
    ];
    for (const part of tries) {
      if (Math.min(part.width, part.height) < MIN_SIDE) continue;
      const text = decode(z, part);
      if (text === undefined) continue;
      // Another QR code on the page (a payment code, a stamp) does not end the search for ours.
      if (isOurs(text)) return [...found, text];
      if (!found.includes(text)) found.push(text);
    }
  }
  return found;
}

function decode(z: Zxing, image: Grey): string | undefined {
  const hints = new Map<import("@zxing/library").DecodeHintType, unknown>([
    [z.DecodeHintType.TRY_HARDER, true],
  ]);
  for (const binarizer of [z.HybridBinarizer, z.GlobalHistogramBinarizer]) {
    try {
      const source = new z.RGBLuminanceSource(image.data, image.width, image.height);
      return new z.QRCodeReader().decode(new z.BinaryBitmap(new binarizer(source)), hints).getText();
    } catch {
      // Not found, or found but unreadable: the next binarizer or region may do better.
    }
  }
  return undefined;
}
