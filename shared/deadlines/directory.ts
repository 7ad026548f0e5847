import { buildDirectory, type ContactDirectory } from "../contacts/recipients.ts";
import type { DeadlineDeps } from "./deps.ts";

/** Every municipality's addresses for announcements and reminders, read once per run. */
export async function loadDirectory(
  deps: Pick<DeadlineDeps, "contacts" | "submissions">,
): Promise<ContactDirectory> {
  const [entries, submissions] = await Promise.all([
    deps.contacts.listContacts(),
    deps.submissions.listSubmissions({}),
  ]);
  return buildDirectory(entries, submissions);
}
