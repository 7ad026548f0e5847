import type { AuditEvent } from "../../shared/audit.ts";
import type { ContactEntry } from "../../shared/contacts/model.ts";
import type { ContactStore } from "../../shared/contacts/ports.ts";
import type { ProgrammeDraft } from "../../shared/programmes/draft.ts";
import type { ProgrammeOpening } from "../../shared/programmes/opening.ts";
import type {
  CurrentProgramme,
  ProgrammeCatalogue,
  ProgrammeStore,
  PublishWrite,
} from "../../shared/programmes/ports.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { applyCorrection, correctionHolds } from "./memory-ledger.ts";
import type { MemoryWorld } from "./memory-world.ts";
import { tick } from "./tick.ts";

const copy = <T>(value: T): T => structuredClone(value);

/** The contact register in memory. */
export class MemoryContactStore implements ContactStore {
  constructor(readonly world: MemoryWorld) {}

  async listContacts(): Promise<ContactEntry[]> {
    await tick();
    return [...this.world.contacts.values()].map(copy);
  }

  async getContact(kommunkod: string): Promise<ContactEntry | undefined> {
    await tick();
    const entry = this.world.contacts.get(kommunkod);
    return entry ? copy(entry) : undefined;
  }

  async saveContact(entry: ContactEntry, audit: AuditEvent): Promise<void> {
    await tick();
    this.world.contacts.set(entry.kommunkod, copy(entry));
    this.world.putAudit(audit, "CONTACTS");
  }

  async saveContacts(entries: ContactEntry[], audit: AuditEvent): Promise<number> {
    await tick();
    for (const e of entries) this.world.contacts.set(e.kommunkod, copy(e));
    this.world.putAudit(audit, "CONTACTS");
    return entries.length;
  }

  async hasContacts(): Promise<boolean> {
    await tick();
    return this.world.contacts.size > 0;
  }
}

/** Published programmes in memory: the current version of each. */
export class MemoryProgrammeCatalogue implements ProgrammeCatalogue {
  constructor(readonly world: MemoryWorld) {}

  async get(programmeId: string): Promise<Programme | undefined> {
    return (await this.getVersioned(programmeId))?.programme;
  }

  async getVersioned(programmeId: string): Promise<CurrentProgramme | undefined> {
    await tick();
    const current = this.world.programmes.get(programmeId)?.at(-1);
    return current ? { programme: copy(current.programme), version: current.version } : undefined;
  }

  async list(): Promise<Programme[]> {
    await tick();
    return [...this.world.programmes.values()].flatMap((versions) =>
      versions.slice(-1).map((v) => copy(v.programme)),
    );
  }
}

/** Programme drafts, versions and openings in memory. */
export class MemoryProgrammeStore implements ProgrammeStore {
  constructor(readonly world: MemoryWorld) {}

  async getCurrent(programmeId: string): Promise<CurrentProgramme | undefined> {
    await tick();
    const current = this.world.programmes.get(programmeId)?.at(-1);
    return current ? { programme: copy(current.programme), version: current.version } : undefined;
  }

  async getVersion(programmeId: string, version: number): Promise<CurrentProgramme | undefined> {
    await tick();
    const found = this.world.programmes.get(programmeId)?.find((v) => v.version === version);
    return found ? { programme: copy(found.programme), version } : undefined;
  }

  async getDraft(programmeId: string): Promise<ProgrammeDraft | undefined> {
    await tick();
    const draft = this.world.programmeDrafts.get(programmeId);
    return draft ? copy(draft) : undefined;
  }

  async saveDraft(draft: ProgrammeDraft, audit: AuditEvent): Promise<boolean> {
    await tick();
    return this.world.tx([() => !this.world.programmes.has(draft.programmeId)], () => {
      this.world.programmeDrafts.set(draft.programmeId, copy(draft));
      this.world.putAudit(audit, `PROG#${draft.programmeId}`);
    });
  }

  async getOpening(programmeId: string): Promise<ProgrammeOpening | undefined> {
    await tick();
    const opening = this.world.openings.get(programmeId);
    return opening ? copy(opening) : undefined;
  }

  async saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean> {
    await tick();
    return this.world.tx([() => !this.world.openings.has(opening.programmeId)], () => {
      this.world.openings.set(opening.programmeId, copy(opening));
      this.world.putAudit(audit, `PROG#${opening.programmeId}`);
    });
  }

  async publish(w: PublishWrite): Promise<boolean> {
    await tick();
    const versions = () => this.world.programmes.get(w.programme.id) ?? [];
    const ledger = w.ledger ?? [];
    return this.world.tx(
      [
        () => versions().length === w.version - 1,
        ...ledger.map((c) => () => correctionHolds(this.world, w.programme.id, c)),
      ],
      () => {
        this.world.programmes.set(w.programme.id, [
          ...versions(),
          { programme: copy(w.programme), version: w.version, publishedAt: w.publishedAt },
        ]);
        this.world.putAudit(w.audit, `PROG#${w.programme.id}`);
        for (const c of ledger) applyCorrection(this.world, w.programme.id, c);
      },
    );
  }
}
