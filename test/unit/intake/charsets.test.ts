import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { simpleParser as sourceParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESBUILD_OPTIONS } from "../../../infra/constructs/bundling.ts";
import { PROJECT_ROOT } from "../../../infra/constructs/statsbidrag-function.ts";
import japaneseShim from "../../../shared/adapters/charsets/encoding-japanese.ts";
import iconvShim from "../../../shared/adapters/charsets/iconv-lite.ts";
import heShim from "../../../shared/adapters/mailparser/he.ts";
import { parseMail } from "../../../shared/intake/mime.ts";

/**
 * The bundles replace iconv-lite and encoding-japanese with TextDecoder (the alias in
 * infra/constructs/bundling.ts); the tests and the local stack run the sources, with the real
 * packages. These tests hold the replacement to the packages' output, directly and through
 * mailparser as a bundle parses mail.
 */

interface IconvLite {
  encode(text: string, encoding: string): Buffer;
  decode(bytes: Uint8Array, encoding: string): string;
  getDecoder(encoding: string): { write(bytes: Uint8Array): string; end(): string | undefined };
}
interface EncodingJapanese {
  stringToCode(text: string): number[];
  convert(
    data: number[] | Uint8Array,
    options: { to: string; from: string; type?: string },
  ): number[] | string;
}
// The copies libmime itself loads (iconv-lite is nested under it, at another version than the root's).
const fromLibmime = createRequire(createRequire(import.meta.url).resolve("libmime"));
const iconv = fromLibmime("iconv-lite") as IconvLite;
const japanese = fromLibmime("encoding-japanese") as EncodingJapanese;
const he = createRequire(createRequire(import.meta.url).resolve("mailparser"))("he") as {
  encode(text: string, options?: { useNamedReferences?: boolean }): string;
  decode(html: string): string;
};

const SWEDISH = "Rekvisition från Örebro kommun, Åsa Ärlig-Öberg: «överenskommelse» 2022, 20 °C § ×";
const SAMPLES: readonly { charset: string; text: string }[] = [
  { charset: "iso-8859-1", text: SWEDISH },
  { charset: "latin1", text: SWEDISH },
  { charset: "windows-1252", text: `${SWEDISH} – “citat” € … ‰ Š Ž œ` },
  { charset: "iso-8859-15", text: `${SWEDISH} € Š š Ž ž Œ œ Ÿ` },
  { charset: "iso-8859-2", text: "Łódź, Gdańsk, Kraków: zażółć gęślą jaźń" },
  { charset: "utf-8", text: `${SWEDISH} Ánde Čuđiid, Łódź 😀` },
  { charset: "utf-16le", text: SWEDISH },
  { charset: "utf-16be", text: SWEDISH },
  { charset: "koi8-r", text: "Заявка на государственный грант" },
  { charset: "shift_jis", text: "請求書の署名済み原本ｶﾀｶﾅ" },
  { charset: "euc-jp", text: "請求書の署名済み原本" },
  { charset: "gbk", text: "申请国家补助" },
  { charset: "big5", text: "申請國家補助" },
  { charset: "euc-kr", text: "국가 보조금 신청" },
];

const JIS_TEXT = "請求書の署名済み原本、Lund 2022 年。ｶﾀｶﾅ";
const jisBytes = (text: string) =>
  Uint8Array.from(japanese.convert(japanese.stringToCode(text), { to: "JIS", from: "UNICODE" }) as number[]);

/** Decoded one byte at a time, as a stream that splits every multibyte character. */
function decodeByteByByte(decoder: IconvLite["getDecoder"], bytes: Uint8Array, charset: string): string {
  const stream = decoder(charset);
  let text = "";
  for (const byte of bytes) text += stream.write(Uint8Array.of(byte));
  return text + (stream.end() ?? "");
}

