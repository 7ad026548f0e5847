import { inflateSync } from "node:zlib";

/**
 * The text a PDF written by pdf-lib shows, page by page: inflates each page's content stream and
 * decodes the hex strings of its Tj operators (WinAnsi, which matches Latin-1 for å ä ö é).
 * Enough for our own PDFs; not a general PDF text extractor.
 */
const WIN_ANSI_EXTRA: Record<number, string> = { 150: "–", 151: "—", 149: "•", 128: "€", 146: "’" };

function decodeHex(hex: string): string {
  const bytes = Buffer.from(hex.replace(/\s+/g, ""), "hex");
  return [...bytes].map((b) => WIN_ANSI_EXTRA[b] ?? String.fromCharCode(b)).join("");
}

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

/** Text of every content stream that draws text, in order (one per page for our PDFs). */
export function pdfPageTexts(pdf: Uint8Array): string[] {
  return pdfStreams(pdf)
    .filter((s) => /\bTj\b/.test(s))
    .map((s) => [...s.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj/g)].map((m) => decodeHex(m[1] ?? "")).join("\n"));
}
