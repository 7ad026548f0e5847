/**
 * The benchmark's scenarios in small, bounded versions, so `npm test` proves they still run and
 * that their correctness checks hold. No timing is asserted here: numbers come only from
 * `npm run bench` (bench/run.ts), which runs the full sizes and writes docs/performance.md.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { programmeMix, sameMunicipality } from "../../bench/contention.ts";
import { type LedgerReader, ledgerReader } from "../../bench/lib/ledger.ts";
import { machineFacts } from "../../bench/lib/machine.ts";
import { runLoad, type Target } from "../../bench/load.ts";
import { consoleSummary, markdown, verdicts } from "../../bench/report.ts";
import { measureValidation } from "../../bench/validation.ts";
import { type LocalStack, startLocalStack } from "../../infra/local/stack.ts";
import { tableName } from "../../infra/table-definition.ts";
import { findProgramme } from "../../shared/programmes/catalogue.ts";
import { requireEnv } from "../helpers/env.ts";

const programme = (() => {
  const found = findProgramme("skr-aldreomsorg-2022");
  if (!found) throw new Error("programme missing");
  return found;
})();
const TODAY = "2022-11-20";
/** Its own in-memory DynamoDB Local: the shared one's "local" table is lapsed by other files. */
const STAGE = "local";
const tail = programme.allocations.map((a) => a.kommunkod).slice(-40);
const LOAD = tail.slice(0, 10);
const MIX = tail.slice(10, 22);
const SAME = tail[30] as string;

let stack: LocalStack;
let ledger: LedgerReader;
let target: Target;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    stage: STAGE,
    today: TODAY,
    outboxIntervalMs: 3_600_000,
    external: {
      ses: requireEnv("AWS_ENDPOINT_URL_SES"),
      sesStoreUrl: requireEnv("SES_STORE_URL"),
    },
  });
  ledger = ledgerReader(stack.dynamodbEndpoint, tableName(STAGE));
  target = { apiUrl: stack.apiUrl, mint: (kommunkod) => stack.issuer.mint({ kommunkod }) };
}, 60_000);

afterAll(async () => {
  ledger?.close();
  await stack?.stop();
});

describe("benchmark scenarios, small", () => {
  it("validation: every prepared form validates as intended", () => {
    const result = measureValidation(programme, TODAY, { durationMs: 20, warmupMs: 5 });
    expect(result.rows.map((r) => r.scenario)).toHaveLength(5);
    for (const row of result.rows) expect(row.forms).toBeGreaterThan(0);
  });

  it("load: each municipality's requisition → report → read, without errors", async () => {
    const result = await runLoad(target, { programme, today: TODAY, kommunkoder: LOAD, concurrency: 4 });
    expect(result.errorSamples).toEqual([]);
    expect(result.requests).toBe(LOAD.length * 3);
    expect(Object.keys(result.dynamodb)).toContain("TransactWrite");
  });

  it("contention: of 20 concurrent requisitions for one municipality exactly one is accepted", async () => {
    const result = await sameMunicipality(target, ledger, {
      programme,
      today: TODAY,
      kommunkod: SAME,
      requests: 20,
    });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it("contention: mixed requests over 12 municipalities agree with the ledger", async () => {
    const result = await programmeMix(target, ledger, {
      programme,
      today: TODAY,
      kommunkoder: MIX,
      concurrency: 8,
    });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.requests).toBe(MIX.length * 3);
  });

  it("report: renders the tables and target verdicts from a result", () => {
    const results = {
      generatedBy: "test",
      machine: machineFacts(),
      settings: {},
      validation: measureValidation(programme, TODAY, { durationMs: 5, warmupMs: 1 }),
      contention: [],
    };
    const full = { ...results, verdicts: verdicts(results) };
    expect(markdown(full, "prose")).toContain("## Validation throughput");
    expect(consoleSummary(full)).toContain("targets");
  });
});
