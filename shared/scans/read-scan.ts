import { type FormCode, parseFormCode } from "../forms/form-code.ts";
import type { Grey } from "./grey.ts";
import { pdfPageImages } from "./pdf-images.ts";
import { readQrTexts } from "./qr.ts";
import { jpegToGrey, pngToGrey, tiffToGrey } from "./raster.ts";
import type { ScanReading } from "./reading.ts";

/**
 * Reading stops starting new pages after this long: the upload check has 60 s in all (S3, the
 * signature check, the writes), and a 20-page 600 dpi scan decoded in pure JavaScript would not fit.
 */
export const READ_BUDGET_MS = 30_000;

/**
 * Reads the form codes of an uploaded scan (type by magic bytes, as the check found it): a JPEG or
 * PNG is one page, a TIFF one page per image, a PDF one page per page with the images on it. QR
 * texts that are not our form codes are ignored; an image that cannot be decoded reads as a page
 * without a code, never as a failed check.
 */
export async function readScan(
  bytes: Uint8Array,
  contentType: string,
  budgetMs = READ_BUDGET_MS,
): Promise<ScanReading> {
  const until = Date.now() + budgetMs;
  // Pages past the time budget count as pages without a readable code: never a refusal.
  const inTime = () => Date.now() < until;
  if (contentType === "application/pdf") {
    const reading: ScanReading = { pages: [], unsupported: 0 };
    for (const page of await pdfPageImages(bytes).catch(() => [])) {
      reading.unsupported += page.unsupported;
      if (page.images.length === 0) continue;
      const codes: FormCode[] = [];
      // The largest image is the page; a smaller one a stamp or a mask.
      for (const image of page.images.sort((a, b) => b.pixels - a.pixels)) {
        const decoded = inTime() ? await image.decode() : undefined;
        if (decoded) codes.push(...(await codesOn(decoded)));
        if (codes.length > 0) break;
      }
      reading.pages.push({ codes });
    }
    return reading;
  }
  const images = decodeRaster(bytes, contentType);
  const pages = [];
  for (const image of images) pages.push({ codes: inTime() ? await codesOn(image) : [] });
  return { pages, unsupported: 0 };
}

function decodeRaster(bytes: Uint8Array, contentType: string): Grey[] {
  try {
    if (contentType === "image/jpeg") return [jpegToGrey(bytes)];
    if (contentType === "image/png") return [pngToGrey(bytes)];
    if (contentType === "image/tiff") return tiffToGrey(bytes);
  } catch {
    // Damaged or too large to decode here: a page without a code.
    return [];
  }
  return [];
}

async function codesOn(image: Grey): Promise<FormCode[]> {
  const texts = await readQrTexts(image, (text) => parseFormCode(text) !== undefined);
  return texts.map(parseFormCode).filter((code): code is FormCode => code !== undefined);
}
