/** The part of pdfjs-dist's image decoders (no published types) that reading fax and JBIG2 scans uses. */
declare module "pdfjs-dist/image_decoders/pdf.image_decoders.mjs" {
  export interface CcittOptions {
    K: number;
    EndOfLine: boolean;
    EncodedByteAlign: boolean;
    BlackIs1: boolean;
    Columns: number;
    Rows: number;
  }
  /** PDFium's JBIG2 and CCITT fax decoders, compiled to WebAssembly. */
  export class Jbig2Image {
    static setOptions(options: {
      getHandler: () => { sendWithPromise(action: string, data: unknown): Promise<Uint8Array> };
      useWasm: boolean;
      useWorkerFetch: boolean;
      wasmUrl: string;
    }): void;
    static readonly instance: Jbig2Image;
    /** Rows of ceil(width / 8) bytes, 1 bit a pixel, 0 black, as a PDF filter outputs them. */
    decode(
      bytes: Uint8Array,
      width: number,
      height: number,
      globals: Uint8Array | null,
      ccitt?: CcittOptions,
    ): Promise<Uint8ClampedArray | Uint8Array>;
  }
  export const VerbosityLevel: { ERRORS: number; WARNINGS: number; INFOS: number };
  export function setVerbosityLevel(level: number): void;
}
