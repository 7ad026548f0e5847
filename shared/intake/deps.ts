import type { Clock } from "../clock.ts";
import type { ContactStore } from "../contacts/ports.ts";
import type { ProgrammeCatalogue } from "../programmes/ports.ts";
import type { FileStorage, ScanReader, SubmissionStore } from "../submissions/ports.ts";
import type { IntakeStore } from "./ports.ts";

/** What the mail intake and the officer's intake list need; the composition root builds it. */
export interface IntakeDeps {
  intake: IntakeStore;
  submissions: SubmissionStore;
  catalogue: ProgrammeCatalogue;
  files: FileStorage;
  contacts: Pick<ContactStore, "getContact">;
  scans: ScanReader;
  clock: Clock;
  /** The upload limit: a mailed scan is held to the same size as an uploaded one. */
  uploadMaxBytes: number;
}
