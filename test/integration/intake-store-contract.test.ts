import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTable } from "../../infra/local/provision.ts";
import { createDocumentClient } from "../../shared/adapters/dynamodb/client.ts";
import { DynamoIntakeStore } from "../../shared/adapters/dynamodb/intake-store.ts";
import { DynamoTable } from "../../shared/adapters/dynamodb/table.ts";
import type { AuditEvent } from "../../shared/audit.ts";
import type { IntakeItem } from "../../shared/intake/model.ts";
import type { IntakeStore } from "../../shared/intake/ports.ts";
import { MemoryIntakeStore } from "../fakes/memory-intake-store.ts";
import { MemoryWorld } from "../fakes/memory-world.ts";
import { requireEnv } from "../helpers/env.ts";

/** The intake store's contract, on DynamoDB Local (a table of its own) and on the in-memory fake alike. */
const TABLE = `statsbidrag-intake-contract-${randomUUID().slice(0, 8)}`;
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

const item = (overrides: Partial<IntakeItem> = {}): IntakeItem => ({
  id: randomUUID(),
  messageKey: "intake/m",
  receivedAt: new Date().toISOString(),
  from: "someone@elsewhere.example",
  subject: "Original",
  scans: [],
  status: "open",
  reason: "NO_SCAN",
  revision: 1,
  ...overrides,
});

const audit = (action: string): AuditEvent => ({
  at: new Date().toISOString(),
  actor: { sub: "mail-intake", kind: "system" },
  action,
  details: {},
});

const stores: [string, () => IntakeStore][] = [
  ["DynamoDB", () => new DynamoIntakeStore(new DynamoTable(db, TABLE))],
  ["memory", () => new MemoryIntakeStore(new MemoryWorld())],
];

describe.each(stores)("intake store contract (%s)", (_name, make) => {
  it("creates a message's item once: a second create of the same id writes nothing and says so", async () => {
    // Prepare
    const store = make();
    const first = item();
    // Act
    const created = await store.create(first, audit("intake.listed"), []);
    const again = await store.create({ ...first, subject: "changed" }, audit("intake.listed"), []);
    // Assess
    expect([created, again]).toEqual([true, false]);
    expect((await store.get(first.id))?.subject).toBe("Original");
  });

  it("lists open items only, and an update from a stale revision or of a closed item writes nothing", async () => {
    // Prepare
    const store = make();
    const open = item();
    await store.create(open, audit("intake.listed"), []);
    // Act
    const discarded = await store.update({ ...open, status: "discarded" }, audit("intake.discarded"), []);
    const stale = await store.update({ ...open, status: "filed" }, audit("intake.filed"), []);
    // Assess
    expect([discarded, stale]).toEqual([true, false]);
    expect((await store.get(open.id))?.status).toBe("discarded");
    expect((await store.listOpen()).map((i) => i.id)).not.toContain(open.id);
  });
});
