import { logger } from "../logger.ts";
import type { ScanReader } from "../submissions/ports.ts";

/**
 * The scan reader the upload check uses: ./read-scan.ts, loaded on the first original it reads,
 * so the decoders (zxing, jpeg-js, pngjs, UTIF, pdf.js's fax and JBIG2) cost nothing to the functions
 * that never read one.
 * A file the decoders choke on reads as a scan without pages (unmatched, for the officer): a
 * throw here would only have the check retried on the same bytes until the sweep gives up.
 */
export const qrScanReader: ScanReader = {
  async read(bytes, contentType) {
    const { readScan } = await import("./read-scan.ts");
    try {
      return await readScan(bytes, contentType);
    } catch (error) {
      logger.warn("scan could not be read for its QR codes", { contentType, error: String(error) });
      return { pages: [], unsupported: 0 };
    }
  },
};
