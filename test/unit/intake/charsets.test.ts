import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESBUILD_OPTIONS } from "../../../infra/constructs/bundling.ts";
import { PROJECT_ROOT } from "../../../infra/constructs/statsbidrag-function.ts";
import { parseMail } from "../../../shared/intake/mime.ts";

/**
 * The mail functions read charsets with the runtime's TextDecoder (postal-mime). These tests hold
 * parseMail as a bundle reads it to the text the sender wrote, in the charsets Swedish, Sami,
 * Russian and Japanese senders' clients use, with the bytes taken from each charset's code table.
 */

/** A single-byte charset: ASCII as is, every other character at its place in the code table. */
const singleByte = (table: Readonly<Record<string, number>>) => (text: string) =>
  Uint8Array.from([...text], (c) => {
    const byte = c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : table[c];
    if (byte === undefined) throw new Error(`${c} is not in the table`);
    return byte;
  });
const LATIN1 = { å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5, Ä: 0xc4, Ö: 0xd6, "«": 0xab, "»": 0xbb, "°": 0xb0 };
const WINDOWS_1252 = { ...LATIN1, "–": 0x96, "“": 0x93, "”": 0x94, "€": 0x80, Š: 0x8a, Ž: 0x8e, œ: 0x9c };
const ISO_8859_15 = { ...LATIN1, "€": 0xa4, Š: 0xa6, š: 0xa8, Ž: 0xb4, ž: 0xb8, Œ: 0xbc, œ: 0xbd, Ÿ: 0xbe };
const KOI8_R = { З: 0xfa, а: 0xc1, я: 0xd1, в: 0xd7, к: 0xcb, н: 0xce, г: 0xc7, р: 0xd2, т: 0xd4 };

const SWEDISH = "Rekvisition från Örebro kommun, Åsa Ärlig-Öberg: «överenskommelse» 2022, 20 °C";
const SAMPLES: readonly { charset: string; text: string; encode: (text: string) => Uint8Array }[] = [
  { charset: "iso-8859-1", text: SWEDISH, encode: singleByte(LATIN1) },
  { charset: "latin1", text: SWEDISH, encode: singleByte(LATIN1) },
  { charset: "windows-1252", text: `${SWEDISH} – “citat” € Š Ž œ`, encode: singleByte(WINDOWS_1252) },
  { charset: "iso-8859-15", text: `${SWEDISH} € Š š Ž ž Œ œ Ÿ`, encode: singleByte(ISO_8859_15) },
  { charset: "utf-8", text: `${SWEDISH} Ánde Čuđiid, Łódź 😀`, encode: (t) => Buffer.from(t, "utf8") },
  { charset: "koi8-r", text: "Заявка на грант", encode: singleByte(KOI8_R) },
  {
    charset: "ISO-2022-JP",
    text: "日本語のテスト",
    // ESC $ B (JIS X 0208), the characters' row and cell, ESC ( B (back to ASCII)
    encode: () => Buffer.from("1b2442467c4b5c386c244e2546253925481b2842", "hex"),
  },
];

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

/**
 * A message in one charset: encoded-word headers (Q and B), a body in 8bit and in
 * quoted-printable, an RFC 2231 file name, an RFC 2047 name, and an attachment without a
 * Content-Type.
 */
