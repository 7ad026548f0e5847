import type { Grey } from "../../shared/scans/grey.ts";

/**
 * JBIG2 pages (ITU-T T.88) for the scan corpus, as a PDF's JBIG2Decode stream holds them (PDF
 * 32000 7.4.7: no file header): page information, one immediate lossless generic region, end of
 * page. The region is coded either arithmetically (MQ coder, template 0, what scanners' JBIG2
 * writers emit for pictures and what jbig2enc's generic mode writes) or in MMR (the Group 4 code
 * inside JBIG2). No JBIG2 encoder is packaged for Debian or npm, hence this one: small, for tests
 * only, and checked by decoding back to the very same pixels.
 */

/** A segment header (7.2): number, type, no referred-to segments, page `page`, data length. */
function segment(number: number, type: number, data: Uint8Array, page = 1): Uint8Array {
  const out = Buffer.alloc(11 + data.length);
  out.writeUInt32BE(number, 0);
  out.writeUInt8(type, 4);
  out.writeUInt8(0, 5);
  out.writeUInt8(page, 6);
  out.writeUInt32BE(data.length, 7);
  out.set(data, 11);
  return out;
}

/** The page's segments around one generic region whose flags and data are `region`. */
function page(width: number, height: number, region: Uint8Array): Uint8Array {
  const info = Buffer.alloc(19);
  info.writeUInt32BE(width, 0);
  info.writeUInt32BE(height, 4);
  // Resolution unknown (0), flags 0 (white page, OR), no striping.
  const header = Buffer.alloc(17);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  // At x 0, y 0; external combination operator OR (0).
  return Buffer.concat([
    segment(0, 48, info),
    segment(1, 38, Buffer.concat([header, region])),
    segment(2, 49, new Uint8Array()),
    segment(3, 51, new Uint8Array(), 0),
  ]);
}

/** The page with its region in MMR coding: `g4` is the image's Group 4 code, 0 white (6.2.6). */
export function jbig2MmrPage(image: Pick<Grey, "width" | "height">, g4: Uint8Array): Uint8Array {
  return page(image.width, image.height, Buffer.concat([Uint8Array.of(1), g4]));
}

/** Template 0's fixed pixels and its four adaptive ones at their nominal places (6.2.5.3). */
const TEMPLATE_0: [number, number][] = [
  [-2, -2],
  [-1, -2],
  [0, -2],
  [1, -2],
  [2, -2],
  [-3, -1],
  [-2, -1],
  [-1, -1],
  [0, -1],
  [1, -1],
  [2, -1],
  [3, -1],
  [-4, 0],
  [-3, 0],
  [-2, 0],
  [-1, 0],
];
/** A1 … A4 as the region header states them (signed bytes x, y). */
const NOMINAL_AT = [3, -1, -3, -1, 2, -2, -2, -2];

/** The page with its region coded arithmetically, template 0, no typical prediction; black below 128. */
export function jbig2ArithmeticPage(image: Grey): Uint8Array {
  const { width, height } = image;
  // 1 for black, with a white margin (2 rows above, 4 columns each side) for the neighbours outside.
  const stride = width + 8;
  const bits = new Uint8Array(stride * (height + 2));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      bits[(y + 2) * stride + x + 4] = (image.data[y * width + x] ?? 255) < 128 ? 1 : 0;
  const offsets = TEMPLATE_0.map(([dx, dy]) => dy * stride + dx);
  const coder = new MqEncoder(1 << 16);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y + 2) * stride + x + 4;
      // Any numbering of the 16 neighbours gives the decoder's sequence of states: each context's
      // state is its own, and all start alike.
      let context = 0;
      for (const offset of offsets) context = (context << 1) | (bits[at + offset] ?? 0);
      coder.encode(context, bits[at] ?? 0);
    }
  }
  const flags = Uint8Array.of(0, ...NOMINAL_AT.map((v) => v & 0xff));
  return page(width, height, Buffer.concat([flags, coder.flush()]));
}

