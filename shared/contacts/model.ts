import type { Actor } from "../audit.ts";

/** The contact register: who at a municipality gets announcements and reminders. */
export interface ContactEntry {
  kommunkod: string;
  kommun: string;
  /** The municipality's registry (registrator) address. */
  registryEmail?: string;
  /** An optional named person for state grants. */
  contact?: { name: string; email: string };
  /**
   * The municipality's organisation number (212000-NNNN) as the agency has loaded it. Where it is
   * set, a form's recipient must carry exactly this number.
   */
  organisationNumber?: string;
  updatedAt: string;
  updatedBy: Actor;
}
