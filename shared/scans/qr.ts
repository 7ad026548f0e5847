import { crop, downscale, type Grey } from "./grey.ts";

/** A4 at 150 dpi is 1754 px high: 6.5 px per module of our code, plenty. More only costs time. */
const TARGET_HEIGHT = 1800;

type Zxing = typeof import("@zxing/library");
let zxing: Promise<Zxing> | undefined;

/**
 * The texts of the QR codes on one page image. The decoder (pure JavaScript, some 400 kB) is
 * loaded on the first image only, so the upload check pays for it only when a scan is read.
 * Our code sits in a corner: the corners are tried before the whole page, so an upside-down or
 * sideways scan costs a few more tries, not a different decoder.
 */
export async function readQrTexts(image: Grey): Promise<string[]> {
  zxing ??= import("@zxing/library");
  const z = await zxing;
  const longest = Math.max(image.width, image.height);
  const page = downscale(image, Math.floor(longest / TARGET_HEIGHT));
  const { width: w, height: h } = page;
  const corner = Math.max(w, h) * 0.4;
  const tries = [
    crop(page, w - corner, 0, corner, corner),
    crop(page, 0, h - corner, corner, corner),
    crop(page, 0, 0, corner, corner),
    crop(page, w - corner, h - corner, corner, corner),
    page,
  ];
  for (const part of tries) {
    const text = decode(z, part);
    if (text !== undefined) return [text];
  }
  return [];
}

function decode(z: Zxing, image: Grey): string | undefined {
  const source = new z.RGBLuminanceSource(image.data, image.width, image.height);
  const hints = new Map<import("@zxing/library").DecodeHintType, unknown>([
    [z.DecodeHintType.TRY_HARDER, true],
  ]);
  for (const binarizer of [new z.HybridBinarizer(source), new z.GlobalHistogramBinarizer(source)]) {
    try {
      return new z.QRCodeReader().decode(new z.BinaryBitmap(binarizer), hints).getText();
    } catch {
      // Not found, or found but unreadable: the next binarizer or region may do better.
    }
  }
  return undefined;
}
