import { Buffer } from "node:buffer";

/**
 * iconv-lite as far as libmime (mailparser's charset layer) calls it, on the runtime's
 * TextDecoder. Node 22 on Lambda has full ICU, so TextDecoder decodes every charset of the WHATWG
 * Encoding Standard, which are the charsets mail is written in; iconv-lite carries ~490 kB of
 * tables for them. Every bundle resolves "iconv-lite" to this module (infra/constructs/bundling.ts);
 * test/unit/intake/charsets.test.ts holds it to iconv-lite's output.
 *
 * Known to iconv-lite but not here (decoded as UTF-8, as libmime does with any unknown charset):
 * DOS code pages other than 866 and 874, Mac Central European, UTF-32, and UTF-7, base64 and hex,
 * which libmime refuses anyway.
 */

export interface Decoder {
  write(chunk: Uint8Array): string;
  end(): string | undefined;
}

export interface Codec {
  /** The WHATWG name, or the iconv-lite name of a codec this module does not decode. */
  readonly encoding: string;
  /** Makes a decoder; also compared by identity (libmime tells iconv-lite's codec kinds apart so). */
  readonly decoder: () => Decoder;
}

/** How iconv-lite compares names: case, punctuation and a trailing ":1987" ignored. */
function iconvKey(name: string): string {
  return name.toLowerCase().replace(/:\d{4}$|[^0-9a-z]/g, "");
}

function notDecoded(encoding: string): never {
  throw new Error(`Encoding not decoded in this build: '${encoding}'`);
}

/**
 * Codecs libmime asks for when it loads, to recognise by identity: the ones it refuses (UTF-7
 * smuggles markup, base64 and hex are transfer encodings) and UTF-32, whose byte order it guesses.
 * They exist for getCodec only: encodingExists says no and decoding throws, so libmime treats
 * them like a charset it does not know.
 */
const undecoded = (encoding: string): Codec => ({ encoding, decoder: () => notDecoded(encoding) });
const UTF7 = undecoded("utf7");
const UNDECODED = new Map<string, Codec>([
  ["utf7", UTF7],
  ["unicode11utf7", UTF7],
  ["utf7imap", undecoded("utf7imap")],
  ["base64", undecoded("base64")],
  ["hex", undecoded("hex")],
  ["utf32", undecoded("utf32")],
]);
const UNDECODED_CODECS = new Set(UNDECODED.values());

/** iconv-lite's names, as iconvKey writes them, for encodings TextDecoder knows under other labels. */
const ICONV_NAMES: Readonly<Record<string, string>> = {
  utf8: "utf-8",
  ucs2: "utf-16le",
  utf16le: "utf-16le",
  utf16be: "utf-16be",
  windows1250: "windows-1250",
  windows1251: "windows-1251",
  windows1252: "windows-1252",
  windows1253: "windows-1253",
  windows1254: "windows-1254",
  windows1255: "windows-1255",
  windows1256: "windows-1256",
  windows1257: "windows-1257",
  windows1258: "windows-1258",
  windows874: "windows-874",
  cp874: "windows-874",
  koi8r: "koi8-r",
  koi8u: "koi8-u",
  macroman: "macintosh",
  maccyrillic: "x-mac-cyrillic",
  macukraine: "x-mac-cyrillic",
  cp936: "gbk",
  cp950: "big5",
  big5hkscs: "big5",
  cp949: "euc-kr",
  euckr: "euc-kr",
  eucjp: "euc-jp",
  shiftjis: "shift_jis",
  cp932: "shift_jis",
};

/** The WHATWG encoding of a name, or undefined when TextDecoder knows it under neither spelling. */
function whatwgEncoding(name: string): string | undefined {
  for (const label of [name, ICONV_NAMES[iconvKey(name)]]) {
    if (!label) continue;
    try {
      return new TextDecoder(label).encoding;
    } catch {
      // not a label TextDecoder knows (a RangeError): try iconv-lite's spelling
    }
  }
  return undefined;
}

class TextDecoding implements Decoder {
  private readonly decoder: TextDecoder;
  constructor(encoding: string) {
    this.decoder = new TextDecoder(encoding);
  }
  write(chunk: Uint8Array): string {
    return this.decoder.decode(chunk, { stream: true });
  }
  end(): string | undefined {
    return this.decoder.decode() || undefined;
  }
}

/**
 * UTF-16 without a byte order in the name, read as iconv-lite reads it: from a byte order mark,
 * else from which half of the first 100 characters' bytes is zero more often (ASCII text), else
 * little endian. It waits for 16 bytes before it decides, as iconv-lite does.
 */
class Utf16Decoding implements Decoder {
  private decoder: TextDecoding | undefined;
  private head: Uint8Array[] = [];
  private headLength = 0;

  write(chunk: Uint8Array): string {
    if (this.decoder) return this.decoder.write(chunk);
    this.head.push(chunk.slice());
    this.headLength += chunk.length;
    return this.headLength < 16 ? "" : this.decide().write(Buffer.concat(this.head.splice(0)));
  }

  end(): string | undefined {
    const decoder = this.decoder ?? this.decide();
    const head = this.head.length ? decoder.write(Buffer.concat(this.head.splice(0))) : "";
    return head + (decoder.end() ?? "") || undefined;
  }

  private decide(): TextDecoding {
    const bytes = Buffer.concat(this.head);
    let le = 0;
    let be = 0;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) le = 1;
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) be = 1;
    else
      for (let i = 0; i + 1 < Math.min(bytes.length, 200); i += 2) {
        if (bytes[i] === 0 && bytes[i + 1] !== 0) be++;
        if (bytes[i] !== 0 && bytes[i + 1] === 0) le++;
      }
    this.decoder = new TextDecoding(be > le ? "utf-16be" : "utf-16le");
    return this.decoder;
  }
}

const UTF16: Codec = { encoding: "utf-16", decoder: () => new Utf16Decoding() };
/** One codec per encoding, as iconv-lite caches them: aliases of one encoding give the same object. */
const codecs = new Map<string, Codec>();

function getCodec(name: string): Codec {
  const key = iconvKey(String(name));
  const undecoded = UNDECODED.get(key);
  if (undecoded) return undecoded;
  if (key === "utf16") return UTF16;
  const encoding = whatwgEncoding(String(name));
  if (!encoding) throw new Error(`Encoding not recognized: '${name}' (searched as: '${key}')`);
  let codec = codecs.get(encoding);
  if (!codec) {
    codec = { encoding, decoder: () => new TextDecoding(encoding) };
    codecs.set(encoding, codec);
  }
  return codec;
}

function getDecoder(name: string): Decoder {
  return getCodec(name).decoder();
}

function encodingExists(name: string): boolean {
  try {
    return !UNDECODED_CODECS.has(getCodec(name));
  } catch {
    return false;
  }
}

/** A string is read as bytes (latin1), as iconv-lite does. */
function decode(input: Uint8Array | string, name: string): string {
  const decoder = getDecoder(name);
  const bytes = typeof input === "string" ? Buffer.from(input, "binary") : input;
  return decoder.write(bytes) + (decoder.end() ?? "");
}

export default { getCodec, getDecoder, encodingExists, decode };
