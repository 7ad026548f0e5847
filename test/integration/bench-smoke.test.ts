/**
 * The benchmark's scenarios in small, bounded versions, so `npm test` proves they still run and
 * that their correctness checks hold. No timing is asserted here: numbers come only from
 * `npm run bench` (bench/run.ts), which runs the full sizes and writes docs/performance.md.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { programmeMix, sameMunicipality } from "../../bench/contention.ts";
import { localTarget } from "../../bench/lib/flow.ts";
import { type LedgerReader, ledgerReader } from "../../bench/lib/ledger.ts";
import { machineFacts } from "../../bench/lib/machine.ts";
import { REQUESTS_PER_MUNICIPALITY, ROUTES, runLoad, type Target } from "../../bench/load.ts";
import { paymentRace } from "../../bench/payment-race.ts";
import { consoleSummary, markdown, verdicts } from "../../bench/report.ts";
import { measureValidation } from "../../bench/validation.ts";
import { type LocalStack, startLocalStack } from "../../infra/local/stack.ts";
import { tableName } from "../../infra/table-definition.ts";
import aldreomsorg2022 from "../../shared/programmes/data/skr-aldreomsorg-2022.json" with { type: "json" };
import type { Programme } from "../../shared/programmes/schema.ts";
import { requireEnv } from "../helpers/env.ts";

/** The programme's data file itself, not the catalogue (being reworked): the scenarios need only its figures. */
const programme = aldreomsorg2022 as Programme;
const TODAY = "2022-11-20";
/** Its own in-memory DynamoDB Local: the shared one's "local" table is lapsed by other files. */
const STAGE = "local";
const tail = programme.allocations.map((a) => a.kommunkod).slice(-40);
const LOAD = tail.slice(0, 10);
const MIX = tail.slice(10, 22);
const RACE = tail.slice(22, 30);
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
  target = localTarget(stack);
}, 60_000);

afterAll(async () => {
  ledger?.close();
  await stack?.stop();
});

describe("benchmark scenarios, small", () => {
  it("validation: every prepared form validates as intended", () => {
    // Prepare: the forms are built inside measureValidation.
    // Act
    const result = measureValidation(programme, TODAY, { durationMs: 20, warmupMs: 5 });
    // Assess
    expect(result.rows.map((r) => r.scenario)).toHaveLength(5);
    for (const row of result.rows) expect(row.forms).toBeGreaterThan(0);
  });

  it("load: each municipality's requisition → original received → approved → paid → report → read, without errors", async () => {
    // Prepare: LOAD municipalities, nothing requisitioned yet.
    // Act
    const result = await runLoad(target, { programme, today: TODAY, kommunkoder: LOAD, concurrency: 4 });
    // Assess
    expect(result.errorSamples).toEqual([]);
    expect(result.requests).toBe(LOAD.length * REQUESTS_PER_MUNICIPALITY);
    expect(result.uploadToReceived?.count).toBe(LOAD.length);
    expect(Object.keys(result.dynamodb)).toContain("TransactWrite");
    // Each route's own DynamoDB time is attributed to it; a request takes at least as long as its
    // own calls, so a ratio below 1 would mean another request's calls were counted.
    expect(Object.keys(result.overhead)).toEqual(expect.arrayContaining(Object.values(ROUTES)));
    for (const o of Object.values(result.overhead)) {
      expect(o.dynamoP99Ms).toBeGreaterThan(0);
      expect(o.ratio).toBeGreaterThanOrEqual(1);
    }
    const rows = (await ledger.allocations(programme.id)).filter((r) => LOAD.includes(r.kommunkod));
    expect(rows.filter((r) => r.paid === r.requisitioned && r.reportId !== undefined)).toHaveLength(
      LOAD.length,
    );
  });

  it("contention: of 20 concurrent requisitions for one municipality exactly one is accepted", async () => {
    // Prepare: SAME has requisitioned nothing yet.
    // Act
    const result = await sameMunicipality(target, ledger, {
      programme,
      today: TODAY,
      kommunkod: SAME,
      requests: 20,
    });
    // Assess
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it("contention: mixed requests over 12 municipalities agree with the ledger; no report before a payment", async () => {
    // Prepare: MIX municipalities, nothing requisitioned yet.
    // Act
    const result = await programmeMix(target, ledger, {
      programme,
      today: TODAY,
      kommunkoder: MIX,
      concurrency: 8,
    });
    // Assess
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.requests).toBe(MIX.length * 3);
    expect(result.accepted).toBe(MIX.length);
  });

  it("contention: payments and reports racing over 8 approved requisitions: one payment each, reports only after it", async () => {
    // Prepare: RACE municipalities, nothing requisitioned yet (paymentRace approves one requisition each).
    // Act
    const result = await paymentRace(target, ledger, {
      programme,
      today: TODAY,
      kommunkoder: RACE,
      concurrency: 8,
    });
    // Assess
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.requests).toBe(RACE.length * 4);
    expect(result.sumRequisitioned).toBe(result.sumAcceptedAmounts);
    expect(result.sumAcceptedAmounts).toBeGreaterThan(0);
  });

  it("report: renders the tables and target verdicts from a result", () => {
    // Prepare
    const results = {
      generatedBy: "test",
      machine: machineFacts(),
      settings: {},
      validation: measureValidation(programme, TODAY, { durationMs: 5, warmupMs: 1 }),
      contention: [],
    };
    // Act
    const full = { ...results, verdicts: verdicts(results) };
    // Assess
    expect(markdown(full, "prose")).toContain("## Validation throughput");
    expect(consoleSummary(full)).toContain("targets");
  });
});
