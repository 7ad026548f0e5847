/**
 * An agency scripts next year's programme with `statsbidrag programme import --api` and then
 * corrects a published allocation through the API, on the emulators: the correction is a new,
 * audited version whose ledger rows move with it; it never goes below what was requisitioned; and a
 * requisition validated against a function's cached older version is refused, then accepted on retry
 * with the corrected amount. Functions keep programmes 60 s here, as on a deployed stage.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../cli/main.ts";
import type { LocalStack } from "../../infra/local/stack.ts";
import { createDocumentClient } from "../../shared/adapters/dynamodb/client.ts";
import { keys, partition, sortPrefix } from "../../shared/adapters/dynamodb/keys.ts";
import { DynamoTable } from "../../shared/adapters/dynamodb/table.ts";
import { outboxDeps } from "../../shared/composition-root.ts";
import { seedRegistryAddress } from "../../shared/contacts/seed.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { importProgramme } from "../../shared/programmes/import.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import type { AllocationState } from "../../shared/submissions/model.ts";
import { NEXT_YEAR_CSV, NEXT_YEAR_ID, NEXT_YEAR_META } from "../fixtures/programmes/next-year.ts";
import { call, startTestStack } from "../helpers/local-stack.ts";

const TABLE = "statsbidrag-test-programme-allocations";
const TODAY = "2023-02-01";
const ID = NEXT_YEAR_ID;
const LUND = "1281";
const LUND_BASE = 1_530_608;
const RAISED = LUND_BASE + 10_000;
const REASON = "Fel i Bilaga 1: Lunds belopp var felskrivet.";

let stack: LocalStack;
let officer: string;
let otherAgency: string;
let table: DynamoTable;
const dir = mkdtempSync(join(tmpdir(), "statsbidrag-programme-import-"));
const municipality = (kommunkod: string) => stack.issuer.mint({ kommunkod });
const imported = importProgramme(NEXT_YEAR_META, NEXT_YEAR_CSV);
if (!imported.ok) throw new Error("the fixture must import");
/** The programme as the server builds it, for well-formed forms. */
const programme: Programme = imported.programme;

beforeAll(async () => {
  stack = await startTestStack(TODAY, {
    tableName: TABLE,
    outboxIntervalMs: 60_000,
    programmeCacheSeconds: 60,
  });
  table = new DynamoTable(createDocumentClient(), TABLE);
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
  otherAgency = await stack.issuer.mint({
    officer: true,
    email: "handlaggare@socialstyrelsen.example",
    agency: "socialstyrelsen",
  });
});

