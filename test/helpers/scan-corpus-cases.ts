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
  toTiff,
} from "./scan-corpus.ts";

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
  "200 dpi, 1-bit (fax-like)",
  "150 dpi, phone photo (blur, shade, 3°)",
  "150 dpi, rotated ±5°, image-only PDF (JPEG)",
  "200 dpi, 1-bit, image-only PDF (Flate)",
] as const;
export type Degradation = (typeof DEGRADATIONS)[number];
export const TARGET: readonly Degradation[] = ["150 dpi", "150 dpi, rotated ±5°"];

const TILTS = [5, -5, 3.5, -2];
const tilt = (i: number) => TILTS[i % TILTS.length] ?? 5;

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
  each("200 dpi, 1-bit (fax-like)", at200, (g, i) => [toTiff(bilevel(rotate(g, tilt(i) / 2))), "image/tiff"]);
  each("150 dpi, phone photo (blur, shade, 3°)", at150, (g, i) =>
    jpg(shade(blur(rotate(g, i % 2 ? -3 : 3), 1)), 70),
  );
  const all = at150.map((_, i) => i + 1);
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
  return cases;
}
