import type { AuditEvent } from "../../shared/audit.ts";
import type { ContactEntry } from "../../shared/contacts/model.ts";
import type { ContactStore } from "../../shared/contacts/ports.ts";
import type { ProgrammeOpening } from "../../shared/programmes/opening.ts";
import type { ProgrammeStore } from "../../shared/programmes/ports.ts";
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

/** Programme openings in memory. */
export class MemoryProgrammeStore implements ProgrammeStore {
  constructor(readonly world: MemoryWorld) {}

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
}
