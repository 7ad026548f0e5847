/**
 * The local stand-in for the upload-sweep schedule, so that no accepted upload is stranded: at
 * start it checks every object under originals/ that no check settled (an event lost to a crash,
 * or dropped with STATSBIDRAG_LOCAL_S3_EVENTS=drop), then every minute the ones older than a
 * minute. It runs the domain's own sweep (`sweepUploads` with the composition root's
 * `uploadCheckDeps()`), then hands what still waits for a verdict to the local malware scanner:
 * the scan of an upload whose event was lost was lost with it, since the stand-in for GuardDuty
 * lives in this process. Runs never overlap.
 */
import { uploadCheckDeps } from "../../shared/composition-root.ts";
import type { CheckOutcome } from "../../shared/submissions/upload-check.ts";
import { sweepUploads } from "../../shared/submissions/upload-sweep.ts";
import type { LocalMalwareScanner, ScanOutcome } from "./local-malware-scan.ts";

/** Local events are handled within seconds, so an unsettled upload a minute old was lost. */
export const LOCAL_SETTLE_WINDOW_MS = 60_000;
export const LOCAL_SWEEP_INTERVAL_MS = 60_000;

export interface SweepReport {
  checks: Record<CheckOutcome, number>;
  scans?: Record<ScanOutcome, number>;
}

export interface UploadSweeper {
  /** Sweeps now (after any sweep in progress) for uploads at least `olderThanMs` old. */
  run(olderThanMs: number): Promise<SweepReport>;
  stop(): Promise<void>;
}

export function createUploadSweeper(scanner: LocalMalwareScanner | undefined): UploadSweeper {
  const deps = uploadCheckDeps();
  let queue: Promise<unknown> = Promise.resolve();
  const sweep = async (olderThanMs: number): Promise<SweepReport> => {
    const checks = await sweepUploads(deps, olderThanMs);
    const scans = scanner ? await scanner.scanStored(olderThanMs) : undefined;
    return { checks, ...(scans ? { scans } : {}) };
  };
  const run = (olderThanMs: number): Promise<SweepReport> => {
    const next = queue.then(() => sweep(olderThanMs));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    run,
    async stop() {
      await queue;
    },
  };
}

/** Sweeps on a timer, like the schedule on AWS; the timer never keeps the process alive. */
export function sweepPeriodically(sweeper: UploadSweeper, intervalMs = LOCAL_SWEEP_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    sweeper.run(LOCAL_SETTLE_WINDOW_MS).then(
      (report) => {
        const line = describeSweep(report);
        if (line) console.log(`[uploads] ${line}`);
      },
      (error: unknown) => console.error("[uploads] sweep failed:", error),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A plain line for a sweep that found something, or undefined when there was nothing to do. */
export function describeSweep(report: SweepReport): string | undefined {
  const { accepted, refused, scanning, quarantined } = report.checks;
  const checked = accepted + refused + scanning + quarantined;
  const clean = report.scans?.NO_THREATS_FOUND ?? 0;
  const threats = report.scans?.THREATS_FOUND ?? 0;
  if (checked === 0 && clean + threats === 0) return undefined;
  const parts = [
    `checked ${checked} upload${checked === 1 ? "" : "s"} no check had settled (accepted ${accepted}, refused ${refused}, waiting for the malware scan ${scanning}, quarantined ${quarantined})`,
  ];
  if (report.scans)
    parts.push(`scanned ${clean + threats} waiting for a verdict (clean ${clean}, EICAR ${threats})`);
  return parts.join("; ");
}
