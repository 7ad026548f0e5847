import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll } from "vitest";
import { createTable } from "../../infra/local/provision.ts";
import { createDocumentClient } from "../../shared/adapters/dynamodb/client.ts";
import { outboxPut } from "../../shared/adapters/dynamodb/items.ts";
import { DynamoOutboxStore } from "../../shared/adapters/dynamodb/outbox-store.ts";
import { DynamoSuppressionList } from "../../shared/adapters/dynamodb/suppression-list.ts";
import { DynamoTable } from "../../shared/adapters/dynamodb/table.ts";
import { requireEnv } from "../helpers/env.ts";
import { mailStoreContract } from "./mail-store-contract.ts";

/** The mail store contract on the DynamoDB adapters: a table of its own per test (due mail is table-wide). */
let admin: DynamoDBClient;
let db: DynamoDBDocumentClient;
const tables: string[] = [];

beforeAll(() => {
  requireEnv("AWS_ENDPOINT_URL_DYNAMODB");
  admin = new DynamoDBClient({});
  db = createDocumentClient();
});

afterAll(async () => {
  await Promise.all(tables.map((TableName) => admin.send(new DeleteTableCommand({ TableName }))));
  admin?.destroy();
  db?.destroy();
});

mailStoreContract("DynamoDB adapters", async () => {
  const name = `statsbidrag-mail-${randomUUID().slice(0, 8)}`;
  tables.push(name);
  await createTable(admin, name);
  const table = new DynamoTable(db, name);
  return {
    outbox: new DynamoOutboxStore(table),
    suppressions: new DynamoSuppressionList(table),
    enqueue: async (mail, createdAt, dueAt) => {
      const op = outboxPut(mail, createdAt, dueAt);
      if ("Put" in op && op.Put.Item) await table.put(op.Put.Item);
    },
  };
});
