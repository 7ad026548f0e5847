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
  /**
   * The programme with the number of its version: a submission's write requires that version to be
   * still current, so a copy kept too long never validates or reserves anything.
   */
  getVersioned(programmeId: string): Promise<CurrentProgramme | undefined>;
  list(): Promise<Programme[]>;
  /** Drops a kept copy once a write found the programme moved on (a catalogue that keeps none has nothing to drop). */
  forget?(programmeId: string): void;
}

/** A programme published as a new version, with its audit entry. */
export interface PublishWrite {
  programme: Programme;
  version: number;
  publishedAt: string;
  audit: AuditEvent;
  /** A corrected allocation moves the municipality's ledger row in the same transaction. */
  ledger?: readonly LedgerRowCorrection[];
}

/**
 * A municipality's ledger row as a correction of its allocation read it, and the amount it gets:
 * the write requires the row unchanged since (or still absent), so nothing requisitioned in between
 * is lost, and never sets the allocation below what is requisitioned.
 */
export interface LedgerRowCorrection {
  kommunkod: string;
  to: number;
  /** The row as read; undefined when the municipality had none (it is created on first use from the programme). */
  read?: { allocated: number; requisitioned: number; remaining: number; afterLapse: boolean };
}

/** The published programme as it stands now, with its version, read past any cache. */
export interface CurrentProgramme {
  programme: Programme;
  version: number;
}

export interface ProgrammeStore {
  getCurrent(programmeId: string): Promise<CurrentProgramme | undefined>;
  /** A published version as it was (versions are never changed once written). */
  getVersion(programmeId: string, version: number): Promise<CurrentProgramme | undefined>;
  getDraft(programmeId: string): Promise<ProgrammeDraft | undefined>;
  /** Replaces the draft; conditional on the programme not being published (false then). */
  saveDraft(draft: ProgrammeDraft, audit: AuditEvent): Promise<boolean>;
  getOpening(programmeId: string): Promise<ProgrammeOpening | undefined>;
  /** Conditional: false when the programme was already open. */
  saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean>;
  /** Conditional on `version` following the current one: false when another version came first. */
  publish(write: PublishWrite): Promise<boolean>;
}
