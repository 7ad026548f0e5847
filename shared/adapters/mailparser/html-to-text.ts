/**
 * html-to-text as the intake's mailparser uses it: never. shared/intake/mime.ts parses with
 * `skipHtmlToText` (the intake reads attachments and a few header fields, not the HTML body), but
 * mailparser imports html-to-text anyway, and with htmlparser2 and two copies of entities it is
 * ~180 kB of every mail function. Every bundle resolves "html-to-text" to this module
 * (infra/constructs/bundling.ts). Were it called, mailparser would keep the message and report the
 * failure as `textConversionError` with an empty text (test/unit/intake/charsets.test.ts).
 */
export function htmlToText(): string {
  throw new Error("html-to-text is not bundled: parse mail with skipHtmlToText (shared/intake/mime.ts)");
}
