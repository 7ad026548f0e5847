/**
 * Finds the signature dictionaries in a PDF by a small scan of its bytes: every /ByteRange
 * array is one signature. The array locates its own /Contents (the gap between the two
 * ranges), so no PDF object parser is needed, and incremental updates with several
 * signatures are found in file order. Signature dictionaries cannot sit in compressed object
 * streams (their byte offsets must be real), so the scan sees all of them. A "/ByteRange"
 * that is only text (say in an uncompressed page stream) shows up as an invalid signature:
 * the scan errs towards reporting too much, never towards "signed".
 */

/** One /ByteRange found in the file, checked for shape; `contents` is the DER of the CMS. */
export type SignatureSlot =
  | { ok: true; byteRange: [number, number, number, number]; contents: Uint8Array; end: number }
  | { ok: false };

const BYTE_RANGE = /\/ByteRange/g;
/** The array after the key, looked for in a short window so a hostile file cannot make the scan quadratic. */
const ARRAY = /^\s*\[([^\]]*)\]/;
const WINDOW = 256;
const PDF_WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const HEX = /^[0-9A-Fa-f]*$/;

/** The first `limit` signature slots in file order, and whether the file holds more. */
export function findSignatureSlots(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const slots: SignatureSlot[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    if (slots.length === limit) return { slots, more: true };
    slots.push(slotAt(text, match.index));
  }
  return { slots, more: false };
}

/** The length of the file without the whitespace a writer may leave after the last %%EOF. */
export function contentEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && PDF_WHITESPACE.has(bytes[end - 1] ?? 0)) end--;
  return end;
}

/** Concatenates the two covered ranges: the bytes the signer's digest is over. */
export function coveredBytes(
  bytes: Uint8Array,
  [a, b, c, d]: readonly [number, number, number, number],
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(b + d);
  out.set(bytes.subarray(a, a + b), 0);
  out.set(bytes.subarray(c, c + d), b);
  return out;
}

function slotAt(text: string, at: number): SignatureSlot {
  const start = at + "/ByteRange".length;
  const inside = ARRAY.exec(text.slice(start, start + WINDOW))?.[1];
  if (inside === undefined) return { ok: false };
  const parts = inside.trim().split(/\s+/);
  // PAdES allows exactly two ranges: [0 b] and [c d] around the /Contents string.
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,15}$/.test(p))) return { ok: false };
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d > text.length) return { ok: false };
  if (!gapIsContentsOfSameDictionary(text, at, b, c)) return { ok: false };
  const hex = text.slice(b + 1, c - 1);
  if (hex.length % 2 !== 0 || !HEX.test(hex)) return { ok: false };
  return { ok: true, byteRange: [a, b, c, d], contents: Buffer.from(hex, "hex"), end: c + d };
}

/**
 * The gap must be exactly "<hex>" right after a /Contents key, and the /ByteRange and that
 * /Contents must sit in the same object (no "endobj" between them), so one signature cannot
 * borrow another's /Contents.
 */
function gapIsContentsOfSameDictionary(text: string, at: number, b: number, c: number): boolean {
  if (text[b] !== "<" || text[c - 1] !== ">") return false;
  if (!/\/Contents\s*$/.test(text.slice(Math.max(0, b - 32), b))) return false;
  const between = at < b ? text.slice(at, b) : text.slice(c, at);
  return !between.includes("endobj");
}
