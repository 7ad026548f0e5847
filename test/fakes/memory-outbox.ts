import type { OutboxStore, StoredMail } from "../../shared/mail/ports.ts";
import type { MemoryWorld } from "./memory-world.ts";
import { tick } from "./tick.ts";

interface Row extends StoredMail {
  leaseUntil?: string;
  nextAttemptAt?: string;
  messageId?: string;
  lastError?: string;
}

/**
 * The outbox table in memory, with the same conditions the DynamoDB store puts on its writes.
 * Given the world, the mail the stores queue in their transactions is the outbox's to send, as
 * on the one table (they write the same OUTBOX items the dispatcher reads).
 */
export class MemoryOutbox implements OutboxStore {
  readonly rows = new Map<string, Row>();
  failMarkSent = 0;

  constructor(private readonly world?: MemoryWorld) {}

  /** Takes in what the stores queued since the last call, pending and due when they said. */
  private sync(): void {
    for (const { createdAt: _createdAt, dueAt, ...mail } of this.world?.mails.values() ?? []) {
      if (!this.rows.has(mail.id))
        this.rows.set(mail.id, { ...mail, attempts: 0, status: "pending", nextAttemptAt: dueAt });
    }
  }

  add(mail: StoredMail, nextAttemptAt = "1970-01-01T00:00:00.000Z") {
    this.rows.set(mail.id, { ...mail, nextAttemptAt });
  }

  async dueMails(nowIso: string, limit: number): Promise<StoredMail[]> {
    await tick();
    this.sync();
    // Earliest due first, as GSI1 (OUTBOX#pending / due time) answers: `limit` keeps the oldest.
    return [...this.rows.values()]
      .filter((r) => r.status === "pending" && (r.nextAttemptAt ?? "") <= nowIso)
      .sort((a, b) => (a.nextAttemptAt ?? "").localeCompare(b.nextAttemptAt ?? ""))
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }

  async getMail(id: string): Promise<StoredMail | undefined> {
    await tick();
    this.sync();
    const row = this.rows.get(id);
    return row ? { ...row } : undefined;
  }

  async claim(id: string, nowIso: string, leaseUntilIso: string): Promise<boolean> {
    await tick();
    this.sync();
    const row = this.rows.get(id);
    // Check and set in one step, as DynamoDB's conditional update does.
    if (row?.status !== "pending") return false;
    if (row.leaseUntil !== undefined && row.leaseUntil >= nowIso) return false;
    row.leaseUntil = leaseUntilIso;
    return true;
  }

  async markSent(id: string, messageId: string, _nowIso: string): Promise<void> {
    await tick();
    this.sync();
    if (this.failMarkSent > 0) {
      this.failMarkSent--;
      throw new Error("ProvisionedThroughputExceededException");
    }
    const row = this.rows.get(id);
    if (row) Object.assign(row, { status: "sent", messageId, leaseUntil: undefined });
  }

  async markRetry(id: string, attempts: number, next: string, error: string, final: boolean): Promise<void> {
    await tick();
    this.sync();
    const row = this.rows.get(id);
    if (row) {
      Object.assign(row, {
        attempts,
        nextAttemptAt: next,
        lastError: error,
        status: final ? "failed" : "pending",
        leaseUntil: undefined,
      });
    }
  }
}
