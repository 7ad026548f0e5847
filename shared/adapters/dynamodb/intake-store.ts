import type { AuditEvent } from "../../audit.ts";
import type { IntakeItem } from "../../intake/model.ts";
import type { IntakeStore } from "../../intake/ports.ts";
import type { OutboxMail } from "../../mail/outbox-mail.ts";
import { auditPut, outboxPut } from "./items.ts";
import { gsi1, INDEX, keys, partition } from "./keys.ts";
import { type DynamoTable, type Item, strip } from "./table.ts";

/** Intake messages: one item each, open ones indexed on GSI1 (INTAKE#open, by arrival). */
export class DynamoIntakeStore implements IntakeStore {
  constructor(private readonly table: DynamoTable) {}

  get(id: string): Promise<IntakeItem | undefined> {
    return this.table.get<IntakeItem>(keys.intake(id));
  }

  async create(item: IntakeItem, audit: AuditEvent, mails: OutboxMail[]): Promise<boolean> {
    const failed = await this.table.transact([
      { Put: { Item: intakeItem(item), ConditionExpression: "attribute_not_exists(PK)" } },
      auditPut(audit, partition.intake(item.id)),
      ...mails.map((m) => outboxPut(m, audit.at)),
    ]);
    return failed === undefined;
  }

  async listOpen(): Promise<IntakeItem[]> {
    const items = await this.table.queryAll({
      IndexName: INDEX.gsi1,
      KeyConditionExpression: "GSI1PK = :pk",
      ExpressionAttributeValues: { ":pk": gsi1.intakeOpen },
    });
    return items.map((i) => strip<IntakeItem>(i) as IntakeItem);
  }

  async update(item: IntakeItem, audit: AuditEvent, mails: OutboxMail[]): Promise<boolean> {
    const failed = await this.table.transact([
      {
        Put: {
          Item: intakeItem({ ...item, revision: item.revision + 1 }),
          ConditionExpression: "#status = :open AND revision = :revision",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":open": "open", ":revision": item.revision },
        },
      },
      auditPut(audit, partition.intake(item.id)),
      ...mails.map((m) => outboxPut(m, audit.at)),
    ]);
    return failed === undefined;
  }
}

function intakeItem(item: IntakeItem): Item {
  const open =
    item.status === "open" ? { GSI1PK: gsi1.intakeOpen, GSI1SK: `${item.receivedAt}#${item.id}` } : {};
  return { ...keys.intake(item.id), entity: "intake", ...open, ...item };
}
