import type { AuditEvent } from "../audit.ts";
import type { ProgrammeOpening } from "./opening.ts";
import type { Programme } from "./schema.ts";

/**
 * Published programmes, as use cases read them. Functions read the programme they need from the
 * table (the composition root caches it for a short while), never from their bundle.
 */
export interface ProgrammeCatalogue {
  get(programmeId: string): Promise<Programme | undefined>;
  list(): Promise<Programme[]>;
}

/** A programme published as a new version, with its audit entry. */
export interface PublishWrite {
  programme: Programme;
  version: number;
  publishedAt: string;
  audit: AuditEvent;
}

export interface ProgrammeStore {
  getOpening(programmeId: string): Promise<ProgrammeOpening | undefined>;
  /** Conditional: false when the programme was already open. */
  saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean>;
  /** Conditional on `version` following the current one: false when another version came first. */
  publish(write: PublishWrite): Promise<boolean>;
}