function mailIn(charset: string, bytes: Uint8Array) {
  const hex = (prefix: string) =>
    [...bytes].map((b) => `${prefix}${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  const q = hex("=");
  const head = [
    `From: =?${charset}?Q?${q.slice(0, 600)}?= <registrator@lund.example>`,
    "To: inkommande@statsbidrag.example",
    `Subject: =?${charset}?B?${Buffer.from(bytes).toString("base64")}?=`,
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
    `Content-Disposition: attachment; filename*=${charset}''${hex("%")}.pdf`,
    "",
    PDF.toString("base64"),
    "--b",
    `Content-Type: application/pdf; name="=?${charset}?B?${Buffer.from(bytes).toString("base64")}?="`,
    "Content-Transfer-Encoding: base64",
    "",
    PDF.toString("base64"),
    "--b",
    // No Content-Type: the bytes decide what the intake makes of it, as of every attachment.
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="skanning.pdf"',
    "",
    PDF.toString("base64"),
    "--b--",
    "",
  ].join("\r\n");
  return Buffer.concat([Buffer.from(head, "latin1"), bytes, Buffer.from(tail, "latin1")]);
}

describe("parseMail in a bundle reads every charset's headers and file names as written", () => {
  let work: string;
  let bundledParseMail: typeof parseMail;
  let bundledInputs: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "statsbidrag-charsets-"));
    const outfile = join(work, "mime.mjs");
    const result = await build({
      ...ESBUILD_OPTIONS,
      absWorkingDir: PROJECT_ROOT,
      entryPoints: ["./shared/intake/mime.ts"],
      outfile,
      metafile: true,
      logLevel: "silent",
    });
    bundledInputs = Object.keys(result.metafile.inputs);
    ({ parseMail: bundledParseMail } = (await import(pathToFileURL(outfile).href)) as {
      parseMail: typeof parseMail;
    });
  }, 60_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("bundles one MIME parser, postal-mime, and no charset tables", () => {
    // Act
    const packages = new Set(bundledInputs.map((i) => i.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]));
    // Assess
    expect([...packages].filter(Boolean)).toEqual(["postal-mime"]);
  });

  it.each(SAMPLES)(
    "reads $charset subjects, sender names and file names",
    async ({ charset, text, encode }) => {
      // Prepare
      const raw = mailIn(charset, encode(text));
      // Act
      const bundled = await bundledParseMail(raw);
      // Assess
      expect(bundled).toEqual(await parseMail(raw));
      expect(bundled.subject).toBe(text);
      expect(bundled.from).toBe("registrator@lund.example");
      expect(bundled.attachments.map((a) => [a.filename, a.content.length])).toEqual([
        [`${text}.pdf`, PDF.length],
        [text, PDF.length],
        ["skanning.pdf", PDF.length],
      ]);
      expect(Buffer.from(bundled.attachments[2]?.content ?? [])).toEqual(PDF);
    },
  );

  it("reads UTF-7 as the letters it is written in, never as the markup it encodes", async () => {
    // Prepare
    const raw = mailIn("utf-7", Buffer.from("+ADw-script+AD4-", "ascii"));
    // Act
    const bundled = await bundledParseMail(raw);
    // Assess
    expect(bundled).toEqual(await parseMail(raw));
    expect(bundled.subject).toBe("+ADw-script+AD4-");
  });

  it("reads a charset it does not know without failing, the same in the bundle", async () => {
    // Prepare
    const raw = mailIn("x-no-such-charset", Buffer.from("Rekvisition 2022", "utf8"));
    // Act
    const bundled = await bundledParseMail(raw);
    // Assess
    expect(bundled).toEqual(await parseMail(raw));
    expect(bundled.subject).toBe("Rekvisition 2022");
  });

  it("reads a mail with an HTML body: the subject and the scan, the HTML left unread", async () => {
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
        PDF.toString("base64"),
        "--m--",
        "",
      ].join("\r\n"),
      "utf8",
    );
    const htmlOnly = Buffer.from(
      "Subject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hej</p>\r\n",
    );
    // Act
    const bundled = await bundledParseMail(raw);
    const html = await bundledParseMail(htmlOnly);
    // Assess
    expect(bundled).toEqual(await parseMail(raw));
    expect(bundled.messageId).toBe("<html-1@goteborg.example>");
    expect(bundled.subject).toBe("Undertecknad rekvisition å ö");
    expect(bundled.attachments.map((a) => a.filename)).toEqual(["rekvisition.pdf"]);
    expect(html).toMatchObject({ subject: "x", attachments: [] });
  });
});
