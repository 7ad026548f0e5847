import type { Submission } from "./types.ts";

/**
 * Whether a submission still stands for its part of the grant. A replaced version stands through
 * its correction; a refused or lapsed requisition has released its reservation (lifecycle.ts).
 */
const GONE: readonly Submission["status"][] = ["replaced", "refused", "lapsed"];

export function stands(s: { status: Submission["status"] }): boolean {
  return !GONE.includes(s.status);
}
