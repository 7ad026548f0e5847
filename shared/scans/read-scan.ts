import { type FormCode, parseFormCode } from "../forms/form-code.ts";
import type { Grey } from "./grey.ts";
import { pdfPageImages } from "./pdf-images.ts";
import { readQrTexts } from "./qr.ts";
import { jpegToGrey, pngToGrey, tiffToGrey } from "./raster.ts";
import type { ScanReading } from "./reading.ts";

/**
 * Reads the form codes of an uploaded scan (type by magic bytes, as the check found it): a JPEG or
 * PNG is one page, a TIFF one page per image, a PDF one page per page with the images on it. QR
 * texts that are not our form codes are ignored; an image that cannot be decoded reads as a page
 * without a code, never as a failed check.
 */
export async function readScan(bytes: Uint8Array, contentType: string): Promise<ScanReading> {
  if (contentType === "application/pdf") {
    const reading: ScanReading = { pages: [], unsupported: 0 };
    for (const page of await pdfPageImages(bytes).catch(() => [])) {
      reading.unsupported += page.unsupported;
      if (page.images.length === 0) continue;
      const codes: FormCode[] = [];
      // The largest image is the page; a smaller one a stamp or a mask.
      for (const image of page.images.sort((a, b) => b.width * b.height - a.width * a.height)) {
        codes.push(...(await codesOn(image)));
        if (codes.length > 0) break;
      }
      reading.pages.push({ codes });
    }
    return reading;
  }
  const images = decodeRaster(bytes, contentType);
  const pages = [];
  for (const image of images) pages.push({ codes: await codesOn(image) });
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
