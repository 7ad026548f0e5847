import type { CcittOptions } from "pdfjs-dist/image_decoders/pdf.image_decoders.mjs";

/**
 * The CCITT fax (CCITTFaxDecode) and JBIG2 (JBIG2Decode) images that scanners put in PDFs,
 * decoded by PDFium's decoders as pdf.js ships them (pdfjs-dist's image decoders, WebAssembly):
 * maintained, fuzzed, and the same code that renders these images in Firefox. Loaded on the first
 * such image only, so a scan of JPEG pages never pays for them.
 */
export type BilevelFilter =
  | { name: "CCITTFaxDecode"; options: CcittOptions }
  | { name: "JBIG2Decode"; globals: Uint8Array | undefined };

type Decoders = typeof import("pdfjs-dist/image_decoders/pdf.image_decoders.mjs");
let decoders: Promise<Decoders> | undefined;

async function load(): Promise<Decoders> {
  const [module, { JBIG2_WASM_BASE64 }] = await Promise.all([
    import("pdfjs-dist/image_decoders/pdf.image_decoders.mjs"),
    import("./jbig2-wasm.ts"),
  ]);
  const wasm = Buffer.from(JBIG2_WASM_BASE64, "base64");
  // pdf.js fetches its wasm by URL; a Lambda bundle has no file to fetch, so it is handed the bytes.
  module.Jbig2Image.setOptions({
    getHandler: () => ({ sendWithPromise: async () => new Uint8Array(wasm) }),
    useWasm: true,
    useWorkerFetch: false,
    wasmUrl: "",
  });
  // A damaged stream is an expected input here: its warnings would only fill the logs.
  module.setVerbosityLevel(module.VerbosityLevel.ERRORS);
  return module;
}

/**
 * The image as rows of ceil(width / 8) bytes, 1 bit a pixel, 0 black (as a PDF filter outputs
 * them, before /Decode), or undefined when the stream is damaged or decodes to another size.
 */
export async function decodeBilevel(
  filter: BilevelFilter,
  bytes: Uint8Array,
  width: number,
  height: number,
): Promise<Uint8Array | undefined> {
  decoders ??= load();
  const { Jbig2Image } = await decoders;
  try {
    const rows =
      filter.name === "CCITTFaxDecode"
        ? await Jbig2Image.instance.decode(bytes, width, height, null, filter.options)
        : await Jbig2Image.instance.decode(stripFileHeader(bytes), width, height, filter.globals ?? null);
    return rows.length >= Math.ceil(width / 8) * height
      ? new Uint8Array(rows.buffer, rows.byteOffset, rows.length)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A JBIG2 file's header, which some writers leave in the PDF stream although the format omits it. */
function stripFileHeader(bytes: Uint8Array): Uint8Array {
  const magic = [0x97, 0x4a, 0x42, 0x32, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 9 || !magic.every((b, i) => bytes[i] === b)) return bytes;
  return bytes.subarray(((bytes[8] ?? 0) & 2) === 0 ? 13 : 9);
}
