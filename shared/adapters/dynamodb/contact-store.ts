import type { AuditEvent } from "../../audit.ts";
import type { ContactEntry } from "../../contacts/model.ts";
import type { ContactStore } from "../../contacts/ports.ts";
import { auditPut } from "./items.ts";
import { keys, partition, sortPrefix } from "./keys.ts";
import { type DynamoTable, strip } from "./table.ts";

/** The contact register: one item per municipality in the CONTACTS partition, with its audit trail. */
export class DynamoContactStore implements ContactStore {
  constructor(private readonly table: DynamoTable) {}

  async listContacts(): Promise<ContactEntry[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": partition.contacts, ":sk": sortPrefix.contact },
    });
    return items.map((i) => strip<ContactEntry>(i) as ContactEntry);
  }

  getContact(kommunkod: string): Promise<ContactEntry | undefined> {
    return this.table.get<ContactEntry>(keys.contact(kommunkod));
  }

  async saveContact(entry: ContactEntry, audit: AuditEvent): Promise<void> {
    await this.table.transact([{ Put: { Item: contactItem(entry) } }, auditPut(audit, partition.contacts)]);
  }

  async saveContacts(entries: ContactEntry[], audit: AuditEvent): Promise<number> {
    await this.table.batchPut(entries.map(contactItem));
    const audited = auditPut(audit, partition.contacts);
    if ("Put" in audited && audited.Put.Item) await this.table.put(audited.Put.Item);
    return entries.length;
  }

  async hasContacts(): Promise<boolean> {
    const out = await this.table.query({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": partition.contacts, ":sk": sortPrefix.contact },
      Limit: 1,
    });
    return (out.Items ?? []).length > 0;
  }
}

function contactItem(e: ContactEntry) {
  return { ...keys.contact(e.kommunkod), entity: "contact", ...e };
}
