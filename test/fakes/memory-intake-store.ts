import type { AuditEvent } from "../../shared/audit.ts";
import type { IntakeItem } from "../../shared/intake/model.ts";
import type { IntakeStore } from "../../shared/intake/ports.ts";
import type { OutboxMail } from "../../shared/mail/outbox-mail.ts";
import type { MemoryWorld } from "./memory-world.ts";
import { tick } from "./tick.ts";

const copy = <T>(value: T): T => structuredClone(value);

/** The officer intake list in memory, with the DynamoDB adapter's conditions. */
export class MemoryIntakeStore implements IntakeStore {
  readonly items = new Map<string, IntakeItem>();

  constructor(readonly world: MemoryWorld) {}

  async get(id: string): Promise<IntakeItem | undefined> {
    await tick();
    const item = this.items.get(id);
    return item ? copy(item) : undefined;
  }

  async create(item: IntakeItem, audit: AuditEvent, mails: OutboxMail[]): Promise<boolean> {
    await tick();
    return this.world.tx([() => !this.items.has(item.id)], () => {
      this.items.set(item.id, copy(item));
      this.write(item.id, audit, mails);
    });
  }

  async listOpen(): Promise<IntakeItem[]> {
    await tick();
    return [...this.items.values()]
      .filter((i) => i.status === "open")
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map(copy);
  }

  async update(item: IntakeItem, audit: AuditEvent, mails: OutboxMail[]): Promise<boolean> {
    await tick();
    const held = () => {
      const now = this.items.get(item.id);
      return now?.status === "open" && now.revision === item.revision;
    };
    return this.world.tx([held], () => {
      this.items.set(item.id, copy({ ...item, revision: item.revision + 1 }));
      this.write(item.id, audit, mails);
    });
  }

  private write(id: string, audit: AuditEvent, mails: OutboxMail[]): void {
    this.world.audit.push({ ...audit, partition: `INTAKE#${id}` });
    for (const m of mails) this.world.putMail(m, audit.at);
  }
}
