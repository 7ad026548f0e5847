import type { Clock } from "../clock.ts";
import type { FileStorage, SubmissionStore } from "./ports.ts";

/** What the submission use cases need; the composition root builds it once per cold start. */
export interface SubmissionDeps {
  submissions: SubmissionStore;
  files: FileStorage;
  clock: Clock;
  uploadMaxBytes: number;
  uploadTtlSeconds: number;
}
