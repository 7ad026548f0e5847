import type { DeadlineDeps } from "../deadlines/announce.ts";
import type { SubmissionDeps } from "../submissions/common.ts";
import type { LedgerStore, OfficerStore } from "../submissions/ports.ts";

/** What the officer functions and the deadline job use; built once per cold start (adapters). */
export interface OfficerDeps extends DeadlineDeps {
  store: LedgerStore;
  officer: OfficerStore;
}

/** A corrected submission also needs an upload slot for its signed original. */
export interface CorrectionDeps extends OfficerDeps, SubmissionDeps {}

/** How long an officer's download link for a signed original stays valid. */
export const DOWNLOAD_TTL_SECONDS = 300;
