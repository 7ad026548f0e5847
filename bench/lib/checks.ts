/**
 * What a contention scenario reports: its answers tallied by status and code, and named checks of
 * those answers against the ledger as the table holds it.
 */
import type { Timed } from "./http.ts";
import type { LatencySummary } from "./stats.ts";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ContentionResult {
  scenario: string;
  requests: number;
  concurrency: number;
  statuses: Record<string, number>;
  accepted: number;
  expectedAccepted: number | string;
  sumAcceptedAmounts: number;
  /** What the ledger holds for the accepted amounts (requisitioned, or paid in the payment race). */
  sumRequisitioned: number;
  latency: LatencySummary;
  checks: Check[];
  passed: boolean;
}

/** "201", "409 ALREADY_REQUISITIONED", "network-error": how many answers of each. */
export function tally(results: readonly Timed[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.networkError
      ? "network-error"
      : `${r.status}${r.body.code ? ` ${String(r.body.code)}` : ""}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });
