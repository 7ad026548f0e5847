/**
 * What the cold-start measurement reports: per function its bundle against its floor's, the
 * median timings of handler and floor over the rounds, what the first events got, and whether
 * the targets were met.
 */
import type { BundleReport } from "../../infra/bundle-report.ts";
import type { LocalStack } from "../../infra/local/stack.ts";
import type { FunctionDef } from "../../infra/routes.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { median, round } from "../lib/stats.ts";
import type { ChildTiming } from "./child.ts";
import { bytesByPackage, type ClientKind, clientsOf, type Floor, needsMismatch } from "./floor.ts";

export interface ColdStartContext {
  stack: LocalStack;
  programme: Programme;
  today: string;
  bucket: string;
  table: string;
}

export interface Timing {
  importMs: number;
  firstEventMs: number;
  totalMs: number;
}

export interface ColdStartRow {
  name: string;
  clients: ClientKind[];
  /** Clients bundled that FunctionDef.needs does not call for, or the reverse. */
  needsMismatch: string[];
  bytes: number;
  floorBytes: number;
  bytesAboveFloor: number;
  /** Medians over the rounds. */
  handler: Timing;
  floor: Timing;
  ratio: number;
  samples: { handler: number[]; floor: number[] };
  outcomes: string[];
  /** Largest contributors to the bytes above the floor. */
  aboveFloorByPackage: { group: string; bytes: number }[];
  meetsSizeTarget: boolean;
  meetsTimeTarget: boolean;
}

export interface ColdStartResult {
  rounds: number;
  nodeBootMs: number;
  targets: { maxBytesAboveFloor: number; maxRatio: number };
  firstEventTarget: string;
  rows: ColdStartRow[];
  skipped: string[];
}

export const COLD_START_TARGETS = { maxBytesAboveFloor: 150 * 1000, maxRatio: 1.25 } as const;

function medianTiming(xs: readonly ChildTiming[]): Timing {
  return {
    importMs: round(median(xs.map((x) => x.importMs))),
    firstEventMs: round(median(xs.map((x) => x.firstEventMs))),
    totalMs: round(median(xs.map((x) => x.totalMs))),
  };
}

/** One function's row: its bundle and timings against its floor's. */
export function coldStartRow(
  name: string,
  report: BundleReport,
  floor: Floor,
  def: FunctionDef | undefined,
  samples: { handler: ChildTiming[]; floor: ChildTiming[] },
): ColdStartRow {
  const clients = clientsOf(report);
  const handler = medianTiming(samples.handler);
  const floorTiming = medianTiming(samples.floor);
  const ratio = round(handler.totalMs / floorTiming.totalMs, 2);
  const mine = bytesByPackage(report.metafile);
  const theirs = bytesByPackage(floor.metafile);
  const aboveFloorByPackage = [...mine.entries()]
    .map(([group, bytes]) => ({ group, bytes: bytes - (theirs.get(group) ?? 0) }))
    .filter((g) => g.bytes > 1024)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6);
  const bytesAboveFloor = report.bytes - floor.bytes;
  return {
    name,
    clients,
    needsMismatch: needsMismatch(def, clients),
    bytes: report.bytes,
    floorBytes: floor.bytes,
    bytesAboveFloor,
    handler,
    floor: floorTiming,
    ratio,
    samples: {
      handler: samples.handler.map((x) => round(x.totalMs)),
      floor: samples.floor.map((x) => round(x.totalMs)),
    },
    outcomes: [...new Set(samples.handler.map((x) => x.outcome))],
    aboveFloorByPackage,
    meetsSizeTarget: bytesAboveFloor <= COLD_START_TARGETS.maxBytesAboveFloor,
    meetsTimeTarget: ratio <= COLD_START_TARGETS.maxRatio,
  };
}
