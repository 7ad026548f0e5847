import type { Config } from "../config.ts";
import { createDocumentClient } from "./dynamodb/client.ts";
import { DynamoLedgerStore } from "./dynamodb/submission-store.ts";

/** For functions that only read or write the ledger: no S3 client in their bundle. */
export function ledgerStore(config: Config): DynamoLedgerStore {
  return new DynamoLedgerStore(createDocumentClient(), config.TABLE_NAME);
}
