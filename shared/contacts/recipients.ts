import type { Actor } from "../audit.ts";
import type { ContactEntry } from "./model.ts";
import type { ContactStore } from "./ports.ts";

/**
 * Who at a municipality gets mail: the registry address and the named contact from the contact
 * register, plus the signed-in address of the person who acted (from their token, verified by
 * the identity provider). Never an address typed into a form: a form's free-text e-mail could be
 * anyone's, and mail about public money must not go to a third party.
 */
export interface ContactDirectory {
  entries: ReadonlyMap<string, ContactEntry>;
  /** The signed-in address of whoever submitted last for each municipality (any programme). */
  latestSubmitter: ReadonlyMap<string, string>;
}

interface SubmittedBy {
  kommunkod: string;
  createdAt: string;
  createdBy: Actor;
}

export function buildDirectory(
  entries: readonly ContactEntry[],
  submissions: readonly SubmittedBy[],
): ContactDirectory {
  const latest = new Map<string, { at: string; email: string }>();
  for (const s of submissions) {
    const email = s.createdBy.email;
    const seen = latest.get(s.kommunkod);
    if (email && (!seen || s.createdAt > seen.at)) latest.set(s.kommunkod, { at: s.createdAt, email });
  }
  return {
    entries: new Map(entries.map((e) => [e.kommunkod, e])),
    latestSubmitter: new Map([...latest].map(([k, v]) => [k, v.email])),
  };
}

function unique(addresses: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of addresses) {
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out;
}

/** Registry address, named contact and latest submitter, without duplicates. */
export function recipientsOf(directory: ContactDirectory, kommunkod: string): string[] {
  const entry = directory.entries.get(kommunkod);
  return unique([entry?.registryEmail, entry?.contact?.email, directory.latestSubmitter.get(kommunkod)]);
}

/**
 * Mail about a municipality's own submission: the person who acted (first: they wait for it), then
 * the register's addresses.
 */
export function addressesOf(entry: ContactEntry | undefined, actor?: Pick<Actor, "email">): string[] {
  return unique([actor?.email, entry?.registryEmail, entry?.contact?.email]);
}

export async function addressesFor(
  contacts: Pick<ContactStore, "getContact">,
  kommunkod: string,
  actor?: Pick<Actor, "email">,
): Promise<string[]> {
  return addressesOf(await contacts.getContact(kommunkod), actor);
}
