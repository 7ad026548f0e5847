import { execFileSync } from "node:child_process";
import { inflateSync } from "node:zlib";

/**
 * The raw (inflated) streams of a PDF written by pdf-lib: content streams, fonts, object streams.
 * Enough for our own PDFs; not a general PDF parser.
 */
export function pdfStreams(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString("latin1");
  const streams: string[] = [];
  const re = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    const dict = match[1] ?? "";
    const start = match.index + match[0].length;
    const end = text.indexOf("endstream", start);
    const raw = Buffer.from(pdf.subarray(start, end));
    if (/\/FlateDecode/.test(dict)) {
      try {
        streams.push(inflateSync(raw).toString("latin1"));
      } catch {
        // Not a content stream we can read (e.g. an object stream's tail); skip.
      }
    } else {
      streams.push(raw.toString("latin1"));
    }
  }
  return streams;
}

/**
 * The text a PDF shows, page by page, as poppler's pdftotext reads it (through each font's
 * ToUnicode map, as a reader's copy and paste and search do), in the order it is drawn: a row's
 * label, then its value.
 */
export function pdfPageTexts(pdf: Uint8Array): string[] {
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", "-", "-"], { input: pdf }).toString(
    "utf8",
  );
  // A form feed ends each page.
  return text.split("\f").slice(0, -1);
}
