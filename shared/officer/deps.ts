import type { Clock } from "../clock.ts";
import type { ContactStore } from "../contacts/ports.ts";
import type { ProgrammeCatalogue } from "../programmes/ports.ts";
import type { SubmissionStore } from "../submissions/ports.ts";
import type { OfficerStore } from "./ports.ts";

/** What the officer use cases need; the composition root builds it once per cold start. */
export interface OfficerDeps {
  submissions: SubmissionStore;
  catalogue: ProgrammeCatalogue;
  officer: OfficerStore;
  contacts: ContactStore;
  clock: Clock;
  /** Base of links in mail. */
  webBaseUrl?: string;
}
