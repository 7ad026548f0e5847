import type { AuditEvent } from "../../audit.ts";
import { conflicts, IdempotentReplay } from "../../submissions/conflicts.ts";
import type { AllocationState, Attachment, ScanVerdict, Submission } from "../../submissions/model.ts";
import type {
  IdempotencyRecord,
  NewSubmission,
  ReplacementWrite,
  SettleWrite,
  SlotWrite,
  SubmissionChange,
  SubmissionDetail,
  SubmissionFilter,
  SubmissionStore,
} from "../../submissions/ports.ts";
import { attachmentItem, isId, outboxPut, submissionAuditPut, submissionItem } from "./items.ts";
import { gsi1, gsi2, INDEX, keys, partition, SUBMISSION_SK, sortPrefix } from "./keys.ts";
import { type DynamoTable, type Item, strip, type TableOp } from "./table.ts";
import { attachmentTransitionOp, submissionTransitionOp, submissionUnchangedOp } from "./transitions.ts";

/** Reads of a municipality's or a programme's submissions stop here; far beyond any real count. */
const READ_LIMIT = 5000;

/** Submissions, their upload slots and the allocation rows they reserve, on the one table. */
export class DynamoSubmissionStore implements SubmissionStore {
  constructor(
    private readonly table: DynamoTable,
    /** Programme ids, for listing every programme's submissions (officers without a filter). */
    private readonly programmeIds: () => Promise<readonly string[]> | readonly string[],
  ) {}

  getAllocation(programmeId: string, kommunkod: string): Promise<AllocationState | undefined> {
    return this.table.get<AllocationState>(keys.allocation(programmeId, kommunkod));
  }

  async listAllocationsOf(kommunkod: string): Promise<AllocationState[]> {
    const items = await this.table.queryAll(
      {
        IndexName: INDEX.gsi1,
        KeyConditionExpression: "GSI1PK = :pk AND begins_with(GSI1SK, :sk)",
        ExpressionAttributeValues: { ":pk": gsi1.kommun(kommunkod), ":sk": gsi1.allocationPrefix },
      },
      READ_LIMIT,
    );
    return items.map((i) => strip<AllocationState>(i) as AllocationState);
  }

  findIdempotency(kommunkod: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.table.get<IdempotencyRecord>(keys.idempotency(kommunkod, key));
  }

