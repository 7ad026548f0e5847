import type { Grey } from "../../shared/scans/grey.ts";
import {
  bilevel,
  bilevelPdf,
  blur,
  jpegPdf,
  noise,
  type PrintedForm,
  renderPages,
  rotate,
  shade,
  toJpeg,
  toPng,
} from "./scan-corpus.ts";
import { faxPdf, faxTiff, jbig2Pdf, tiff2pdf } from "./scan-corpus-fax.ts";
import { type PhotoAngle, photographAtAngle, unevenLight } from "./scan-corpus-photo.ts";

/** One uploaded file of the corpus: how it was degraded, and which pages of which form it holds. */
export interface ScanCase {
  degradation: string;
  form: PrintedForm;
  /** 1-based pages of the form in the file, in order. */
  pages: number[];
  bytes: Uint8Array;
  contentType: string;
}

/** The degradations the issue names; the first two are the target (every page must read). */
export const DEGRADATIONS = [
  "150 dpi",
  "150 dpi, rotated ±5°",
  "300 dpi, rotated ±5°",
  "150 dpi, JPEG quality 50",
  "150 dpi, grey noise",
  "200 dpi, 1-bit fax TIFF (CCITT G4)",
  "150 dpi, phone photo (blur, shade, 3°)",
  "150 dpi, phone photo at an angle (keystone 10–15°, uneven light)",
  "150 dpi, rotated ±5°, image-only PDF (JPEG)",
  "200 dpi, 1-bit, image-only PDF (Flate)",
  "200 dpi, 1-bit, image-only PDF (CCITT G4, tiff2pdf)",
  "200 dpi, 1-bit, image-only PDF (CCITT G3 2D)",
  "200 dpi, 1-bit, image-only PDF (JBIG2)",
] as const;
export type Degradation = (typeof DEGRADATIONS)[number];
export const TARGET: readonly Degradation[] = ["150 dpi", "150 dpi, rotated ±5°"];

const TILTS = [5, -5, 3.5, -2];
const tilt = (i: number) => TILTS[i % TILTS.length] ?? 5;
/** A phone held not flat: the top of the page 10–15° away (or towards), a little turned. */
const ANGLES: PhotoAngle[] = [
  { pitch: 12, yaw: 4, roll: 2 },
  { pitch: 15, yaw: -6, roll: -3 },
  { pitch: -10, yaw: 3, roll: 1 },
  { pitch: 13, yaw: 0, roll: -2 },
];
const angle = (i: number) => ANGLES[i % ANGLES.length] ?? { pitch: 12, yaw: 0, roll: 0 };

/** Every degradation of every page of the form, as the files a municipality would upload. */
export async function scanCases(form: PrintedForm, only: readonly Degradation[] = DEGRADATIONS) {
  const at150 = renderPages(form.pdf, 150);
  const at200 = only.some((d) => d.startsWith("200")) ? renderPages(form.pdf, 200) : [];
  const at300 = only.includes("300 dpi, rotated ±5°") ? renderPages(form.pdf, 300) : [];
  const cases: ScanCase[] = [];
  const each = (
    degradation: Degradation,
    pages: Grey[],
    file: (g: Grey, i: number) => [Uint8Array, string],
  ) => {
    if (!only.includes(degradation)) return;
    pages.forEach((image, i) => {
      const [bytes, contentType] = file(image, i);
      cases.push({ degradation, form, pages: [i + 1], bytes, contentType });
    });
  };
  const png = (g: Grey): [Uint8Array, string] => [toPng(g), "image/png"];
  const jpg = (g: Grey, q: number): [Uint8Array, string] => [toJpeg(g, q), "image/jpeg"];
  each("150 dpi", at150, (g) => png(g));
  each("150 dpi, rotated ±5°", at150, (g, i) => png(rotate(g, tilt(i))));
  each("300 dpi, rotated ±5°", at300, (g, i) => jpg(rotate(g, -tilt(i)), 85));
  each("150 dpi, JPEG quality 50", at150, (g) => jpg(g, 50));
  each("150 dpi, grey noise", at150, (g, i) => png(noise(g, 25, i + 1)));
  // A fax feeds the page a little askew: half the scanner's tilt.
  const faxed = (g: Grey, i: number) => bilevel(rotate(g, tilt(i) / 2), 128);
  each("200 dpi, 1-bit fax TIFF (CCITT G4)", at200, (g, i) => [faxTiff([faxed(g, i)], "G4"), "image/tiff"]);
  each("150 dpi, phone photo (blur, shade, 3°)", at150, (g, i) =>
    jpg(shade(blur(rotate(g, i % 2 ? -3 : 3), 1)), 70),
  );
  each("150 dpi, phone photo at an angle (keystone 10–15°, uneven light)", at150, (g, i) =>
    jpg(unevenLight(blur(photographAtAngle(g, angle(i)), 1)), 80),
  );
  const all = at150.map((_, i) => i + 1);
  const whole = async (degradation: Degradation, bytes: () => Promise<Uint8Array> | Uint8Array) => {
    if (only.includes(degradation))
      cases.push({ degradation, form, pages: all, bytes: await bytes(), contentType: "application/pdf" });
  };
  if (only.includes("150 dpi, rotated ±5°, image-only PDF (JPEG)")) {
    const bytes = await jpegPdf(
      at150.map((g, i) => rotate(g, tilt(i + 1))),
      75,
    );
    cases.push({
      degradation: "150 dpi, rotated ±5°, image-only PDF (JPEG)",
      form,
      pages: all,
      bytes,
      contentType: "application/pdf",
    });
  }
  if (only.includes("200 dpi, 1-bit, image-only PDF (Flate)")) {
    const bytes = await bilevelPdf(at200.map((g) => bilevel(g)));
    cases.push({
      degradation: "200 dpi, 1-bit, image-only PDF (Flate)",
      form,
      pages: all,
      bytes,
      contentType: "application/pdf",
    });
  }
  await whole("200 dpi, 1-bit, image-only PDF (CCITT G4, tiff2pdf)", () => tiff2pdf(at200.map(faxed), 200));
  await whole("200 dpi, 1-bit, image-only PDF (CCITT G3 2D)", () => faxPdf(at200.map(faxed), "G3 2D"));
  await whole("200 dpi, 1-bit, image-only PDF (JBIG2)", () => jbig2Pdf(at200.map(faxed)));
  return cases;
}
