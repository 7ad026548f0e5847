import type { AuditEvent } from "../audit.ts";
import type { ProgrammeDraft } from "./draft.ts";
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

/** The published programme as it stands now, with its version, read past any cache. */
export interface CurrentProgramme {
  programme: Programme;
  version: number;
}

export interface ProgrammeStore {
  getCurrent(programmeId: string): Promise<CurrentProgramme | undefined>;
  getDraft(programmeId: string): Promise<ProgrammeDraft | undefined>;
  /** Replaces the draft; conditional on the programme not being published (false then). */
  saveDraft(draft: ProgrammeDraft, audit: AuditEvent): Promise<boolean>;
  getOpening(programmeId: string): Promise<ProgrammeOpening | undefined>;
  /** Conditional: false when the programme was already open. */
  saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean>;
  /** Conditional on `version` following the current one: false when another version came first. */
  publish(write: PublishWrite): Promise<boolean>;
}
