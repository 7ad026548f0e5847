import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { listProgrammes } from "../../programmes/catalogue.ts";
import { conflicts, IdempotentReplay } from "../../submissions/conflicts.ts";
import type {
  AllocationState,
  Attachment,
  AuditEvent,
  OutboxMail,
  Submission,
  SubmissionStatus,
} from "../../submissions/model.ts";
import type {
  AttachmentOutcome,
  IdempotencyRecord,
  LedgerStore,
  NewSubmission,
  OutboxStore,
  StoredMail,
  SubmissionDetail,
  SubmissionFilter,
} from "../../submissions/ports.ts";
import { keys } from "./keys.ts";
import { cancelReasons, type TransactItem, transactWrite } from "./table.ts";

export { cancelReasons, keys, type TransactItem };

export type Item = Record<string, unknown>;

export const gsi2Key = (status: SubmissionStatus, createdAt: string, id: string) =>
  `${status}#${createdAt}#${id}`;

export function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, entity, leaseUntil, ...rest } = item;
  return rest as T;
}

export function submissionItem(s: Submission): Item {
  return {
    ...keys.submission(s.id),
    entity: "submission",
    GSI1PK: `KOMMUN#${s.kommunkod}`,
    GSI1SK: `SUB#${s.programmeId}#${s.createdAt}`,
    GSI2PK: `PROG#${s.programmeId}`,
    GSI2SK: gsi2Key(s.status, s.createdAt, s.id),
    ...s,
  };
}

export function auditPut(table: string, e: AuditEvent, pk: string): TransactItem {
  const rand = Math.random().toString(36).slice(2, 8);
  return { Put: { TableName: table, Item: { PK: pk, SK: `AUDIT#${e.at}#${rand}`, entity: "audit", ...e } } };
}

export function outboxPut(table: string, m: OutboxMail, nowIso: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.outbox(m.id),
        entity: "outbox",
        GSI1PK: "OUTBOX#pending",
        GSI1SK: nowIso,
        status: "pending",
        attempts: 0,
        createdAt: nowIso,
        ...m,
      },
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

/** Ids are UUIDs we minted; anything else (a 2 kB path segment, "../x") cannot exist, and must not reach a key. */
const isId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

