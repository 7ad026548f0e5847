import type { SubmissionStore } from "../submissions/ports.ts";
import type { ContactEntry } from "./model.ts";
import type { ContactStore } from "./ports.ts";

/**
 * Who gets a municipality's announcements and reminders: the registry address and the named
 * contact from the contact register, plus the contact address of its latest submission, so a
 * message reaches someone who knows the matter. Kept apart from the register's parsing so the
 * daily job does not bundle a schema library.
 */
export interface ContactDirectory {
  entries: ReadonlyMap<string, ContactEntry>;
  /** The contact address of each municipality's latest submission (any programme). */
  latestSubmissionContact: ReadonlyMap<string, string>;
}

export async function loadDirectory(
  contacts: ContactStore,
  ledger: Pick<SubmissionStore, "listSubmissions">,
): Promise<ContactDirectory> {
  const [entries, submissions] = await Promise.all([contacts.listContacts(), ledger.listSubmissions({})]);
  const latest = new Map<string, { at: string; email: string }>();
  for (const s of submissions) {
    const seen = latest.get(s.kommunkod);
    if (!seen || s.createdAt > seen.at) latest.set(s.kommunkod, { at: s.createdAt, email: s.contactEmail });
  }
  return {
    entries: new Map(entries.map((e) => [e.kommunkod, e])),
    latestSubmissionContact: new Map([...latest].map(([k, v]) => [k, v.email])),
  };
}

/** Registry address, named contact and latest submission contact, without duplicates. */
export function recipientsOf(directory: ContactDirectory, kommunkod: string): string[] {
  const entry = directory.entries.get(kommunkod);
  const candidates = [
    entry?.registryEmail,
    entry?.contact?.email,
    directory.latestSubmissionContact.get(kommunkod),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of candidates) {
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out;
}
