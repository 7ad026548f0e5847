import type { AuditEvent } from "../audit.ts";
import type { ContactEntry } from "./model.ts";

export interface ContactStore {
  listContacts(): Promise<ContactEntry[]>;
  getContact(kommunkod: string): Promise<ContactEntry | undefined>;
  saveContact(entry: ContactEntry, audit: AuditEvent): Promise<void>;
  /** Many at once (import, seeding), with one audit event for the lot. */
  saveContacts(entries: ContactEntry[], audit: AuditEvent): Promise<number>;
  hasContacts(): Promise<boolean>;
}
