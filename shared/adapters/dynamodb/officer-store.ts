import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type Clock, clockFromEnv } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { DeadlineDeps } from "../../deadlines/announce.ts";
import { BadRequestError } from "../../errors.ts";
import type { OfficerDeps } from "../../officer/deps.ts";
import { conflicts } from "../../submissions/conflicts.ts";
import type {
  AllocationState,
  AuditEvent,
  ContactEntry,
  OutboxMail,
  ProgrammeOpening,
  Repayment,
  Submission,
} from "../../submissions/model.ts";
import type {
  ContactStore,
  DeadlineStore,
  DecisionWrite,
  DigestWrite,
  FlagMark,
  LapseMark,
  MarkedMail,
  OfficerStore,
  PaymentWrite,
  ProgrammeSubmissionQuery,
  RepaymentWrite,
  ReplacementWrite,
  SubmissionPage,
} from "../../submissions/ports.ts";
import { createDocumentClient } from "./client.ts";
import {
  auditPut,
  DynamoLedgerStore,
  gsi2Key,
  type Item,
  keys,
  outboxPut,
  strip,
  submissionItem,
  type TransactItem,
} from "./submission-store.ts";
import { sleep, transactWrite } from "./table.ts";

/** Items of the deadline and officer features; documented in infra/table-definition.ts. */
export const officerKeys = {
  opening: (programmeId: string) => ({ PK: `PROG#${programmeId}`, SK: "OPEN" }),
  reminder: (programmeId: string, kommunkod: string, kind: string, offset: number) => ({
    PK: `PROG#${programmeId}`,
    SK: `DONE#${kommunkod}#${kind}#${offset}`,
  }),
  digest: (programmeId: string) => ({ PK: `PROG#${programmeId}`, SK: "DIGEST" }),
  repayment: (programmeId: string, kommunkod: string, id: string) => ({
    PK: `PROG#${programmeId}`,
    SK: `REPAY#${kommunkod}#${id}`,
  }),
  contact: (kommunkod: string) => ({ PK: "CONTACTS", SK: `KOMMUN#${kommunkod}` }),
};

/**
 * Mail queued by the daily job and the announcement is due at once. On AWS the table stream sends
 * every new outbox item on insert anyway; locally the outbox poller selects by due time, and a
 * `statsbidrag daily --at` run with another day than the running stack's clock must still be
 * delivered.
 */
const DUE_AT_ONCE = "0000-01-01T00:00:00.000Z";

/** DynamoDB allows 100 items per transaction; one reminder is its record plus its mail. */
const REMINDERS_PER_TRANSACTION = 50;
const PARALLEL_UPDATES = 16;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

type CursorIndex = "GSI1" | "GSI2";
const CURSOR_KEYS: Record<CursorIndex, readonly string[]> = {
  GSI1: ["PK", "SK", "GSI1PK", "GSI1SK"],
  GSI2: ["PK", "SK", "GSI2PK", "GSI2SK"],
};

function encodeCursor(index: CursorIndex, item: Item): string {
  const key = Object.fromEntries(CURSOR_KEYS[index].map((k) => [k, item[k]]));
  return Buffer.from(JSON.stringify({ i: index, k: key })).toString("base64url");
}

