/**
 * Scans read back: the scan corpus of the tests (test/helpers/scan-corpus*.ts, our own pre-filled
 * forms rendered by pdftoppm and degraded) read by the upload check's reader, on this one thread.
 * Per degradation: how many pages' codes were read, how many files matched their own submission,
 * whether any code was ever another page's or matched another submission (it must never), and
 * the time per page (image decoding included). Peak RSS says what the reader needs of Lambda's
 * memory; the upload check's bundle size, what the decoders add to the code Lambda loads.
 */
import { loadavg } from "node:os";
import { bundleFunctions } from "../infra/bundle-report.ts";
import type { FormCode } from "../shared/forms/form-code.ts";
import { readScan } from "../shared/scans/read-scan.ts";
import { matchFormCode } from "../shared/submissions/form-code-match.ts";
import { printedForm } from "../test/helpers/scan-corpus.ts";
import { DEGRADATIONS, scanCases, TARGET } from "../test/helpers/scan-corpus-cases.ts";
import { median, percentile, round } from "./lib/stats.ts";

export interface ScanRow {
  degradation: string;
  files: number;
  pages: number;
  /** Pages whose own code was read. */
  pagesRead: number;
  /** Files that matched their own submission (signature page included). */
  filesMatched: number;
  /** Codes naming another submission or page than the one scanned, and files matched to another submission. */
  falseMatches: number;
  msPerPageP50: number;
  msPerPageP95: number;
}

export interface ScanResult {
  rows: ScanRow[];
  /** Every page of the target degradations read. */
  meetsTarget: boolean;
  falseMatches: number;
  peakRssMiB: number;
  /** The upload check's bundle as deployed, and what of it reads scans (lazily imported, but bundled). */
  bundle?: ScanBundle;
  target: readonly string[];
  /** When and how loaded: a scans-only run may be merged into an older full run's results. */
  measuredOn: { date: string; loadAverage: number[] };
}

export interface ScanBundle {
  function: string;
  bytes: number;
  /** Bytes in the bundle per scan-reading part: the decoders' packages and shared/scans itself. */
  reader: { part: string; bytes: number }[];
}

/** The packages only the scan reader brings (shared/scans imports them, lazily). */
const READER_PACKAGES = ["@zxing/library", "pdfjs-dist", "jpeg-js", "pngjs", "utif"];

/** The upload check bundled with the deploy settings (infra/bundle-report.ts), and its scan reader's share. */
export async function measureScanBundle(name = "upload-check"): Promise<ScanBundle> {
  const [report] = await bundleFunctions({ functions: [{ name }] });
  if (!report) throw new Error(`${name} not bundled`);
  const bytes = new Map<string, number>();
  for (const output of Object.values(report.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = input.startsWith("shared/scans/")
        ? input === "shared/scans/jbig2-wasm.ts"
          ? "pdfjs-dist jbig2.wasm (base64)"
          : "shared/scans"
        : READER_PACKAGES.find((p) => input.includes(`node_modules/${p}/`));
      if (part) bytes.set(part, (bytes.get(part) ?? 0) + bytesInOutput);
    }
  }
  return {
    function: name,
    bytes: report.bytes,
    reader: [...bytes].map(([part, n]) => ({ part, bytes: n })).sort((a, b) => b.bytes - a.bytes),
  };
}

const FORMS = [
  { kind: "requisition" as const, id: "0f8fad5b-d9cb-469f-a165-70867728950e", reference: "SB-2022-1281-R1" },
  { kind: "report" as const, id: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", reference: "SB-2022-1281-E1" },
];

export async function measureScans(): Promise<ScanResult> {
  const rows = new Map<string, ScanRow & { times: number[] }>();
  let peakRss = process.memoryUsage().rss;
  for (const f of FORMS) {
    const form = await printedForm(f.kind, f.id, f.reference);
    const other = FORMS.find((o) => o.id !== f.id) ?? f;
    for (const scan of await scanCases(form)) {
      const started = performance.now();
      const reading = await readScan(scan.bytes, scan.contentType);
      const ms = performance.now() - started;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const row = rows.get(scan.degradation) ?? {
        degradation: scan.degradation,
        files: 0,
        pages: 0,
        pagesRead: 0,
        filesMatched: 0,
        falseMatches: 0,
        msPerPageP50: 0,
        msPerPageP95: 0,
        times: [],
      };
      rows.set(scan.degradation, row);
      row.files++;
      row.pages += scan.pages.length;
      row.times.push(ms / scan.pages.length);
      reading.pages.forEach((page, i) => {
        const own = (c: FormCode) =>
          c.submissionId === f.id && c.reference === f.reference && c.page === scan.pages[i];
        if (page.codes.some(own)) row.pagesRead++;
        row.falseMatches += page.codes.filter((c) => !own(c)).length;
      });
      const mine = matchFormCode({ id: f.id, reference: f.reference }, reading);
      if ("result" in mine && mine.result === "matched") row.filesMatched++;
      const theirs = matchFormCode({ id: other.id, reference: other.reference }, reading);
      if ("result" in theirs && theirs.result === "matched") row.falseMatches++;
    }
  }
  const out = DEGRADATIONS.flatMap((d) => {
    const row = rows.get(d);
    if (!row) return [];
    const { times, ...rest } = row;
    return [
      { ...rest, msPerPageP50: round(median(times), 1), msPerPageP95: round(percentile(times, 95), 1) },
    ];
  });
  const falseMatches = out.reduce((sum, r) => sum + r.falseMatches, 0);
  return {
    rows: out,
    meetsTarget: out
      .filter((r) => TARGET.includes(r.degradation as never))
      .every((r) => r.pagesRead === r.pages),
    falseMatches,
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
    bundle: await measureScanBundle(),
    target: TARGET,
    measuredOn: { date: new Date().toISOString(), loadAverage: loadavg().map((n) => round(n, 2)) },
  };
}
