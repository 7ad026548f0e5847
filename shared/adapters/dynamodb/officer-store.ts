import type {
  DecisionWrite,
  OfficerStore,
  PaymentProposalWrite,
  PaymentWrite,
  ProgrammeSubmissionQuery,
  RepaymentAttestWrite,
  RepaymentProposalWrite,
  SubmissionPage,
} from "../../officer/ports.ts";
import { conflicts } from "../../submissions/conflicts.ts";
import type { AllocationState, Repayment, Submission } from "../../submissions/model.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { attachmentItem, auditPut, outboxPut, submissionAuditPut } from "./items.ts";
import { gsi1, gsi2, INDEX, type IndexName, keys, partition, sortPrefix } from "./keys.ts";
import { releaseOp } from "./ledger-ops.ts";
import { ledgerRows } from "./ledger-rows.ts";
import { type DynamoTable, type Item, strip, type TableOp } from "./table.ts";
import { attachmentTransitionOp, submissionTransitionOp } from "./transitions.ts";

/** The officer's records: decisions and payments on submissions, repayments, the paged lists. */
export class DynamoOfficerStore implements OfficerStore {
  constructor(private readonly table: DynamoTable) {}

  /**
   * A programme's submissions, newest status groups first as GSI2 orders them (status, then
   * time), or one municipality's through GSI1. Filters that are not part of the key are applied
   * while reading, and the cursor is the key of the last submission returned, so no page skips one.
   */
  async listProgrammeSubmissions(q: ProgrammeSubmissionQuery): Promise<SubmissionPage> {
    const index: IndexName = q.kommunkod ? INDEX.gsi1 : INDEX.gsi2;
    const partitionKey = q.kommunkod ? gsi1.kommun(q.kommunkod) : gsi2.programme(q.programmeId);
    const names: Record<string, string> = {};
    const values: Item = { ":pk": partitionKey };
    const filters: string[] = [];
    let keyCondition: string;
    if (index === INDEX.gsi1) {
      keyCondition = "GSI1PK = :pk AND begins_with(GSI1SK, :sk)";
      values[":sk"] = gsi1.submissionPrefix(q.programmeId);
      if (q.status) {
        filters.push("#status = :status");
        names["#status"] = "status";
        values[":status"] = q.status;
      }
    } else if (q.status) {
      keyCondition = "GSI2PK = :pk AND begins_with(GSI2SK, :sk)";
      values[":sk"] = gsi2.statusPrefix(q.status);
    } else {
      keyCondition = "GSI2PK = :pk";
    }
    if (q.kind) {
      filters.push("#kind = :kind");
      names["#kind"] = "kind";
      values[":kind"] = q.kind;
    }
    let start = q.cursor ? decodeCursor(q.cursor, index, partitionKey) : undefined;
    const found: Item[] = [];
    let nextCursor: string | undefined;
    for (;;) {
      const out = await this.table.query({
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ...(filters.length > 0 ? { FilterExpression: filters.join(" AND ") } : {}),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        Limit: q.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
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
    const { transition } = w.change;
    const head: TableOp[] = [
      submissionTransitionOp(transition, w.change.set ?? {}, w.change.remove ?? []),
      ...(w.request
        ? [{ Put: { Item: attachmentItem(w.request), ConditionExpression: "attribute_not_exists(PK)" } }]
        : []),
      ...(w.release ? [releaseOp(w.release)] : []),
    ];
    const slots = (w.voided ?? []).map((t) => attachmentTransitionOp(t));
    const reasons = await this.table.transact([
      ...head,
      ...slots,
      submissionAuditPut(w.audit, transition.id),
      ...w.mails.map((m) => outboxPut(m, transition.at)),
    ]);
    if (!reasons) return;
    if (reasons[0] !== "ConditionalCheckFailed") {
      // A slot that moved since the read (an upload began) is the submission changing, not the ledger.
      const slotMoved = reasons
        .slice(head.length, head.length + slots.length)
        .includes("ConditionalCheckFailed");
      throw slotMoved ? conflicts.submissionChanged() : conflicts.ledgerChanged();
    }
    const now = await this.table.get<Submission>(keys.submission(transition.id));
    throw now?.status === transition.from
      ? conflicts.submissionChanged()
      : conflicts.notDecidable(now?.status ?? "");
  }

  async proposePayment(w: PaymentProposalWrite): Promise<void> {
    const { transition } = w.change;
    const reasons = await this.table.transact([
      submissionTransitionOp(transition, w.change.set ?? {}, w.change.remove ?? []),
      submissionAuditPut(w.audit, transition.id),
    ]);
    if (!reasons) return;
    const now = await this.table.get<Submission>(keys.submission(transition.id));
    if (now?.payment) throw conflicts.paymentAlreadyRecorded();
    // Another officer proposed at the same time: reload and see their proposal.
    throw now?.status === transition.from || now?.status === "payment-proposed"
      ? conflicts.submissionChanged()
      : conflicts.paymentNotAllowed(now?.status ?? transition.from);
  }

  async attestPayment(w: PaymentWrite): Promise<void> {
    const { transition } = w.change;
    const reasons = await this.table.transact([
      submissionTransitionOp(transition, w.change.set ?? {}, w.change.remove ?? []),
      {
        Update: {
          Key: keys.allocation(w.programmeId, w.kommunkod),
          ConditionExpression: "attribute_exists(PK)",
          UpdateExpression: "ADD paid :amount SET lastPaidOn = :on, updatedAt = :now",
          ExpressionAttributeValues: {
            ":amount": w.payment.amount,
            ":on": w.payment.paidOn,
            ":now": w.payment.attestedAt,
          },
        },
      },
      submissionAuditPut(w.audit, transition.id),
      ...w.mails.map((m) => outboxPut(m, transition.at)),
    ]);
    if (!reasons) return;
    const now = await this.table.get<Submission>(keys.submission(transition.id));
    if (now?.payment) throw conflicts.paymentAlreadyRecorded();
    // Another officer proposed anew meanwhile: what was checked is no longer what would be paid.
    if (now?.paymentProposal && now.paymentProposal.id !== w.payment.proposalId)
      throw conflicts.proposalSuperseded();
    throw conflicts.paymentNotAllowed(now?.status ?? transition.from);
  }

  async proposeRepayment(w: RepaymentProposalWrite): Promise<"recorded" | "replayed"> {
    const r = w.repayment;
    const reasons = await this.table.transact([
      {
        Put: {
          Item: { ...keys.repayment(r.programmeId, r.kommunkod, r.id), entity: "repayment", ...r },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      {
        Update: {
          Key: keys.allocation(r.programmeId, r.kommunkod),
          ConditionExpression: "attribute_exists(baseRequisitionId)",
          UpdateExpression: "ADD repaymentProposed :amount SET updatedAt = :now",
          ExpressionAttributeValues: { ":amount": r.amount, ":now": r.proposedAt },
        },
      },
      auditPut(w.audit, partition.programme(r.programmeId)),
    ]);
    if (!reasons) return "recorded";
    if (reasons[0] === "ConditionalCheckFailed") return "replayed";
    throw conflicts.nothingToRepay();
  }

  async attestRepayment(w: RepaymentAttestWrite): Promise<"recorded" | "attested" | "stale"> {
    const r = w.repayment;
    const reasons = await this.table.transact([
      {
        Update: {
          Key: keys.repayment(r.programmeId, r.kommunkod, r.id),
          ConditionExpression: "#status = :proposed",
          UpdateExpression: "SET #status = :attested, attestedBy = :by, attestedAt = :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":proposed": "proposed",
            ":attested": "attested",
            ":by": r.attestedBy,
            ":now": r.attestedAt,
          },
        },
      },
      {
        Update: {
          Key: keys.allocation(r.programmeId, r.kommunkod),
          ConditionExpression:
            w.previousRepaid === 0
              ? "attribute_exists(baseRequisitionId) AND (attribute_not_exists(repaid) OR repaid = :prev)"
              : "attribute_exists(baseRequisitionId) AND repaid = :prev",
          UpdateExpression:
            "ADD repaid :amount, repaymentProposed :minus SET lastRepaidOn = :on, updatedAt = :now",
          ExpressionAttributeValues: {
            ":prev": w.previousRepaid,
            ":amount": r.amount,
            ":minus": -r.amount,
            ":on": r.date,
            ":now": r.attestedAt,
          },
        },
      },
      auditPut(w.audit, partition.programme(r.programmeId)),
    ]);
    if (!reasons) return "recorded";
    return reasons[0] === "ConditionalCheckFailed" ? "attested" : "stale";
  }

  getRepayment(programmeId: string, kommunkod: string, id: string): Promise<Repayment | undefined> {
    return this.table.get<Repayment>(keys.repayment(programmeId, kommunkod, id));
  }

  async listRepayments(programmeId: string): Promise<Repayment[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": partition.programme(programmeId), ":sk": sortPrefix.repayments },
      ConsistentRead: true,
    });
    return items.map((i) => strip<Repayment>(i) as Repayment);
  }

  listLedger(programmeId: string): Promise<AllocationState[]> {
    return ledgerRows(this.table, programmeId);
  }
}
