import type { AuditEvent } from "../../audit.ts";
import type { OutboxMail } from "../../mail/outbox-mail.ts";
import type { Attachment, Submission } from "../../submissions/model.ts";
import { gsi1, gsi2, keys, partition } from "./keys.ts";
import type { Item, TableOp } from "./table.ts";

/** How domain records become table items: keys, index keys and the entity name added. */
export function submissionItem(s: Submission): Item {
  return {
    ...keys.submission(s.id),
    entity: "submission",
    GSI1PK: gsi1.kommun(s.kommunkod),
    GSI1SK: gsi1.submissionSort(s.programmeId, s.createdAt),
    GSI2PK: gsi2.programme(s.programmeId),
    GSI2SK: gsi2.sort(s.status, s.createdAt, s.id),
    ...s,
  };
}

export function attachmentItem(a: Attachment): Item {
  return { ...keys.attachment(a.submissionId, a.id), entity: "attachment", ...a };
}

/** An audit event in the partition of what it concerns (a submission, a programme, the register). */
export function auditPut(e: AuditEvent, pk: string): TableOp {
  const unique = Math.random().toString(36).slice(2, 8);
  return { Put: { Item: { ...keys.audit(pk, e.at, unique), entity: "audit", ...e } } };
}

export function submissionAuditPut(e: AuditEvent, submissionId: string): TableOp {
  return auditPut(e, partition.submission(submissionId));
}

/** A new outbox mail, due at `dueAt` (the stream sends it on insert on AWS anyway). */
export function outboxPut(m: OutboxMail, createdAt: string, dueAt = createdAt): TableOp {
  return {
    Put: {
      Item: {
        ...keys.outbox(m.id),
        entity: "outbox",
        GSI1PK: gsi1.outboxPending,
        GSI1SK: dueAt,
        status: "pending",
        attempts: 0,
        createdAt,
        ...m,
      },
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

/** Ids are UUIDs we minted; anything else (a 2 kB path segment, "../x") cannot exist, and must not reach a key. */
export const isId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