export class DynamoLedgerStore implements LedgerStore, OutboxStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private transact(items: TransactItem[]): Promise<string[] | undefined> {
    return transactWrite(this.db, items);
  }

  private async get<T>(key: Item): Promise<T | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return strip<T>(out.Item);
  }

  private async queryAll(input: Omit<QueryCommandInput, "TableName">, limit = 5000): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({ ...input, TableName: this.table, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  }

  getAllocation(programmeId: string, kommunkod: string): Promise<AllocationState | undefined> {
    return this.get<AllocationState>(keys.allocation(programmeId, kommunkod));
  }

  async listAllocationsOf(kommunkod: string): Promise<AllocationState[]> {
    const items = await this.queryAll({
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :pk AND begins_with(GSI1SK, :sk)",
      ExpressionAttributeValues: { ":pk": `KOMMUN#${kommunkod}`, ":sk": "PROG#" },
    });
    return items.map((i) => strip<AllocationState>(i) as AllocationState);
  }

  findIdempotency(kommunkod: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.get<IdempotencyRecord>(keys.idempotency(kommunkod, key));
  }

  /** The writes every new submission shares: the submission, its first upload slot, audit, mail, key. */
  private submissionWrites(input: NewSubmission): TransactItem[] {
    const { submission: s, attachment, audit, mails, idempotency } = input;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: submissionItem(s),
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.attachment(s.id, attachment.id), entity: "attachment", ...attachment },
        },
      },
      auditPut(this.table, audit, `SUB#${s.id}`),
      ...mails.map((m) => outboxPut(this.table, m, s.createdAt)),
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName: this.table,
          Item: {
            ...keys.idempotency(idempotency.kommunkod, idempotency.key),
            entity: "idempotency",
            ...idempotency,
          },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      });
    }
    return items;
  }

  /** When the idempotency put (always last) failed its condition, the request was seen before. */
  private async throwIfReplay(input: NewSubmission, reasons: string[]): Promise<void> {
    if (!input.idempotency || reasons.at(-1) !== "ConditionalCheckFailed") return;
    const record = await this.findIdempotency(input.idempotency.kommunkod, input.idempotency.key);
    if (record) throw new IdempotentReplay(record.submissionId, record.requestHash);
  }

  async createRequisition(input: NewSubmission): Promise<void> {
    const s = input.submission;
    const extra = s.grantKind === "model-extra";
    const common = {
      ":zero": 0,
      ":false": false,
      ":amount": s.amount,
      ":alloc": input.allocated,
      ":extra": input.modelExtra,
      ":id": s.id,
      ":pid": s.programmeId,
      ":k": s.kommunkod,
      ":gpk": `KOMMUN#${s.kommunkod}`,
      ":gsk": `PROG#${s.programmeId}`,
      ":now": s.createdAt,
    };
    // The ledger row is created on first use from the programme data, so there is no seeding step.
    const init =
      "programmeId = :pid, kommunkod = :k, allocated = :alloc, modelExtra = :extra, lapsed = if_not_exists(lapsed, :false), GSI1PK = :gpk, GSI1SK = :gsk, updatedAt = :now";
    const update: TransactItem = {
      Update: {
        TableName: this.table,
        Key: keys.allocation(s.programmeId, s.kommunkod),
        ...(extra
          ? {
              ConditionExpression:
                "attribute_exists(baseRequisitionId) AND attribute_not_exists(extraRequisitionId) AND lapsed = :false AND (attribute_not_exists(modelExtraRemaining) OR modelExtraRemaining >= :amount)",
              UpdateExpression: `SET ${init}, extraRequisitionId = :id, modelExtraRequisitioned = if_not_exists(modelExtraRequisitioned, :zero) + :amount, modelExtraRemaining = if_not_exists(modelExtraRemaining, :extra) - :amount`,
            }
          : {
              ConditionExpression:
                "attribute_not_exists(baseRequisitionId) AND (attribute_not_exists(lapsed) OR lapsed = :false) AND (attribute_not_exists(remaining) OR remaining >= :amount)",
              UpdateExpression: `SET ${init}, baseRequisitionId = :id, requisitioned = if_not_exists(requisitioned, :zero) + :amount, remaining = if_not_exists(remaining, :alloc) - :amount, modelExtraRequisitioned = if_not_exists(modelExtraRequisitioned, :zero)`,
            }),
        ExpressionAttributeValues: common,
      },
    };
    const reasons = await this.transact([update, ...this.submissionWrites(input)]);
    if (!reasons) return;
    await this.throwIfReplay(input, reasons);
    const state = await this.getAllocation(s.programmeId, s.kommunkod);
    if (state?.lapsed) throw conflicts.deadlinePassed(input.requisitionDeadline);
    if (extra) {
      if (!state?.baseRequisitionId) throw conflicts.baseRequisitionRequired();
      if (state.extraRequisitionId) throw conflicts.alreadyRequisitioned();
      throw conflicts.allocationExceeded(state.modelExtra - state.modelExtraRequisitioned);
    }
    if (state?.baseRequisitionId) throw conflicts.alreadyRequisitioned();
    throw conflicts.allocationExceeded(state?.remaining ?? input.allocated);
  }

  async createReport(input: NewSubmission): Promise<void> {
    const s = input.submission;
    const update: TransactItem = {
      Update: {
        TableName: this.table,
        Key: keys.allocation(s.programmeId, s.kommunkod),
        ConditionExpression: "attribute_exists(baseRequisitionId) AND attribute_not_exists(reportId)",
        UpdateExpression: "SET reportId = :id, repaymentDue = :unspent, updatedAt = :now",
        ExpressionAttributeValues: { ":id": s.id, ":unspent": s.unspent ?? 0, ":now": s.createdAt },
      },
    };
    const reasons = await this.transact([update, ...this.submissionWrites(input)]);
    if (!reasons) return;
    await this.throwIfReplay(input, reasons);
    const state = await this.getAllocation(s.programmeId, s.kommunkod);
    if (state?.reportId) throw conflicts.alreadyReported();
    throw conflicts.requisitionRequired();
  }

  getSubmission(id: string): Promise<Submission | undefined> {
    if (!isId(id)) return Promise.resolve(undefined);
    return this.get<Submission>(keys.submission(id));
  }

  async getSubmissionDetail(id: string): Promise<SubmissionDetail | undefined> {
    if (!isId(id)) return undefined;
    const items = await this.queryAll({
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": `SUB#${id}` },
      ConsistentRead: true,
    });
    const submission = strip<Submission>(items.find((i) => i.SK === "SUB"));
    if (!submission) return undefined;
    const of = <T>(prefix: string) =>
      items.filter((i) => String(i.SK).startsWith(prefix)).map((i) => strip<T>(i) as T);
    return { submission, attachments: of<Attachment>("ATT#"), audit: of<AuditEvent>("AUDIT#") };
  }

  async listSubmissions(filter: SubmissionFilter): Promise<Submission[]> {
    let items: Item[];
    if (filter.kommunkod) {
      items = await this.queryAll({
        IndexName: "GSI1",
        KeyConditionExpression: "GSI1PK = :pk AND begins_with(GSI1SK, :sk)",
        ExpressionAttributeValues: {
          ":pk": `KOMMUN#${filter.kommunkod}`,
          ":sk": `SUB#${filter.programmeId ? `${filter.programmeId}#` : ""}`,
        },
      });
      if (filter.status) items = items.filter((i) => i.status === filter.status);
    } else {
      const programmeIds = filter.programmeId ? [filter.programmeId] : listProgrammes().map((p) => p.id);
      const perProgramme = await Promise.all(
        programmeIds.map((pid) =>
          this.queryAll({
            IndexName: "GSI2",
            KeyConditionExpression: filter.status
              ? "GSI2PK = :pk AND begins_with(GSI2SK, :sk)"
              : "GSI2PK = :pk",
            ExpressionAttributeValues: {
              ":pk": `PROG#${pid}`,
              ...(filter.status ? { ":sk": `${filter.status}#` } : {}),
            },
          }),
        ),
      );
      items = perProgramme.flat();
    }
    return items
      .map((i) => strip<Submission>(i) as Submission)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async addAttachment(attachment: Attachment, audit: AuditEvent, reopen?: Submission): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.attachment(attachment.submissionId, attachment.id),
            entity: "attachment",
            ...attachment,
          },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      auditPut(this.table, audit, `SUB#${attachment.submissionId}`),
    ];
    if (reopen) {
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.submission(reopen.id),
          ConditionExpression: "#status = :from",
          UpdateExpression: "SET #status = :to, GSI2SK = :g2, updatedAt = :now REMOVE statusReason",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":from": "original-rejected",
            ":to": "awaiting-original",
            ":g2": gsi2Key("awaiting-original", reopen.createdAt, reopen.id),
            ":now": audit.at,
          },
        },
      });
    }
    const reasons = await this.transact(items);
    if (reasons) throw conflicts.originalAlreadyReceived();
  }

  getAttachment(submissionId: string, attachmentId: string): Promise<Attachment | undefined> {
    if (!isId(submissionId) || !isId(attachmentId)) return Promise.resolve(undefined);
    return this.get<Attachment>(keys.attachment(submissionId, attachmentId));
  }

  async settleAttachment(outcome: AttachmentOutcome): Promise<boolean> {
    const { submission: s, attachment: a, submissionUpdate: u, audit, mails } = outcome;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.attachment(a.submissionId, a.id), entity: "attachment", ...a },
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":pending": "pending" },
        },
      },
      auditPut(this.table, audit, `SUB#${s.id}`),
      ...mails.map((m) => outboxPut(this.table, m, audit.at)),
    ];
    if (u) {
      const sets = ["#status = :status", "GSI2SK = :g2", "updatedAt = :now"];
      const values: Item = {
        ":status": u.status,
        ":g2": gsi2Key(u.status, s.createdAt, s.id),
        ":now": u.updatedAt,
      };
      if (u.original) {
        sets.push("original = :original");
        values[":original"] = u.original;
      }
      if (u.statusReason) {
        sets.push("statusReason = :reason");
        values[":reason"] = u.statusReason;
      }
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.submission(s.id),
          UpdateExpression: `SET ${sets.join(", ")}${u.statusReason ? "" : " REMOVE statusReason"}`,
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: values,
        },
      });
    }
    return (await this.transact(items)) === undefined;
  }

  // ── Outbox ────────────────────────────────────────────────────────────────────────────────

  async dueMails(nowIso: string, limit: number): Promise<StoredMail[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: "GSI1",
        KeyConditionExpression: "GSI1PK = :pk AND GSI1SK <= :now",
        ExpressionAttributeValues: { ":pk": "OUTBOX#pending", ":now": nowIso },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => strip<StoredMail>(i) as StoredMail);
  }

  getMail(id: string): Promise<StoredMail | undefined> {
    return this.get<StoredMail>(keys.outbox(id));
  }

  async claim(id: string, nowIso: string, leaseUntilIso: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.outbox(id),
          ConditionExpression:
            "#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)",
          UpdateExpression: "SET leaseUntil = :lease",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":pending": "pending", ":now": nowIso, ":lease": leaseUntilIso },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  async markSent(id: string, messageId: string, nowIso: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.outbox(id),
        UpdateExpression:
          "SET #status = :sent, sentAt = :now, messageId = :mid REMOVE GSI1PK, GSI1SK, leaseUntil",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":sent": "sent", ":now": nowIso, ":mid": messageId },
      }),
    );
  }

  async markRetry(
    id: string,
    attempts: number,
    nextAttemptAtIso: string,
    error: string,
    final: boolean,
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.outbox(id),
        UpdateExpression:
          "SET attempts = :attempts, lastError = :error, GSI1PK = :gpk, GSI1SK = :next, #status = :status REMOVE leaseUntil",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":attempts": attempts,
          ":error": error.slice(0, 500),
          // Failed mail stays findable under its own index key for operators.
          ":gpk": final ? "OUTBOX#failed" : "OUTBOX#pending",
          ":next": nextAttemptAtIso,
          ":status": final ? "failed" : "pending",
        },
      }),
    );
  }

  async suppressed(addresses: string[]): Promise<Set<string>> {
    const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
    if (unique.length === 0) return new Set();
    const out = await this.db.send(
      new BatchGetCommand({
        RequestItems: { [this.table]: { Keys: unique.map((a) => keys.suppression(a)) } },
      }),
    );
    const found = out.Responses?.[this.table] ?? [];
    return new Set(found.map((i) => String(i.PK).slice("EMAIL#".length)));
  }
}