describe("iconv-lite's replacement (TextDecoder)", () => {
  it.each(SAMPLES)(
    "decodes $charset the same as iconv-lite, whole and split byte by byte",
    ({ charset, text }) => {
      // Prepare
      const bytes = iconv.encode(text, charset);
      // Act
      const whole = iconvShim.decode(bytes, charset);
      const split = decodeByteByByte(iconvShim.getDecoder, bytes, charset);
      // Assess
      expect(whole).toBe(iconv.decode(bytes, charset));
      expect(split).toBe(decodeByteByByte(iconv.getDecoder, bytes, charset));
      expect(whole).toBe(text);
    },
  );

  it.each([
    [
      "with a little-endian byte order mark",
      Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(SWEDISH, "utf16le")]),
    ],
    [
      "with a big-endian byte order mark",
      Buffer.concat([Buffer.of(0xfe, 0xff), iconv.encode(SWEDISH, "utf-16be")]),
    ],
    ["big-endian without a mark (guessed from the zero bytes)", iconv.encode(SWEDISH, "utf-16be")],
    ["little-endian without a mark", Buffer.from(SWEDISH, "utf16le")],
  ])("reads UTF-16 %s as iconv-lite does", (_case, bytes) => {
    // Act
    const whole = iconvShim.decode(bytes, "UTF-16");
    const split = decodeByteByByte(iconvShim.getDecoder, bytes, "UTF-16");
    // Assess
    expect(whole).toBe(SWEDISH);
    expect(split).toBe(SWEDISH);
    expect(iconv.decode(bytes, "UTF-16")).toBe(SWEDISH);
  });

  it("gives one codec per encoding, whatever the alias, and knows iconv-lite's own spellings", () => {
    // Act
    const latin1 = iconvShim.getCodec("latin1");
    // Assess
    expect(iconvShim.getCodec("WINDOWS-1252")).toBe(latin1);
    expect(iconvShim.getCodec("cp1252")).toBe(latin1);
    expect(iconvShim.getCodec("windows1252")).toBe(latin1);
    expect(iconvShim.encodingExists("maccyrillic")).toBe(true);
    expect(iconvShim.encodingExists("KOI8R")).toBe(true);
  });

  it("does not know a name iconv-lite does not know, nor decode what libmime refuses (UTF-7, base64, hex) or UTF-32", () => {
    // Act
    const refused = ["utf-7", "UNICODE-1-1-UTF-7", "utf7imap", "base64", "hex", "UTF-32"];
    // Assess
    expect(() => iconvShim.getCodec("no-such-charset")).toThrow(/not recognized/);
    expect(iconvShim.encodingExists("no-such-charset")).toBe(false);
    expect(iconvShim.getCodec("unicode-1-1-utf-7")).toBe(iconvShim.getCodec("UTF-7"));
    for (const name of refused) {
      expect(iconvShim.encodingExists(name), name).toBe(false);
      expect(() => iconvShim.decode(Buffer.from("+ADw-"), name), name).toThrow();
    }
  });

  it("reads a string as bytes, as iconv-lite does", () => {
    // Prepare
    const binary = iconv.encode(SWEDISH, "iso-8859-15").toString("binary");
    // Act
    const text = iconvShim.decode(binary, "iso-8859-15");
    // Assess
    expect(text).toBe(SWEDISH);
  });
});

describe("encoding-japanese's replacement (TextDecoder)", () => {
  it.each(["ISO-2022-JP", "iso2022jp", "JIS"])("decodes %s the same as encoding-japanese", (from) => {
    // Prepare
    const bytes = jisBytes(JIS_TEXT);
    const options = { to: "UNICODE", from, type: "string" };
    // Act
    const text = japaneseShim.convert(bytes, options);
    // Assess
    expect(text).toBe(japanese.convert(bytes, options));
    expect(text).toBe(JIS_TEXT);
  });

  it("refuses what libmime does not ask of it, so that libmime falls back to iconv-lite", () => {
    // Act
    const convert = () =>
      japaneseShim.convert(Buffer.from("x"), { to: "UNICODE", from: "SJIS", type: "string" });
    // Assess
    expect(convert).toThrow(/not supported/);
  });
});

