import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";

export type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];
type WithoutTable<T> = T extends object ? Omit<T, "TableName"> : never;

/** One write of a transaction, without the table name: the table adds it, so builders stay small. */
export type TableOp =
  | { Put: WithoutTable<NonNullable<TransactItem["Put"]>> }
  | { Update: WithoutTable<NonNullable<TransactItem["Update"]>> }
  | { ConditionCheck: WithoutTable<NonNullable<TransactItem["ConditionCheck"]>> }
  | { Delete: WithoutTable<NonNullable<TransactItem["Delete"]>> };

export type QueryInput = Omit<QueryCommandInput, "TableName">;
export type UpdateInput = Omit<UpdateCommandInput, "TableName">;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

export function cancelReasons(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? "None");
}

/** The item without the table's own attributes (keys, index keys, entity, lease). */
export function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, entity, leaseUntil, ...rest } = item;
  return rest as T;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The few operations every store needs on the one table, written once: consistent reads, paged
 * queries, conditional updates that answer false instead of throwing, and transactions that retry
 * when DynamoDB cancels them for a concurrent transaction (not a rule violation).
 */
export class DynamoTable {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly name: string,
  ) {}

  /** Strongly consistent unless asked otherwise: a use case reads what it just wrote. */
  async get<T>(key: Item, consistent = true): Promise<T | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.name, Key: key, ...(consistent ? { ConsistentRead: true } : {}) }),
    );
    return strip<T>(out.Item);
  }

  /** One page, as DynamoDB returns it. */
  query(input: QueryInput): Promise<QueryCommandOutput> {
    return this.db.send(new QueryCommand({ ...input, TableName: this.name }));
  }

  /** Every page up to `limit` items. */
  async queryAll(input: QueryInput, limit = Number.POSITIVE_INFINITY): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.query({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) });
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  }

  /** A single conditional update; false when its condition failed. */
  async update(input: UpdateInput): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({ ...input, TableName: this.name }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async put(item: Item): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.name, Item: item }));
  }

  async batchGet(keys: Item[]): Promise<Item[]> {
    if (keys.length === 0) return [];
    const out = await this.db.send(new BatchGetCommand({ RequestItems: { [this.name]: { Keys: keys } } }));
    return out.Responses?.[this.name] ?? [];
  }

  /** Unconditional puts, 25 at a time, retrying what DynamoDB leaves unprocessed. */
  async batchPut(items: Item[]): Promise<void> {
    for (const chunk of chunks(items, 25)) {
      let request: Record<string, Item[]> | undefined = {
        [this.name]: chunk.map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 8) throw new Error("batch write: unprocessed items after retries");
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: request }));
        request = out.UnprocessedItems as Record<string, Item[]> | undefined;
        if (request && Object.keys(request).length > 0) await sleep(50 * 2 ** attempt);
      }
    }
  }

  /**
   * Runs the writes as one transaction. Returns undefined when it committed, or the cancellation
   * codes (one per write, "ConditionalCheckFailed" where a condition stopped it) so the caller can
   * say which rule was broken.
   */
  async transact(ops: readonly TableOp[]): Promise<string[] | undefined> {
    const TransactItems = ops.map((op) => withTable(op, this.name));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems }));
        return undefined;
      } catch (error) {
        const reasons = cancelReasons(error);
        if (!reasons) throw error;
        if (reasons.includes("ConditionalCheckFailed")) return reasons;
        if (attempt >= 8) throw error;
        await sleep(20 * 2 ** Math.min(attempt, 5) * Math.random());
      }
    }
  }
}

function withTable(op: TableOp, TableName: string): TransactItem {
  if ("Put" in op) return { Put: { ...op.Put, TableName } };
  if ("Update" in op) return { Update: { ...op.Update, TableName } };
  if ("Delete" in op) return { Delete: { ...op.Delete, TableName } };
  return { ConditionCheck: { ...op.ConditionCheck, TableName } };
}
