import type { Clock } from "../clock.ts";
import type { ContactStore } from "../contacts/ports.ts";
import type { FormDraftStore } from "../drafts/ports.ts";
import type { ProgrammeCatalogue } from "../programmes/ports.ts";
import type { FileStorage, SubmissionStore } from "./ports.ts";

/** What the submission use cases need; the composition root builds it once per cold start. */
export interface SubmissionDeps {
  submissions: SubmissionStore;
  catalogue: ProgrammeCatalogue;
  files: FileStorage;
  /** Mail goes to the municipality's addresses on record. */
  contacts: Pick<ContactStore, "getContact">;
  clock: Clock;
  /** The report's certification, when a certifier gave it on the draft (certification.ts). */
  drafts: Pick<FormDraftStore, "get">;
  uploadMaxBytes: number;
  uploadTtlSeconds: number;
  /** Base of links in mail. */
  webBaseUrl?: string;
}