describe("he's replacement (encode only)", () => {
  // Any UTF-16 text: whole code points of every plane, and lone surrogates.
  const text = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) }),
  );

  it("escapes any text exactly as he does with its default options", () => {
    fc.assert(fc.property(text, (t) => heShim.encode(t) === he.encode(t)));
  });

  it("answers a request for named references with numeric ones, which read back as the same text", () => {
    // Prepare
    const sample = 'Åsa & "Öberg" <registrator@lund.example> ½ 😀';
    // Act
    const encoded = heShim.encode(sample, { useNamedReferences: true });
    // Assess
    expect(encoded).toBe(he.encode(sample));
    expect(he.decode(encoded)).toBe(sample);
  });
});

/**
 * A message in one charset: encoded-word headers (Q and B), a body in 8bit and in
 * quoted-printable, an RFC 2231 file name, and an attachment without a Content-Type.
 */
function mailIn(charset: string, text: string, encode: (text: string) => Uint8Array) {
  const bytes = Buffer.from(encode(text));
  const q = [...bytes].map((b) => `=${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  const percent = [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  const head = [
    `From: =?${charset}?Q?${q.slice(0, 600)}?= <registrator@lund.example>`,
    "To: inkommande@statsbidrag.example",
    `Subject: =?${charset}?B?${bytes.toString("base64")}?=`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    `Content-Type: text/plain; charset=${charset}`,
    "Content-Transfer-Encoding: 8bit",
    "",
  ].join("\r\n");
  const tail = [
    "",
    "--b",
    `Content-Type: text/plain; charset="${charset}"`,
    "Content-Transfer-Encoding: quoted-printable",
    "",
    q.replace(/(.{72})/g, "$1=\r\n"),
    "--b",
    "Content-Type: application/pdf",
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename*=${charset}''${percent}.pdf`,
    "",
    Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64"),
    "--b",
    // No Content-Type: mailsplit asks libmime for the type of the file name's extension.
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="skanning.pdf"',
    "",
    Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64"),
    "--b--",
    "",
  ].join("\r\n");
  return Buffer.concat([Buffer.from(head, "latin1"), bytes, Buffer.from(tail, "latin1")]);
}

type Parser = typeof sourceParser;
/** What a reader of the mail sees: names, subject, texts and file names. */
async function read(parse: Parser, raw: Buffer) {
  const parsed = await parse(raw, { skipHtmlToText: true, skipTextLinks: true });
  return {
    from: parsed.from?.value,
    fromHtml: parsed.from?.html,
    subject: parsed.subject,
    text: parsed.text,
    attachments: parsed.attachments.map((a) => [a.filename, a.contentType, a.content.length]),
  };
}