/** Qe, next index after an MPS, after an LPS, and whether an LPS switches the MPS (table E.1). */
const QE: [number, number, number, number][] = [
  [0x5601, 1, 1, 1],
  [0x3401, 2, 6, 0],
  [0x1801, 3, 9, 0],
  [0x0ac1, 4, 12, 0],
  [0x0521, 5, 29, 0],
  [0x0221, 38, 33, 0],
  [0x5601, 7, 6, 1],
  [0x5401, 8, 14, 0],
  [0x4801, 9, 14, 0],
  [0x3801, 10, 14, 0],
  [0x3001, 11, 17, 0],
  [0x2401, 12, 18, 0],
  [0x1c01, 13, 20, 0],
  [0x1601, 29, 21, 0],
  [0x5601, 15, 14, 1],
  [0x5401, 16, 14, 0],
  [0x5101, 17, 15, 0],
  [0x4801, 18, 16, 0],
  [0x3801, 19, 17, 0],
  [0x3401, 20, 18, 0],
  [0x3001, 21, 19, 0],
  [0x2801, 22, 19, 0],
  [0x2401, 23, 20, 0],
  [0x2201, 24, 21, 0],
  [0x1c01, 25, 22, 0],
  [0x1801, 26, 23, 0],
  [0x1601, 27, 24, 0],
  [0x1401, 28, 25, 0],
  [0x1201, 29, 26, 0],
  [0x1101, 30, 27, 0],
  [0x0ac1, 31, 28, 0],
  [0x09c1, 32, 29, 0],
  [0x08a1, 33, 30, 0],
  [0x0521, 34, 31, 0],
  [0x0441, 35, 32, 0],
  [0x02a1, 36, 33, 0],
  [0x0221, 37, 34, 0],
  [0x0141, 38, 35, 0],
  [0x0111, 39, 36, 0],
  [0x0085, 40, 37, 0],
  [0x0049, 41, 38, 0],
  [0x0025, 42, 39, 0],
  [0x0015, 43, 40, 0],
  [0x0009, 44, 41, 0],
  [0x0005, 45, 42, 0],
  [0x0001, 45, 43, 0],
  [0x5601, 46, 46, 0],
];

/** The MQ arithmetic encoder of T.88 annex E.2, as its flow charts draw it. */
class MqEncoder {
  private a = 0x8000;
  private c = 0;
  private ct = 12;
  /** Output; [0] stands for the byte before the start, which is never written out. */
  private bytes = [0];
  private readonly index: Uint8Array;
  private readonly mps: Uint8Array;

  constructor(contexts: number) {
    this.index = new Uint8Array(contexts);
    this.mps = new Uint8Array(contexts);
  }

  encode(cx: number, d: number): void {
    const [qe, nmps, nlps, flip] = QE[this.index[cx] ?? 0] ?? [0x5601, 1, 1, 1];
    this.a -= qe;
    if (d === this.mps[cx]) {
      if ((this.a & 0x8000) !== 0) {
        this.c += qe;
        return;
      }
      if (this.a < qe) this.a = qe;
      else this.c += qe;
      this.index[cx] = nmps;
    } else {
      if (this.a < qe) this.c += qe;
      else this.a = qe;
      if (flip) this.mps[cx] = 1 - (this.mps[cx] ?? 0);
      this.index[cx] = nlps;
    }
    this.renormalise();
  }

  flush(): Uint8Array {
    // SETBITS
    const top = this.c + this.a;
    this.c |= 0xffff;
    if (this.c >= top) this.c -= 0x8000;
    this.c *= 2 ** this.ct;
    this.byteOut();
    this.c *= 2 ** this.ct;
    this.byteOut();
    if (this.last() !== 0xff) this.bytes.push(0xff);
    this.bytes.push(0xac);
    return Uint8Array.from(this.bytes.slice(1));
  }

  private last(): number {
    return this.bytes[this.bytes.length - 1] ?? 0;
  }

  private renormalise(): void {
    do {
      this.a = (this.a << 1) & 0xffff;
      this.c *= 2;
      this.ct--;
      if (this.ct === 0) this.byteOut();
    } while ((this.a & 0x8000) === 0);
  }

  private byteOut(): void {
    if (this.last() === 0xff) {
      this.emit(20, 7);
      return;
    }
    if (this.c < 0x8000000) {
      this.emit(19, 8);
      return;
    }
    // A carry into the byte already written.
    this.bytes[this.bytes.length - 1] = this.last() + 1;
    if (this.last() === 0xff) {
      this.c %= 0x8000000;
      this.emit(20, 7);
    } else this.emit(19, 8);
  }

  private emit(shift: number, ct: number): void {
    this.bytes.push(Math.floor(this.c / 2 ** shift) & 0xff);
    this.c %= 2 ** shift;
    this.ct = ct;
  }
}
