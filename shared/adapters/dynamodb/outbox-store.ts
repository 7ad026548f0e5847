import type { OutboxStore, StoredMail } from "../../mail/ports.ts";
import { gsi1, INDEX, keys } from "./keys.ts";
import { type DynamoTable, strip } from "./table.ts";

/** Outbox mail items: due mail through GSI1 (sparse: only pending and failed mail is indexed). */
export class DynamoOutboxStore implements OutboxStore {
  constructor(private readonly table: DynamoTable) {}

  async dueMails(nowIso: string, limit: number): Promise<StoredMail[]> {
    const out = await this.table.query({
      IndexName: INDEX.gsi1,
      KeyConditionExpression: "GSI1PK = :pk AND GSI1SK <= :now",
      ExpressionAttributeValues: { ":pk": gsi1.outboxPending, ":now": nowIso },
      Limit: limit,
    });
    return (out.Items ?? []).map((i) => strip<StoredMail>(i) as StoredMail);
  }

  getMail(id: string): Promise<StoredMail | undefined> {
    return this.table.get<StoredMail>(keys.outbox(id));
  }

  claim(id: string, nowIso: string, leaseUntilIso: string): Promise<boolean> {
    return this.table.update({
      Key: keys.outbox(id),
      ConditionExpression: "#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)",
      UpdateExpression: "SET leaseUntil = :lease",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":pending": "pending", ":now": nowIso, ":lease": leaseUntilIso },
    });
  }

  async markSent(id: string, messageId: string, nowIso: string): Promise<void> {
    await this.table.update({
      Key: keys.outbox(id),
      UpdateExpression:
        "SET #status = :sent, sentAt = :now, messageId = :mid REMOVE GSI1PK, GSI1SK, leaseUntil",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":sent": "sent", ":now": nowIso, ":mid": messageId },
    });
  }

  async markRetry(
    id: string,
    attempts: number,
    nextAttemptAtIso: string,
    error: string,
    final: boolean,
  ): Promise<void> {
    await this.table.update({
      Key: keys.outbox(id),
      UpdateExpression:
        "SET attempts = :attempts, lastError = :error, GSI1PK = :gpk, GSI1SK = :next, #status = :status REMOVE leaseUntil",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":attempts": attempts,
        ":error": error.slice(0, 500),
        ":gpk": final ? gsi1.outboxFailed : gsi1.outboxPending,
        ":next": nextAttemptAtIso,
        ":status": final ? "failed" : "pending",
      },
    });
  }
}