function decodeCursor(cursor: string, index: CursorIndex, partition: string): Item {
  const invalid = new BadRequestError("INVALID_CURSOR", {
    sv: "Ogiltig sidmarkör (cursor).",
    en: "Invalid page cursor.",
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const { i, k } = (parsed ?? {}) as { i?: unknown; k?: Record<string, unknown> };
  const names = CURSOR_KEYS[index];
  if (i !== index || !k || Object.keys(k).length !== names.length) throw invalid;
  if (!names.every((n) => typeof k[n] === "string") || k[`${index}PK`] !== partition) throw invalid;
  return k;
}

export class DynamoOfficerStore implements DeadlineStore, ContactStore, OfficerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private transact(items: TransactItem[]): Promise<string[] | undefined> {
    return transactWrite(this.db, items);
  }

  /** A single conditional update; false when its condition failed. */
  private async update(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], "TableName">) {
    try {
      await this.db.send(new UpdateCommand({ ...input, TableName: this.table }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async get<T>(key: Item): Promise<T | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return strip<T>(out.Item);
  }

  private async queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({ ...input, TableName: this.table, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private queuedMail(mail: OutboxMail, nowIso: string): TransactItem {
    const put = outboxPut(this.table, mail, nowIso).Put;
    if (!put) throw new Error("outboxPut without Put");
    return { Put: { ...put, Item: { ...put.Item, GSI1SK: DUE_AT_ONCE } } };
  }

  // ── Opening and the daily job ───────────────────────────────────────────────────────────────

  getOpening(programmeId: string): Promise<ProgrammeOpening | undefined> {
    return this.get<ProgrammeOpening>(officerKeys.opening(programmeId));
  }

  async saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean> {
    const reasons = await this.transact([
      {
        Put: {
          TableName: this.table,
          Item: { ...officerKeys.opening(opening.programmeId), entity: "opening", ...opening },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      auditPut(this.table, audit, `PROG#${opening.programmeId}`),
    ]);
    return reasons === undefined;
  }

  async listLedger(programmeId: string): Promise<AllocationState[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `PROG#${programmeId}`, ":sk": "ALLOC#" },
      ConsistentRead: true,
    });
    return items.map((i) => strip<AllocationState>(i) as AllocationState);
  }

  async listReminderKeys(programmeId: string): Promise<Set<string>> {
    const items = await this.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": `PROG#${programmeId}`, ":sk": "DONE#" },
      ProjectionExpression: "SK",
      ConsistentRead: true,
    });
    return new Set(items.map((i) => String(i.SK).slice("DONE#".length)));
  }

  private reminderWrites({ record, mail }: MarkedMail): TransactItem[] {
    return [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...officerKeys.reminder(record.programmeId, record.kommunkod, record.kind, record.offset),
            entity: "reminder",
            ...record,
          },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      this.queuedMail(mail, record.at),
    ];
  }

  async sendOnce(items: MarkedMail[]): Promise<number> {
    let written = 0;
    for (const chunk of chunks(items, REMINDERS_PER_TRANSACTION)) {
      const reasons = await this.transact(chunk.flatMap((i) => this.reminderWrites(i)));
      if (!reasons) {
        written += chunk.length;
        continue;
      }
      // Someone wrote part of this chunk already (a concurrent or interrupted run): one by one.
      for (const item of chunk) {
        if ((await this.transact(this.reminderWrites(item))) === undefined) written++;
      }
    }
    return written;
  }

  private async parallel<T>(items: readonly T[], run: (item: T) => Promise<boolean>): Promise<number> {
    let done = 0;
    for (const chunk of chunks(items, PARALLEL_UPDATES)) {
      done += (await Promise.all(chunk.map(run))).filter(Boolean).length;
    }
    return done;
  }

  markLapses(marks: LapseMark[]): Promise<number> {
    return this.parallel(marks, (m) => {
      const values: Item = {
        ":amount": m.lapsedAmount,
        ":at": m.at,
        ":extra": m.extra,
      };
      if (m.whole) {
        // The row may not exist yet: create it from the programme data, as createRequisition would.
        return this.update({
          Key: keys.allocation(m.programmeId, m.kommunkod),
          ConditionExpression: "attribute_not_exists(baseRequisitionId) AND attribute_not_exists(lapsedAt)",
          UpdateExpression:
            "SET programmeId = :pid, kommunkod = :k, allocated = :alloc, modelExtra = :mx, requisitioned = if_not_exists(requisitioned, :zero), remaining = if_not_exists(remaining, :alloc), modelExtraRequisitioned = if_not_exists(modelExtraRequisitioned, :zero), lapsed = :true, extraLapsed = :extra, lapsedAmount = :amount, lapsedAt = :at, GSI1PK = :gpk, GSI1SK = :gsk, updatedAt = :at",
          ExpressionAttributeValues: {
            ...values,
            ":pid": m.programmeId,
            ":k": m.kommunkod,
            ":alloc": m.allocated,
            ":mx": m.modelExtra,
            ":zero": 0,
            ":true": true,
            ":gpk": `KOMMUN#${m.kommunkod}`,
            ":gsk": `PROG#${m.programmeId}`,
          },
        });
      }
      return this.update({
        Key: keys.allocation(m.programmeId, m.kommunkod),
        ConditionExpression:
          "attribute_exists(baseRequisitionId) AND attribute_not_exists(lapsedAt) AND requisitioned = :req AND modelExtraRequisitioned = :xreq",
        UpdateExpression: "SET extraLapsed = :extra, lapsedAmount = :amount, lapsedAt = :at, updatedAt = :at",
        ExpressionAttributeValues: { ...values, ":req": m.requisitioned, ":xreq": m.modelExtraRequisitioned },
      });
    });
  }

  markFlags(marks: FlagMark[]): Promise<number> {
    return this.parallel(marks, (m) =>
      this.update({
        Key: keys.allocation(m.programmeId, m.kommunkod),
        ConditionExpression:
          m.flag === "repaymentOverdueAt"
            ? "attribute_exists(PK) AND attribute_not_exists(#flag)"
            : "attribute_exists(baseRequisitionId) AND attribute_not_exists(reportId) AND attribute_not_exists(#flag)",
        UpdateExpression: "SET #flag = :at, updatedAt = :at",
        ExpressionAttributeNames: { "#flag": m.flag },
        ExpressionAttributeValues: { ":at": m.at },
      }),
    );
  }

  async getDigestCursor(programmeId: string): Promise<string | undefined> {
    return (await this.get<{ lastAt: string }>(officerKeys.digest(programmeId)))?.lastAt;
  }

  async saveDigest(d: DigestWrite): Promise<boolean> {
    const reasons = await this.transact([
      this.queuedMail(d.mail, d.at),
      {
        Update: {
          TableName: this.table,
          Key: officerKeys.digest(d.programmeId),
          ConditionExpression: d.previousAt === undefined ? "attribute_not_exists(PK)" : "lastAt = :prev",
          UpdateExpression: "SET lastAt = :at, lastMailId = :mail, entity = :entity",
          ExpressionAttributeValues: {
            ":at": d.at,
            ":mail": d.mail.id,
            ":entity": "digest",
            ...(d.previousAt === undefined ? {} : { ":prev": d.previousAt }),
          },
        },
      },
    ]);
    return reasons === undefined;
  }

  // ── Contact register ────────────────────────────────────────────────────────────────────────

  async listContacts(): Promise<ContactEntry[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": "CONTACTS", ":sk": "KOMMUN#" },
    });
    return items.map((i) => strip<ContactEntry>(i) as ContactEntry);
  }

  getContact(kommunkod: string): Promise<ContactEntry | undefined> {
    return this.get<ContactEntry>(officerKeys.contact(kommunkod));
  }

  async saveContact(entry: ContactEntry, audit: AuditEvent): Promise<void> {
    await this.transact([
      {
        Put: {
          TableName: this.table,
          Item: { ...officerKeys.contact(entry.kommunkod), entity: "contact", ...entry },
        },
      },
      auditPut(this.table, audit, "CONTACTS"),
    ]);
  }

  async saveContacts(entries: ContactEntry[], audit: AuditEvent): Promise<number> {
    for (const chunk of chunks(entries, 25)) {
      let request: Record<string, Item[]> | undefined = {
        [this.table]: chunk.map((e) => ({
          PutRequest: { Item: { ...officerKeys.contact(e.kommunkod), entity: "contact", ...e } },
        })),
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 8) throw new Error("contact register: unprocessed writes after retries");
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: request }));
        request = out.UnprocessedItems as Record<string, Item[]> | undefined;
        if (request && Object.keys(request).length > 0) await sleep(50 * 2 ** attempt);
      }
    }
    const audited = auditPut(this.table, audit, "CONTACTS").Put;
    if (audited) await this.db.send(new PutCommand({ TableName: this.table, Item: audited.Item }));
    return entries.length;
  }

  async hasContacts(): Promise<boolean> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": "CONTACTS", ":sk": "KOMMUN#" },
        Limit: 1,
      }),
    );
    return (out.Items ?? []).length > 0;
  }

  // ── Officer actions ─────────────────────────────────────────────────────────────────────────

  /**
   * A programme's submissions, newest status groups first as GSI2 orders them (status, then
   * time), or one municipality's through GSI1. Filters that are not part of the key are applied
   * while reading, and the cursor is the key of the last submission returned, so no page skips one.
   */
  async listProgrammeSubmissions(q: ProgrammeSubmissionQuery): Promise<SubmissionPage> {
    const index: CursorIndex = q.kommunkod ? "GSI1" : "GSI2";
    const partition = q.kommunkod ? `KOMMUN#${q.kommunkod}` : `PROG#${q.programmeId}`;
    const names: Record<string, string> = {};
    const values: Item = { ":pk": partition };
    const filters: string[] = [];
    let keyCondition: string;
    if (index === "GSI1") {
      keyCondition = "GSI1PK = :pk AND begins_with(GSI1SK, :sk)";
      values[":sk"] = `SUB#${q.programmeId}#`;
      if (q.status) {
        filters.push("#status = :status");
        names["#status"] = "status";
        values[":status"] = q.status;
      }
    } else if (q.status) {
      keyCondition = "GSI2PK = :pk AND begins_with(GSI2SK, :sk)";
      values[":sk"] = `${q.status}#`;
    } else {
      keyCondition = "GSI2PK = :pk";
    }
    if (q.kind) {
      filters.push("#kind = :kind");
      names["#kind"] = "kind";
      values[":kind"] = q.kind;
    }
    let start = q.cursor ? decodeCursor(q.cursor, index, partition) : undefined;
    const found: Item[] = [];
    let nextCursor: string | undefined;
    for (;;) {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index,
          KeyConditionExpression: keyCondition,
          ...(filters.length > 0 ? { FilterExpression: filters.join(" AND ") } : {}),
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          Limit: q.limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const items = out.Items ?? [];
      const room = q.limit - found.length;
      found.push(...items.slice(0, room));
      const last = found.at(-1);
      if (items.length > room || (found.length === q.limit && out.LastEvaluatedKey)) {
        if (last) nextCursor = encodeCursor(index, last);
        break;
      }
      if (!out.LastEvaluatedKey) break;
      start = out.LastEvaluatedKey;
    }
    return {
      submissions: found.map((i) => strip<Submission>(i) as Submission),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async decide(w: DecisionWrite): Promise<void> {
    const s = w.submission;
    const reason = w.decision.reason;
    const reasons = await this.transact([
      {
        Update: {
          TableName: this.table,
          Key: keys.submission(s.id),
          ConditionExpression: "#status = :received",
          UpdateExpression: `SET #status = :to, GSI2SK = :g2, decision = :decision, updatedAt = :now${reason ? ", statusReason = :reason" : ""}`,
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":received": "received",
            ":to": w.status,
            ":g2": gsi2Key(w.status, s.createdAt, s.id),
            ":decision": w.decision,
            ":now": w.decision.at,
            ...(reason ? { ":reason": reason } : {}),
          },
        },
      },
      auditPut(this.table, w.audit, `SUB#${s.id}`),
      ...w.mails.map((m) => outboxPut(this.table, m, w.decision.at)),
    ]);
    if (!reasons) return;
    const now = await this.get<Submission>(keys.submission(s.id));
    throw conflicts.notDecidable(now?.status ?? s.status);
  }

  async recordPayment(w: PaymentWrite): Promise<void> {
    const s = w.submission;
    const reasons = await this.transact([
      {
        Update: {
          TableName: this.table,
          Key: keys.submission(s.id),
          ConditionExpression:
            "#kind = :requisition AND #status = :approved AND attribute_not_exists(payment)",
          UpdateExpression: "SET payment = :payment, updatedAt = :now",
          ExpressionAttributeNames: { "#status": "status", "#kind": "kind" },
          ExpressionAttributeValues: {
            ":requisition": "requisition",
            ":approved": "approved",
            ":payment": w.payment,
            ":now": w.payment.recordedAt,
          },
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.allocation(s.programmeId, s.kommunkod),
          ConditionExpression: "attribute_exists(PK)",
          UpdateExpression: "ADD paid :amount SET lastPaidOn = :on, updatedAt = :now",
          ExpressionAttributeValues: {
            ":amount": w.payment.amount,
            ":on": w.payment.paidOn,
            ":now": w.payment.recordedAt,
          },
        },
      },
      auditPut(this.table, w.audit, `SUB#${s.id}`),
    ]);
    if (!reasons) return;
    const now = await this.get<Submission>(keys.submission(s.id));
    if (now?.payment) throw conflicts.paymentAlreadyRecorded();
    throw conflicts.paymentNotAllowed(now?.status ?? s.status);
  }

  async recordRepayment(w: RepaymentWrite): Promise<"recorded" | "replayed" | "stale"> {
    const r = w.repayment;
    const reasons = await this.transact([
      {
        Put: {
          TableName: this.table,
          Item: { ...officerKeys.repayment(r.programmeId, r.kommunkod, r.id), entity: "repayment", ...r },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.allocation(r.programmeId, r.kommunkod),
          ConditionExpression:
            w.previousRepaid === 0
              ? "attribute_exists(baseRequisitionId) AND (attribute_not_exists(repaid) OR repaid = :prev)"
              : "attribute_exists(baseRequisitionId) AND repaid = :prev",
          UpdateExpression: "ADD repaid :amount SET lastRepaidOn = :on, updatedAt = :now",
          ExpressionAttributeValues: {
            ":prev": w.previousRepaid,
            ":amount": r.amount,
            ":on": r.date,
            ":now": r.recordedAt,
          },
        },
      },
      auditPut(this.table, w.audit, `PROG#${r.programmeId}`),
    ]);
    if (!reasons) return "recorded";
    return reasons[0] === "ConditionalCheckFailed" ? "replayed" : "stale";
  }

  getRepayment(programmeId: string, kommunkod: string, id: string): Promise<Repayment | undefined> {
    return this.get<Repayment>(officerKeys.repayment(programmeId, kommunkod, id));
  }

  /** The ledger update a correction makes, by what it corrects. */
  private reservationUpdate(w: ReplacementWrite): TransactItem {
    const { submission: s, replaced: old } = w;
    const key = keys.allocation(s.programmeId, s.kommunkod);
    const at = s.createdAt;
    if (s.kind === "report") {
      return {
        Update: {
          TableName: this.table,
          Key: key,
          ConditionExpression: "reportId = :old",
          UpdateExpression: "SET reportId = :new, repaymentDue = :unspent, updatedAt = :now",
          ExpressionAttributeValues: { ":old": old.id, ":new": s.id, ":unspent": s.unspent ?? 0, ":now": at },
        },
      };
    }
    const extra = s.grantKind === "model-extra";
    const [idField, sumField, restField] = extra
      ? ["extraRequisitionId", "modelExtraRequisitioned", "modelExtraRemaining"]
      : ["baseRequisitionId", "requisitioned", "remaining"];
    // Release the returned amount and reserve the corrected one: one delta, one condition.
    const delta = s.amount - old.amount;
    const lapse = w.afterLapse ? ", lapsedAmount = lapsedAmount - :delta" : "";
    return {
      Update: {
        TableName: this.table,
        Key: key,
        ConditionExpression: `${idField} = :old AND ${restField} >= :delta AND ${w.afterLapse ? "attribute_exists(lapsedAt)" : "attribute_not_exists(lapsedAt)"}`,
        UpdateExpression: `SET ${idField} = :new, ${sumField} = ${sumField} + :delta, ${restField} = ${restField} - :delta, updatedAt = :now${lapse}`,
        ExpressionAttributeValues: { ":old": old.id, ":new": s.id, ":delta": delta, ":now": at },
      },
    };
  }

  async replaceSubmission(w: ReplacementWrite): Promise<void> {
    const { submission: s, replaced: old, attachment, audit, mails } = w;
    const reasons = await this.transact([
      {
        Update: {
          TableName: this.table,
          Key: keys.submission(old.id),
          ConditionExpression: "#status = :returned AND attribute_not_exists(replacedBy)",
          UpdateExpression: "SET replacedBy = :new, updatedAt = :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":returned": "returned", ":new": s.id, ":now": s.createdAt },
        },
      },
      this.reservationUpdate(w),
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
      auditPut(
        this.table,
        { ...audit, action: "submission.replaced", submissionId: old.id },
        `SUB#${old.id}`,
      ),
      ...mails.map((m) => outboxPut(this.table, m, s.createdAt)),
    ]);
    if (!reasons) return;
    if (reasons[0] === "ConditionalCheckFailed") {
      const now = await this.get<Submission>(keys.submission(old.id));
      throw now?.replacedBy ? conflicts.alreadyReplaced() : conflicts.notReturned();
    }
    throw conflicts.ledgerChanged();
  }
}

/** What the daily job needs; the CLI builds it without S3. */
export function deadlineDeps(
  db: DynamoDBDocumentClient,
  table: string,
  clock: Clock,
  webBaseUrl?: string,
): DeadlineDeps {
  const store = new DynamoOfficerStore(db, table);
  return {
    deadlines: store,
    contacts: store,
    ledger: new DynamoLedgerStore(db, table),
    clock,
    ...(webBaseUrl ? { webBaseUrl } : {}),
  };
}

/** Everything the officer functions and the daily job need (no S3), built once per cold start. */
export function officerDeps(config: Config): OfficerDeps {
  const db = createDocumentClient();
  const store = new DynamoOfficerStore(db, config.TABLE_NAME);
  const ledger = new DynamoLedgerStore(db, config.TABLE_NAME);
  return {
    store: ledger,
    ledger,
    officer: store,
    deadlines: store,
    contacts: store,
    clock: clockFromEnv(),
    ...(config.WEB_BASE_URL ? { webBaseUrl: config.WEB_BASE_URL } : {}),
  };
}
