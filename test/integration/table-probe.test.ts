import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTable } from "../../infra/local/provision.ts";
import { createDocumentClient } from "../../shared/adapters/dynamodb/client.ts";
import { DynamoTable } from "../../shared/adapters/dynamodb/table.ts";
import { DynamoTableProbe } from "../../shared/adapters/dynamodb/table-probe.ts";
import { requireEnv } from "../helpers/env.ts";

/** GET /health's probe on DynamoDB Local: ready when the table answers a read, not when it does not. */
const TABLE = `statsbidrag-probe-${randomUUID().slice(0, 8)}`;
let admin: DynamoDBClient;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  requireEnv("AWS_ENDPOINT_URL_DYNAMODB");
  admin = new DynamoDBClient({});
  await createTable(admin, TABLE);
  db = createDocumentClient();
});

afterAll(async () => {
  await admin?.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => undefined);
  admin?.destroy();
  db?.destroy();
});

describe("DynamoTableProbe", () => {
  it("is ready when the table answers, though the item it reads never exists", async () => {
    // Prepare
    const probe = new DynamoTableProbe(new DynamoTable(db, TABLE));
    // Act
    const ready = await probe.ready();
    // Assess
    expect(ready).toBe(true);
  });

  it("is not ready, without throwing, when the table does not answer", async () => {
    // Prepare
    const probe = new DynamoTableProbe(new DynamoTable(db, `${TABLE}-missing`));
    // Act
    const ready = await probe.ready();
    // Assess
    expect(ready).toBe(false);
  });

  it("is not ready when DynamoDB itself is unreachable", async () => {
    // Prepare: a port nothing listens on, and no retries.
    const unreachable = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: "http://127.0.0.1:9", maxAttempts: 1 }),
    );
    const probe = new DynamoTableProbe(new DynamoTable(unreachable, TABLE));
    // Act
    const ready = await probe.ready();
    // Assess
    unreachable.destroy();
    expect(ready).toBe(false);
  });
});
