import type { DeadlineDeps } from "../deadlines/deps.ts";

/**
 * What setting up and running a programme needs: the programme store (drafts, versions, audit) and
 * what announcing it takes (contacts, the reminder records that make each mail go out once).
 */
export type ProgrammeAdminDeps = DeadlineDeps;
