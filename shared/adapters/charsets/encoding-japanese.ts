/**
 * encoding-japanese as far as libmime calls it: `convert(bytes, { to: "UNICODE", from, type:
 * "string" })` for the Japanese charsets iconv-lite lacks (ISO-2022-JP, which encoding-japanese
 * calls JIS, and EUC-JP spelled without a hyphen), on the runtime's TextDecoder, which knows both.
 * Every bundle resolves "encoding-japanese" to this module (infra/constructs/bundling.ts). Anything
 * else throws, and libmime then decodes with iconv-lite (./iconv-lite.ts in a bundle).
 */

interface ConvertOptions {
  to: string;
  from: string;
  type?: string;
}

/** encoding-japanese's reading of a name: upper case, letters and digits only. */
function whatwgEncoding(from: string): string | undefined {
  const name = from.toUpperCase().replace(/[^A-Z0-9]+/g, "");
  if (name.startsWith("JIS") || name.startsWith("ISO2022JP")) return "iso-2022-jp";
  if (name.startsWith("EUCJP")) return "euc-jp";
  return undefined;
}

function convert(data: Uint8Array, options: ConvertOptions): string {
  const encoding = whatwgEncoding(String(options.from));
  if (options.to !== "UNICODE" || options.type !== "string" || !encoding)
    throw new Error(`Conversion not supported in this build: ${options.from} to ${options.to}`);
  return new TextDecoder(encoding).decode(data);
}

export default { convert };
