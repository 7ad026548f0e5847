import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export function cancelReasons(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? "None");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction, retrying when DynamoDB cancels it for a conflicting concurrent
 * transaction (which is not a rule violation). Returns the cancellation codes on a failed
 * condition so the caller can say which rule stopped it.
 */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<string[] | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
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
