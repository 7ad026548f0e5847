import type { Actor } from "../audit.ts";

/** The contact register: who at a municipality gets announcements and reminders. */
export interface ContactEntry {
  kommunkod: string;
  kommun: string;
  /** The municipality's registry (registrator) address. */
  registryEmail?: string;
  /** An optional named person for state grants. */
  contact?: { name: string; email: string };
  updatedAt: string;
  updatedBy: Actor;
}
