import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll } from "vitest";
import { createTable } from "../../infra/local/provision.ts";
import { createDocumentClient } from "../../shared/adapters/dynamodb/client.ts";
import { DynamoDeadlineStore } from "../../shared/adapters/dynamodb/deadline-store.ts";
import { DynamoOfficerStore } from "../../shared/adapters/dynamodb/officer-store.ts";
import { DynamoOutboxStore } from "../../shared/adapters/dynamodb/outbox-store.ts";
import { DynamoProgrammeStore } from "../../shared/adapters/dynamodb/programme-store.ts";
import { DynamoSubmissionStore } from "../../shared/adapters/dynamodb/submission-store.ts";
import { DynamoTable } from "../../shared/adapters/dynamodb/table.ts";
import { requireEnv } from "../helpers/env.ts";
import { storeContract } from "./store-contract.ts";

/**
 * The store contract on the DynamoDB adapters, on a table of its own in the global setup's
 * DynamoDB Local (created from the same definition CDK deploys). Each test works in a programme
 * of its own, so the tests share the table without seeing each other's rows.
 */
const TABLE = `statsbidrag-contract-${randomUUID().slice(0, 8)}`;
let admin: DynamoDBClient;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  requireEnv("AWS_ENDPOINT_URL_DYNAMODB");
  admin = new DynamoDBClient({});
  await createTable(admin, TABLE);
  db = createDocumentClient();
});

afterAll(async () => {
  await admin?.send(new DeleteTableCommand({ TableName: TABLE }));
  admin?.destroy();
  db?.destroy();
});

storeContract("DynamoDB adapters", async (programmeIds) => {
  const table = new DynamoTable(db, TABLE);
  return {
    submissions: new DynamoSubmissionStore(table, () => programmeIds),
    officer: new DynamoOfficerStore(table),
    deadlines: new DynamoDeadlineStore(table),
    outbox: new DynamoOutboxStore(table),
    programmes: new DynamoProgrammeStore(table),
  };
});