  /** The writes every new submission shares: the submission, its first upload slot, audit, mail, key. */
  private submissionWrites(input: NewSubmission): TableOp[] {
    const { submission: s, attachment, audit, mails, idempotency } = input;
    const ops: TableOp[] = [
      { Put: { Item: submissionItem(s), ConditionExpression: "attribute_not_exists(PK)" } },
      { Put: { Item: attachmentItem(attachment) } },
      submissionAuditPut(audit, s.id),
      ...mails.map((m) => outboxPut(m, s.createdAt)),
    ];
    if (idempotency) {
      ops.push({
        Put: {
          Item: {
            ...keys.idempotency(idempotency.kommunkod, idempotency.key),
            entity: "idempotency",
            ...idempotency,
          },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      });
    }
    return ops;
  }

  /**
   * The programme is not closed and is still the version the submission was validated against,
   * checked in the same transaction as the write: a closing or a new version (a corrected
   * allocation, a moved deadline, a new question) takes effect at once, whatever a function's
   * cached copy of the programme says.
   */
  private programmeOpen(programmeId: string, version: number): TableOp {
    return {
      ConditionCheck: {
        Key: keys.programme(programmeId),
        ConditionExpression: "attribute_not_exists(closed) AND version = :v",
        ExpressionAttributeValues: { ":v": version },
      },
    };
  }

  private async throwIfClosed(
    programmeId: string,
    reason: string | undefined,
    version: number,
  ): Promise<void> {
    if (reason !== "ConditionalCheckFailed") return;
    const programme = await this.table.get<{ closed?: { on: string }; version?: number }>(
      keys.programme(programmeId),
    );
    if (programme?.closed) throw conflicts.programmeClosed(programme.closed.on);
    if (programme?.version !== version) throw conflicts.programmeChanged();
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
      ":gpk": gsi1.kommun(s.kommunkod),
      ":gsk": gsi1.allocationSort(s.programmeId),
      ":now": s.createdAt,
    };
    // The ledger row is created on first use from the programme data, so there is no seeding step.
    const init =
      "programmeId = :pid, kommunkod = :k, allocated = :alloc, modelExtra = :extra, lapsed = if_not_exists(lapsed, :false), GSI1PK = :gpk, GSI1SK = :gsk, updatedAt = :now";
    // A row not yet written starts at the programme's amounts: the amount is compared with them
    // here, and with what remains once the row exists.
    const fresh = (remaining: string, start: number) =>
      s.amount <= start
        ? `(attribute_not_exists(${remaining}) OR ${remaining} >= :amount)`
        : `${remaining} >= :amount`;
    const update: TableOp = {
      Update: {
        Key: keys.allocation(s.programmeId, s.kommunkod),
        ...(extra
          ? {
              ConditionExpression: `attribute_exists(baseRequisitionId) AND attribute_not_exists(extraRequisitionId) AND lapsed = :false AND ${fresh("modelExtraRemaining", input.modelExtra)}`,
              UpdateExpression: `SET ${init}, extraRequisitionId = :id, modelExtraRequisitioned = if_not_exists(modelExtraRequisitioned, :zero) + :amount, modelExtraRemaining = if_not_exists(modelExtraRemaining, :extra) - :amount`,
            }
          : {
              ConditionExpression: `attribute_not_exists(baseRequisitionId) AND (attribute_not_exists(lapsed) OR lapsed = :false) AND ${fresh("remaining", input.allocated)}`,
              UpdateExpression: `SET ${init}, baseRequisitionId = :id, requisitioned = if_not_exists(requisitioned, :zero) + :amount, remaining = if_not_exists(remaining, :alloc) - :amount, modelExtraRequisitioned = if_not_exists(modelExtraRequisitioned, :zero)`,
            }),
        ExpressionAttributeValues: common,
      },
    };
    const reasons = await this.table.transact([
      update,
      this.programmeOpen(s.programmeId, input.programmeVersion),
      ...this.submissionWrites(input),
    ]);
    if (!reasons) return;
    await this.throwIfReplay(input, reasons);
    await this.throwIfClosed(s.programmeId, reasons[1], input.programmeVersion);
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

  async createReport(input: NewSubmission & { paid: number; repaymentDue: number }): Promise<void> {
    const s = input.submission;
    const update: TableOp = {
      Update: {
        Key: keys.allocation(s.programmeId, s.kommunkod),
        // The report is reconciled with the payments on record as they were read: a payment
        // registered meanwhile fails the write instead of leaving a report that contradicts it.
        ConditionExpression:
          "attribute_exists(baseRequisitionId) AND attribute_not_exists(reportId) AND paid = :paid",
        UpdateExpression: "SET reportId = :id, repaymentDue = :due, updatedAt = :now",
        ExpressionAttributeValues: {
          ":id": s.id,
          ":due": input.repaymentDue,
          ":paid": input.paid,
          ":now": s.createdAt,
        },
      },
    };
    const reasons = await this.table.transact([
      update,
      this.programmeOpen(s.programmeId, input.programmeVersion),
      ...this.submissionWrites(input),
    ]);
    if (!reasons) return;
    await this.throwIfReplay(input, reasons);
    await this.throwIfClosed(s.programmeId, reasons[1], input.programmeVersion);
    const state = await this.getAllocation(s.programmeId, s.kommunkod);
    if (state?.reportId) throw conflicts.alreadyReported();
    if (!state?.baseRequisitionId) throw conflicts.requisitionRequired();
    throw conflicts.ledgerChanged();
  }

  /** The ledger update a correction makes, by what it corrects. */
  private reservationUpdate(w: ReplacementWrite): TableOp {
    const { submission: s, replaced: old } = w;
    const key = keys.allocation(s.programmeId, s.kommunkod);
    const at = s.createdAt;
    if (s.kind === "report") {
      return {
        Update: {
          Key: key,
          // Like a first report: reconciled with the payments as read, or refused; and never owing
          // less than has been repaid already.
          ConditionExpression:
            "reportId = :old AND paid = :paid AND (attribute_not_exists(repaid) OR repaid <= :unspent)",
          UpdateExpression: "SET reportId = :new, repaymentDue = :unspent, updatedAt = :now",
          ExpressionAttributeValues: {
            ":old": old.id,
            ":new": s.id,
            ":unspent": s.unspent ?? 0,
            ":paid": w.paid ?? 0,
            ":now": at,
          },
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
        Key: key,
        ConditionExpression: `${idField} = :old AND ${restField} >= :delta AND ${w.afterLapse ? "attribute_exists(lapsedAt)" : "attribute_not_exists(lapsedAt)"}`,
        UpdateExpression: `SET ${idField} = :new, ${sumField} = ${sumField} + :delta, ${restField} = ${restField} - :delta, updatedAt = :now${lapse}`,
        ExpressionAttributeValues: { ":old": old.id, ":new": s.id, ":delta": delta, ":now": at },
      },
    };
  }

  async replaceSubmission(w: ReplacementWrite): Promise<void> {
    const { submission: s, replaced: old, replacement, voided, attachment, audit, mails } = w;
    const reasons = await this.table.transact([
      change(replacement),
      ...voided.map((t) => attachmentTransitionOp(t)),
      this.reservationUpdate(w),
      { Put: { Item: submissionItem(s), ConditionExpression: "attribute_not_exists(PK)" } },
      { Put: { Item: attachmentItem(attachment) } },
      submissionAuditPut(audit, s.id),
      submissionAuditPut({ ...audit, action: "submission.replaced", submissionId: old.id }, old.id),
      ...mails.map((m) => outboxPut(m, s.createdAt)),
      this.programmeOpen(s.programmeId, w.programmeVersion),
    ]);
    if (!reasons) return;
    await this.throwIfClosed(s.programmeId, reasons.at(-1), w.programmeVersion);
    const firstFailed = reasons.indexOf("ConditionalCheckFailed");
    if (firstFailed === 0) {
      const now = await this.getSubmission(old.id);
      throw now?.status === "replaced" ? conflicts.alreadyReplaced() : conflicts.submissionChanged();
    }
    if (firstFailed <= voided.length) throw conflicts.submissionChanged();
    throw conflicts.ledgerChanged();
  }

  getSubmission(id: string): Promise<Submission | undefined> {
    if (!isId(id)) return Promise.resolve(undefined);
    return this.table.get<Submission>(keys.submission(id));
  }

  async getSubmissionDetail(id: string): Promise<SubmissionDetail | undefined> {
    if (!isId(id)) return undefined;
    const items = await this.table.queryAll(
      {
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": partition.submission(id) },
        ConsistentRead: true,
      },
      READ_LIMIT,
    );
    const submission = strip<Submission>(items.find((i) => i.SK === SUBMISSION_SK));
    if (!submission) return undefined;
    const of = <T>(prefix: string) =>
      items.filter((i) => String(i.SK).startsWith(prefix)).map((i) => strip<T>(i) as T);
    return {
      submission,
      attachments: of<Attachment>(sortPrefix.attachment),
      audit: of<AuditEvent>(sortPrefix.audit),
    };
  }

  async listSubmissions(filter: SubmissionFilter): Promise<Submission[]> {
    let items: Item[];
    if (filter.kommunkod) {
      items = await this.table.queryAll(
        {
          IndexName: INDEX.gsi1,
          KeyConditionExpression: "GSI1PK = :pk AND begins_with(GSI1SK, :sk)",
          ExpressionAttributeValues: {
            ":pk": gsi1.kommun(filter.kommunkod),
            ":sk": gsi1.submissionPrefix(filter.programmeId),
          },
        },
        READ_LIMIT,
      );
      if (filter.status) items = items.filter((i) => i.status === filter.status);
    } else {
      const programmeIds = filter.programmeId ? [filter.programmeId] : await this.programmeIds();
      const perProgramme = await Promise.all(
        programmeIds.map((pid) =>
          this.table.queryAll(
            {
              IndexName: INDEX.gsi2,
              KeyConditionExpression: filter.status
                ? "GSI2PK = :pk AND begins_with(GSI2SK, :sk)"
                : "GSI2PK = :pk",
              ExpressionAttributeValues: {
                ":pk": gsi2.programme(pid),
                ...(filter.status ? { ":sk": gsi2.statusPrefix(filter.status) } : {}),
              },
            },
            READ_LIMIT,
          ),
        ),
      );
      items = perProgramme.flat();
    }
    return items
      .map((i) => strip<Submission>(i) as Submission)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  getAttachment(submissionId: string, attachmentId: string): Promise<Attachment | undefined> {
    if (!isId(submissionId) || !isId(attachmentId)) return Promise.resolve(undefined);
    return this.table.get<Attachment>(keys.attachment(submissionId, attachmentId));
  }

  async grantSlot(w: SlotWrite): Promise<void> {
    const a = w.attachment;
    const ops: TableOp[] = [
      w.granted
        ? attachmentTransitionOp(w.granted, { key: a.key, maxBytes: a.maxBytes, slotAt: a.createdAt })
        : { Put: { Item: attachmentItem(a), ConditionExpression: "attribute_not_exists(PK)" } },
      ...w.voided.map((t) => attachmentTransitionOp(t)),
      "transition" in w.submission ? change(w.submission) : submissionUnchangedOp(w.submission),
      submissionAuditPut(w.audit, a.submissionId),
    ];
    if (await this.table.transact(ops)) throw conflicts.submissionChanged();
  }

  async settle(w: SettleWrite): Promise<boolean> {
    const ops: TableOp[] = [
      attachmentTransitionOp(w.attachment, w.found),
      "transition" in w.submission ? change(w.submission) : submissionUnchangedOp(w.submission),
      submissionAuditPut(w.audit, w.attachment.submissionId),
      ...w.mails.map((m) => outboxPut(m, w.audit.at)),
    ];
    return (await this.table.transact(ops)) === undefined;
  }

  recordVerdict(a: Attachment, verdict: ScanVerdict): Promise<boolean> {
    return this.table.update({
      Key: keys.attachment(a.submissionId, a.id),
      ConditionExpression: "#status = :pending AND #revision = :revision AND attribute_not_exists(#scan)",
      // The revision moves, so a check that read the attachment before the verdict fails its write
      // and reads again (and then settles by the verdict). SCAN is a reserved word: it needs a name.
      UpdateExpression: "SET #scan = :scan, #revision = #revision + :one",
      ExpressionAttributeNames: { "#status": "status", "#revision": "revision", "#scan": "scan" },
      ExpressionAttributeValues: {
        ":pending": "pending",
        ":revision": a.revision,
        ":scan": verdict,
        ":one": 1,
      },
    });
  }
}

/** A submission's transition with the fields it writes. */
function change(c: SubmissionChange): TableOp {
  return submissionTransitionOp(c.transition, c.set ?? {}, c.remove ?? []);
}
