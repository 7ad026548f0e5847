import type { AuditEvent } from "../audit.ts";
import type { OutboxMail } from "../mail/outbox-mail.ts";
import type { IntakeItem } from "./model.ts";

/** The officer intake list; adapters/dynamodb/intake-store.ts implements it. */
export interface IntakeStore {
  get(id: string): Promise<IntakeItem | undefined>;
  /** The item, its audit event and the reply in one write; false when the message was handled before. */
  create(item: IntakeItem, audit: AuditEvent, mails: OutboxMail[]): Promise<boolean>;
  /** Items waiting for an officer, oldest first. */
  listOpen(): Promise<IntakeItem[]>;
  /**
   * The item's new state with its audit event, conditional on the item still being open at
   * `item.revision` (the revision read; the write increments it); false when it moved since.
   */
  update(item: IntakeItem, audit: AuditEvent, mails: OutboxMail[]): Promise<boolean>;
}