afterAll(async () => {
  await stack?.stop();
});

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(["programme", "import", ...args, "--api", stack.apiUrl], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

function files(csv: string) {
  const meta = join(dir, "meta.json");
  const table1 = join(dir, `bilaga1-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(meta, JSON.stringify(NEXT_YEAR_META));
  writeFileSync(table1, csv);
  return [meta, table1] as const;
}

const ledgerRow = (kommunkod: string) => table.get<AllocationState>(keys.allocation(ID, kommunkod));

describe("statsbidrag programme import --api", { timeout: 60_000 }, () => {
  it("refuses a municipality's token (exit 2) and saves nothing", async () => {
    // Act
    const result = await cli(...files(NEXT_YEAR_CSV), "--token", await municipality(LUND));
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("POST /programmes: 403");
  });

  it("keeps a draft with a misspelt name, prints each refusal by line and publishes nothing (exit 1)", async () => {
    // Prepare: Alingsås misspelt on line 3
    const csv = NEXT_YEAR_CSV.replace("Alingsås;705 477", "Alingsaas;705 477");
    // Act
    const result = await cli(...files(csv), "--token", officer, "--publish");
    const view = await call(stack, "GET", `/programmes/${ID}`, { token: await municipality(LUND) });
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `Draft ${ID} saved: 289 rows adding up to 166 394 523 kr (stated total 167 100 000 kr)`,
    );
    expect(result.stderr).toContain('line 3: unknown municipality "Alingsaas"');
    expect(result.stderr).toContain("missing Alingsås (1489)");
    expect(view.status).toBe(404);
  });

  it("replaces the draft with the fixed table and publishes it (exit 0)", async () => {
    // Act
    const result = await cli(...files(NEXT_YEAR_CSV), "--token", officer, "--publish");
    const view = await call<{ own: { allocation: number } }>(stack, "GET", `/programmes/${ID}`, {
      token: await municipality(LUND),
    });
    // Assess
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`Draft ${ID} replaced: 290 rows adding up to 167 100 000 kr`);
    expect(result.stdout).toContain(`Published ${ID} as version 1`);
    expect(view.status).toBe(200);
  });
});

describe("correcting a published allocation", { timeout: 60_000 }, () => {
  it("is a new version with its audit entry; a requisition validated against the cached old one is refused, and its retry reserves the corrected amount", async () => {
    // Prepare: the requisition function reads (and keeps) version 1; its form is refused on shape
    const lund = await municipality(LUND);
    const warm = await call(stack, "POST", `/programmes/${ID}/requisitions`, { token: lund, body: {} });
    const form = sampleRequisition(programme, LUND, TODAY);
    // Act
    const corrected = await call<{ version: number; corrections: unknown[]; totals: unknown }>(
      stack,
      "POST",
      `/programmes/${ID}/allocations`,
      {
        token: officer,
        body: {
          reason: REASON,
          decision: "Beslut 2023-01-30, dnr 2.1-100/2023",
          corrections: [{ kommunkod: LUND, amount: RAISED }],
        },
      },
    );
    const stale = await call<{ code: string; message: { sv: string } }>(
      stack,
      "POST",
      `/programmes/${ID}/requisitions`,
      { token: lund, body: form },
    );
    const retried = await call<{ reference: string }>(stack, "POST", `/programmes/${ID}/requisitions`, {
      token: lund,
      body: { ...form, grant: { ...form.grant, amount: RAISED } },
    });
    // Assess
    expect(warm.status).toBe(400);
    expect(corrected.status).toBe(200);
    expect(corrected.body).toEqual({
      programmeId: ID,
      announced: 1,
      version: 2,
      corrections: [{ kommunkod: LUND, kommun: "Lund", from: LUND_BASE, to: RAISED }],
      totals: { rows: 290, sum: 167_110_000, stated: 167_110_000 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("PROGRAMME_CHANGED");
    expect(stale.body.message.sv).toContain("Ladda om sidan");
    expect(retried.status).toBe(201);
    expect(await ledgerRow(LUND)).toMatchObject({ allocated: RAISED, requisitioned: RAISED, remaining: 0 });
    const audit = await table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": partition.programme(ID), ":sk": sortPrefix.audit },
      ConsistentRead: true,
    });
    expect(audit.find((a) => a.action === "programme.allocations-corrected")).toMatchObject({
      actor: { email: "handlaggare@kammarkollegiet.example", kind: "officer" },
      details: {
        version: 2,
        reason: REASON,
        decision: "Beslut 2023-01-30, dnr 2.1-100/2023",
        changes: [{ kommunkod: LUND, from: LUND_BASE, to: RAISED }],
        totalBase: { from: 167_100_000, to: 167_110_000 },
      },
    });
  });

  it("refuses to lower Lund below what it requisitioned, with the row's path and code, and every other bad row", async () => {
    // Act
    const refused = await call<{ errors: { path: string; code: string }[] }>(
      stack,
      "POST",
      `/programmes/${ID}/allocations`,
      {
        token: officer,
        body: {
          reason: REASON,
          corrections: [
            { kommunkod: "1280", amount: -1 },
            { kommunkod: LUND, amount: RAISED - 1 },
            { kommunkod: "9999", amount: 5 },
            { kommunkod: "0180", amount: 2.5 },
          ],
        },
      },
    );
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e) => [e.path, e.code])).toEqual([
      ["corrections.0.amount", "NEGATIVE_AMOUNT"],
      ["corrections.1.amount", "BELOW_REQUISITIONED"],
      ["corrections.2.kommunkod", "UNKNOWN_RECIPIENT"],
      ["corrections.3.amount", "NOT_AN_INTEGER_AMOUNT"],
    ]);
    expect(await ledgerRow(LUND)).toMatchObject({ allocated: RAISED, requisitioned: RAISED });
  });

  it("moves a requisitioned row with a raise: what remains grows by the difference, and Lund is told", async () => {
    // Act
    const raise = () =>
      call<{ version: number; announced: number }>(stack, "POST", `/programmes/${ID}/allocations`, {
        token: officer,
        body: { reason: REASON, corrections: [{ kommunkod: LUND, amount: RAISED + 500 }] },
      });
    const raised = await raise();
    const again = await raise();
    // Assess
    expect(raised.status).toBe(200);
    expect(raised.body.version).toBe(3);
    expect(raised.body.announced).toBe(1);
    expect(again.body).toMatchObject({ version: 3, announced: 0 });
    const queued = await outboxDeps().outbox.dueMails("2099-01-01T00:00:00.000Z", 1_000);
    const told = queued.filter((m) => m.subject === `Ändrad tilldelning: ${programme.title} – Lund`);
    // One mail per corrected version (2 and 3), none for the repeated call; to the registry and,
    // once Lund has requisitioned, to whoever sent the requisition too.
    expect(told).toHaveLength(2);
    for (const mail of told) expect(mail.to).toContain(seedRegistryAddress(LUND));
    const latest = told.find((m) => m.text.includes("(tidigare 1 540 608 kr)"));
    expect(latest?.text).toContain(`Skäl: ${REASON}`);
    expect(latest?.text).toContain("Tilldelning: 1 541 108 kr (tidigare 1 540 608 kr)");
    expect(await ledgerRow(LUND)).toMatchObject({
      allocated: RAISED + 500,
      requisitioned: RAISED,
      remaining: 500,
    });
  });

  it("answers 404 to another agency's officer and 403 to a municipality, and changes nothing", async () => {
    // Prepare
    const body = { reason: REASON, corrections: [{ kommunkod: "1280", amount: 1 }] };
    // Act
    const other = await call(stack, "POST", `/programmes/${ID}/allocations`, { token: otherAgency, body });
    const byMunicipality = await call(stack, "POST", `/programmes/${ID}/allocations`, {
      token: await municipality("1280"),
      body,
    });
    const next = await call<{ version: number }>(stack, "POST", `/programmes/${ID}/allocations`, {
      token: officer,
      body: { reason: REASON, corrections: [{ kommunkod: LUND, amount: RAISED + 500 }] },
    });
    // Assess
    expect(other.status).toBe(404);
    expect(byMunicipality.status).toBe(403);
    expect(next.body.version).toBe(3);
  });
});
