import type {
  DeadlineStore,
  DigestWrite,
  FlagMark,
  LapseMark,
  MarkedMail,
  ReturnedLapse,
} from "../../deadlines/ports.ts";
import type { AllocationState } from "../../submissions/model.ts";
import { outboxPut, submissionAuditPut } from "./items.ts";
import { gsi1, keys, partition, reminderMarkerOf, sortPrefix } from "./keys.ts";
import { releaseOp } from "./ledger-ops.ts";
import { ledgerRows } from "./ledger-rows.ts";
import { chunks, type DynamoTable, type Item, type TableOp } from "./table.ts";
import { submissionTransitionOp } from "./transitions.ts";

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
/** Chunks of reminders written at the same time. */
const PARALLEL_TRANSACTIONS = 4;

/** What the daily job marks and sends: reminder records with their mail, lapses, flags, digests. */
export class DynamoDeadlineStore implements DeadlineStore {
  constructor(private readonly table: DynamoTable) {}

  listLedger(programmeId: string): Promise<AllocationState[]> {
    return ledgerRows(this.table, programmeId);
  }

  async listReminderKeys(programmeId: string): Promise<Set<string>> {
    const items = await this.table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": partition.programme(programmeId), ":sk": sortPrefix.reminder },
      ProjectionExpression: "SK",
      ConsistentRead: true,
    });
    return new Set(items.map((i) => reminderMarkerOf(String(i.SK))));
  }

  private reminderWrites({ record, mail }: MarkedMail): TableOp[] {
    return [
      {
        Put: {
          Item: {
            ...keys.reminder(record.programmeId, record.kommunkod, record.kind, record.offset),
            entity: "reminder",
            ...record,
          },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      outboxPut(mail, record.at, DUE_AT_ONCE),
    ];
  }

  async sendOnce(items: MarkedMail[]): Promise<number> {
    // Chunks are independent (each mail has its own marker), so a few go at once: an announcement
    // to 290 municipalities must fit in the API's 30 s with room to spare.
    const queue = chunks(items, REMINDERS_PER_TRANSACTION);
    const lane = async () => {
      let written = 0;
      for (let chunk = queue.shift(); chunk; chunk = queue.shift()) written += await this.sendChunk(chunk);
      return written;
    };
    const counts = await Promise.all(Array.from({ length: PARALLEL_TRANSACTIONS }, lane));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  private async sendChunk(chunk: MarkedMail[]): Promise<number> {
    const reasons = await this.table.transact(chunk.flatMap((i) => this.reminderWrites(i)));
    if (!reasons) return chunk.length;
    // Someone wrote part of this chunk already (a concurrent or interrupted run): one by one.
    let written = 0;
    for (const item of chunk) {
      if ((await this.table.transact(this.reminderWrites(item))) === undefined) written++;
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
      const values: Item = { ":amount": m.lapsedAmount, ":at": m.at, ":extra": m.extra };
      if (m.whole) {
        // The row may not exist yet: create it from the programme data, as createRequisition would.
        return this.table.update({
          Key: keys.allocation(m.programmeId, m.kommunkod),
          // An allocation corrected since the plan read the programme is not lapsed at the old
          // amount: tomorrow's run plans it again on the corrected one.
          ConditionExpression:
            "attribute_not_exists(baseRequisitionId) AND attribute_not_exists(lapsedAt) AND (attribute_not_exists(allocated) OR allocated = :alloc)",
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
            ":gpk": gsi1.kommun(m.kommunkod),
            ":gsk": gsi1.allocationSort(m.programmeId),
          },
        });
      }
      return this.table.update({
        Key: keys.allocation(m.programmeId, m.kommunkod),
        ConditionExpression:
          "attribute_exists(baseRequisitionId) AND attribute_not_exists(lapsedAt) AND requisitioned = :req AND modelExtraRequisitioned = :xreq AND allocated = :alloc",
        UpdateExpression: "SET extraLapsed = :extra, lapsedAmount = :amount, lapsedAt = :at, updatedAt = :at",
        ExpressionAttributeValues: {
          ...values,
          ":req": m.requisitioned,
          ":xreq": m.modelExtraRequisitioned,
          ":alloc": m.allocated,
        },
      });
    });
  }

  markFlags(marks: FlagMark[]): Promise<number> {
    return this.parallel(marks, (m) =>
      this.table.update({
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
    return (await this.table.get<{ lastAt: string }>(keys.digest(programmeId)))?.lastAt;
  }

  async saveDigest(d: DigestWrite): Promise<boolean> {
    const reasons = await this.table.transact([
      outboxPut(d.mail, d.at, DUE_AT_ONCE),
      {
        Update: {
          Key: keys.digest(d.programmeId),
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

  async lapseReturned(l: ReturnedLapse): Promise<boolean> {
    const { transition } = l.change;
    const reasons = await this.table.transact([
      submissionTransitionOp(transition, l.change.set ?? {}, l.change.remove ?? []),
      releaseOp(l.release),
      submissionAuditPut(l.audit, transition.id),
      ...l.mails.map((m) => outboxPut(m, transition.at, DUE_AT_ONCE)),
    ]);
    return reasons === undefined;
  }
}
