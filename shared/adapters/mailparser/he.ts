/**
 * he as mailparser calls it: `encode(text)` escapes a header value or an address for the HTML
 * versions of a message (`from.html`, `textAsHtml`), which the intake never reads. he carries the
 * table of every named HTML entity (~87 kB) for its other options; every bundle resolves "he" to
 * this module (infra/constructs/bundling.ts). With the default options the output is he's, byte
 * for byte (test/unit/intake/charsets.test.ts compares them on arbitrary text); a named-reference
 * request is answered with the same numeric escapes, equally safe HTML, as no table is bundled.
 */

const hex = (codePoint: number) => `&#x${codePoint.toString(16).toUpperCase()};`;
const UNSAFE = /["&'<>`]/g;
const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
/** What he escapes last (its "BMP whitelist"): all but printable ASCII, NUL, LF, CR and most C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it escapes
const NOT_PRINTABLE = /[\x01-\t\x0B\f\x0E-\x1F\x7F\x81\x8D\x8F\x90\x9D\xA0-\uFFFF]/g;

function encode(text: string, _options?: { useNamedReferences?: boolean }): string {
  return text
    .replace(UNSAFE, (symbol) => hex(symbol.charCodeAt(0)))
    .replace(ASTRAL, (pair) => hex(pair.codePointAt(0) ?? 0))
    .replace(NOT_PRINTABLE, (symbol) => hex(symbol.charCodeAt(0)));
}

export default { encode };
