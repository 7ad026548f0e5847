import type { ScanReading } from "../../shared/scans/reading.ts";
import type { ScanReader } from "../../shared/submissions/ports.ts";

/**
 * What a scan holds, as a test says it: the reading registered for exactly these bytes, else a
 * scan with one page and no code (what a real reader makes of an image it cannot read).
 */
export class MemoryScanReader implements ScanReader {
  private readonly readings = new Map<string, ScanReading>();
  /** The bytes read, in order: a test can see whether a file was read at all. */
  readonly read_: Uint8Array[] = [];

  holds(bytes: Uint8Array, reading: ScanReading): void {
    this.readings.set(Buffer.from(bytes).toString("base64"), reading);
  }

  async read(bytes: Uint8Array): Promise<ScanReading> {
    this.read_.push(bytes);
    return (
      this.readings.get(Buffer.from(bytes).toString("base64")) ?? { pages: [{ codes: [] }], unsupported: 0 }
    );
  }
}
