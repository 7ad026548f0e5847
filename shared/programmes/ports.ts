import type { AuditEvent } from "../audit.ts";
import type { ProgrammeOpening } from "./opening.ts";

export interface ProgrammeStore {
  getOpening(programmeId: string): Promise<ProgrammeOpening | undefined>;
  /** Conditional: false when the programme was already open. */
  saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean>;
}
