import type { Clock } from "../clock.ts";
import type { ContactStore } from "../contacts/ports.ts";
import type { ProgrammeCatalogue } from "../programmes/ports.ts";
import type { FileStorage, ScanReader, SubmissionStore } from "../submissions/ports.ts";
import type { IntakeStore } from "./ports.ts";
import type { SenderAuthMode } from "./sender-auth.ts";

/** What the officer's intake list needs: it files scans by hand, so it never reads a QR code. */
export interface IntakeListDeps {
  intake: IntakeStore;
  submissions: SubmissionStore;
  catalogue: ProgrammeCatalogue;
  files: FileStorage;
  clock: Clock;
  /** The upload limit: a mailed scan is held to the same size as an uploaded one. */
  uploadMaxBytes: number;
}

/**
 * What the mail intake needs besides: the contact register (the sender), the scan reader, and
 * whether the From is trusted only on SES's verdict (INTAKE_SENDER_AUTH; "ses" unless a local
 * stack says "none").
 */
export interface IntakeDeps extends IntakeListDeps {
  contacts: Pick<ContactStore, "getContact" | "listContacts">;
  scans: ScanReader;
  senderAuth: SenderAuthMode;
}
