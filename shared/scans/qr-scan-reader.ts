import type { ScanReader } from "../submissions/ports.ts";

/**
 * The scan reader the upload check uses: ./read-scan.ts, loaded on the first original it reads,
 * so the decoders (zxing, jpeg-js, pngjs, UTIF) cost nothing to the functions that never read one.
 */
export const qrScanReader: ScanReader = {
  async read(bytes, contentType) {
    const { readScan } = await import("./read-scan.ts");
    return readScan(bytes, contentType);
  },
};