describe("mailparser in a bundle (with the replacements) reads mail as from the sources (with the packages)", () => {
  let work: string;
  let bundledParser: Parser;
  let bundledParseMail: typeof parseMail;
  let bundledInputs: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "statsbidrag-charsets-"));
    const outfile = join(work, "mailparser.mjs");
    const result = await build({
      ...ESBUILD_OPTIONS,
      absWorkingDir: PROJECT_ROOT,
      stdin: {
        contents:
          'export { simpleParser } from "mailparser"; export { parseMail } from "./shared/intake/mime.ts";',
        resolveDir: PROJECT_ROOT,
        loader: "js",
      },
      outfile,
      metafile: true,
      logLevel: "silent",
    });
    bundledInputs = Object.keys(result.metafile.inputs);
    ({ simpleParser: bundledParser, parseMail: bundledParseMail } = (await import(
      pathToFileURL(outfile).href
    )) as {
      simpleParser: Parser;
      parseMail: typeof parseMail;
    });
  }, 60_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("bundles the replacements, not iconv-lite, encoding-japanese, html-to-text or he, and one build of libmime", () => {
    // Act
    const packages = bundledInputs.filter((i) =>
      /node_modules\/(iconv-lite|encoding-japanese|html-to-text|htmlparser2|entities|he)\//.test(i),
    );
    const replacements = bundledInputs.filter((i) => i.includes("shared/adapters/charsets/"));
    const libmime = bundledInputs.filter((i) => /node_modules\/libmime\/dist\/[a-z]+\/libmime\.js$/.test(i));
    // Assess
    expect(packages).toEqual([]);
    expect(replacements).toHaveLength(2);
    expect(libmime).toEqual(["node_modules/libmime/dist/cjs/libmime.js"]);
  });

  it.each([
    ["iso-8859-1", SWEDISH],
    ["windows-1252", `${SWEDISH} – “citat” €`],
    ["iso-8859-15", `${SWEDISH} € Š Ž Œ Ÿ`],
    ["utf-8", `${SWEDISH} Ánde Čuđiid, Łódź`],
    ["koi8-r", "Заявка на государственный грант"],
  ])("reads %s headers, bodies and file names the same", async (charset, text) => {
    // Prepare
    const raw = mailIn(charset, text, (t) => iconv.encode(t, charset));
    // Act
    const bundled = await read(bundledParser, raw);
    // Assess
    expect(bundled).toEqual(await read(sourceParser, raw));
    expect(bundled.subject).toBe(text);
    expect(bundled.attachments[1]).toEqual(["skanning.pdf", "application/pdf", 15]);
  });

  it("reads ISO-2022-JP headers, bodies and file names the same", async () => {
    // Prepare
    const raw = mailIn("ISO-2022-JP", JIS_TEXT, jisBytes);
    // Act
    const bundled = await read(bundledParser, raw);
    // Assess
    expect(bundled).toEqual(await read(sourceParser, raw));
    expect(bundled.subject).toBe(JIS_TEXT);
  });

  it("reads a charset it does not know, and UTF-7, as UTF-8, as the packages do", async () => {
    // Prepare
    const unknown = mailIn("x-no-such-charset", SWEDISH, (t) => Buffer.from(t, "utf8"));
    const utf7 = mailIn("utf-7", "+ADw-script+AD4-", (t) => Buffer.from(t, "ascii"));
    // Act
    const bundled = [await read(bundledParser, unknown), await read(bundledParser, utf7)];
    // Assess
    expect(bundled).toEqual([await read(sourceParser, unknown), await read(sourceParser, utf7)]);
  });

  it("reads a mail with an HTML body in the intake's parseMail the same, html-to-text's stub never called", async () => {
    // Prepare: what Outlook sends, the text both as plain text and as HTML, and the scan
    const raw = Buffer.from(
      [
        "From: =?utf-8?Q?Registrator_G=C3=B6teborg?= <registrator@goteborg.example>",
        "Subject: =?iso-8859-1?Q?Undertecknad_rekvisition_=E5_=F6?=",
        "Message-ID: <html-1@goteborg.example>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="m"',
        "",
        "--m",
        'Content-Type: multipart/alternative; boundary="a"',
        "",
        "--a",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hej, här kommer originalet.",
        "--a",
        "Content-Type: text/html; charset=utf-8",
        "",
        "<html><body><p>Hej, <b>här</b> kommer originalet.</p><table><tr><td>x</td></tr></table></body></html>",
        "--a--",
        "--m",
        "Content-Type: application/pdf",
        "Content-Transfer-Encoding: base64",
        'Content-Disposition: attachment; filename="rekvisition.pdf"',
        "",
        Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64"),
        "--m--",
        "",
      ].join("\r\n"),
      "utf8",
    );
    // Act
    const bundled = await bundledParseMail(raw);
    const htmlOnly = Buffer.from(
      "Subject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hej</p>\r\n",
    );
    const converting = await bundledParser(htmlOnly);
    // Assess
    expect(bundled).toEqual(await parseMail(raw));
    expect(bundled.subject).toBe("Undertecknad rekvisition å ö");
    expect(bundled.attachments.map((a) => a.filename)).toEqual(["rekvisition.pdf"]);
    // Without skipHtmlToText an HTML-only body reaches the stub, and mailparser keeps the message.
    expect(String(converting.textConversionError?.cause)).toMatch(/not bundled/);
    expect(converting.html).toContain("<p>Hej</p>");
  });
});
