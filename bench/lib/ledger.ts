/**
 * Reads the ledger straight from the table (not through the API) so the contention checks see
 * what was actually written, and resets the table between benchmark phases: a municipality can
 * requisition its base share only once, so every phase needs an empty ledger (and the seed
 * programmes published again).
 */
import { DeleteTableCommand, DynamoDBClient, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../infra/local/emulators.ts";
import { createTable } from "../../infra/local/provision.ts";
import { publishSeedProgrammes } from "../../infra/local/seed-programmes.ts";
import type { AllocationState, Submission } from "../../shared/submissions/model.ts";

export interface LedgerReader {
  allocations(programmeId: string): Promise<AllocationState[]>;
  submissions(programmeId: string): Promise<Submission[]>;
  /** Items in the whole table (a cheap "was anything written?" probe for small tables). */
  itemCount(): Promise<number>;
  reset(): Promise<void>;
  close(): void;
}

type Item = Record<string, unknown>;

export function ledgerReader(endpoint: string, table: string): LedgerReader {
  const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const db = DynamoDBDocumentClient.from(raw);

  async function query(input: { index?: string; pk: string; pkName: string; skPrefix?: string }) {
    const items: Item[] = [];
    let start: Item | undefined;
    // Bounded: a programme has 290 allocations and this benchmark writes a few thousand items.
    for (let page = 0; page < 1000; page++) {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          ...(input.index ? { IndexName: input.index } : { ConsistentRead: true }),
          KeyConditionExpression: input.skPrefix
            ? `${input.pkName} = :pk AND begins_with(${input.pkName === "PK" ? "SK" : "GSI2SK"}, :sk)`
            : `${input.pkName} = :pk`,
          ExpressionAttributeValues: {
            ":pk": input.pk,
            ...(input.skPrefix ? { ":sk": input.skPrefix } : {}),
          },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return items;
  }

  return {
    async allocations(programmeId) {
      const items = await query({ pkName: "PK", pk: `PROG#${programmeId}`, skPrefix: "ALLOC#" });
      return items as unknown as AllocationState[];
    },
    async submissions(programmeId) {
      const items = await query({ index: "GSI2", pkName: "GSI2PK", pk: `PROG#${programmeId}` });
      return items as unknown as Submission[];
    },
    async itemCount() {
      let count = 0;
      let start: Item | undefined;
      for (let page = 0; page < 1000; page++) {
        const out = await db.send(
          new ScanCommand({
            TableName: table,
            Select: "COUNT",
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        count += out.Count ?? 0;
        start = out.LastEvaluatedKey;
        if (!start) break;
      }
      return count;
    },
    async reset() {
      try {
        await raw.send(new DeleteTableCommand({ TableName: table }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      await createTable(raw, table);
      // Programmes live in the table: publish the seeds again, as the local stack does at start.
      await publishSeedProgrammes(table);
    },
    close() {
      db.destroy();
    },
  };
}

export interface InvariantReport {
  ok: boolean;
  violations: string[];
}

/**
 * The ledger's own invariants, row by row: requisitioned + remaining = allocated, nothing above
 * the allocation, no negative remainder; and every requisition a row points at exists (the
 * transaction wrote both or neither).
 */
export function checkAllocationInvariants(
  rows: readonly AllocationState[],
  submissions: readonly Submission[],
): InvariantReport {
  const violations: string[] = [];
  const ids = new Set(submissions.map((s) => s.id));
  for (const row of rows) {
    const k = row.kommunkod;
    const requisitioned = row.requisitioned ?? 0;
    const remaining = row.remaining ?? row.allocated;
    if (requisitioned + remaining !== row.allocated)
      violations.push(
        `${k}: requisitioned ${requisitioned} + remaining ${remaining} ≠ allocated ${row.allocated}`,
      );
    if (requisitioned > row.allocated)
      violations.push(`${k}: requisitioned ${requisitioned} > ${row.allocated}`);
    if (remaining < 0) violations.push(`${k}: remaining ${remaining} < 0`);
    if ((row.modelExtraRequisitioned ?? 0) > row.modelExtra)
      violations.push(`${k}: model extra ${row.modelExtraRequisitioned} > ${row.modelExtra}`);
    for (const ref of [row.baseRequisitionId, row.extraRequisitionId, row.reportId]) {
      if (ref && !ids.has(ref)) violations.push(`${k}: ledger points at ${ref}, which does not exist`);
    }
  }
  return { ok: violations.length === 0, violations };
}
