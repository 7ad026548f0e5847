import type { Clock } from "../clock.ts";
import type { ContactStore } from "../contacts/ports.ts";
import type { ProgrammeCatalogue, ProgrammeStore } from "../programmes/ports.ts";
import type { SubmissionStore } from "../submissions/ports.ts";
import type { DeadlineStore } from "./ports.ts";

/** What opening a programme and the daily job need; the composition root builds it. */
export interface DeadlineDeps {
  deadlines: DeadlineStore;
  programmes: ProgrammeStore;
  catalogue: ProgrammeCatalogue;
  contacts: ContactStore;
  submissions: Pick<SubmissionStore, "listSubmissions">;
  clock: Clock;
  /** Base of links in mail. */
  webBaseUrl?: string;
}
