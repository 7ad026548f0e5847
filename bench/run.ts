/**
 * `npm run bench`: validation throughput, cold-start proxy, API latency under load and
 * contention, all in one run, written to bench/results.json and docs/performance.md.
 *
 *   npm run bench                          full run (7 cold-start rounds)
 *   npm run bench -- --rounds 3            fewer cold-start rounds
 *   npm run bench -- --only validation,load  some phases (validation, cold, load, contention, scans, web)
 *   npm run bench -- --render              re-render docs/performance.md from bench/results.json
 *
 * Not a test: nothing here fails on a missed target; the report says which were missed.
 * Everything binds 127.0.0.1, and every loop is bounded in count and time.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startLocalStack } from "../infra/local/stack.ts";
import { bucketName, tableName } from "../infra/table-definition.ts";
import aldreomsorg2022 from "../shared/programmes/data/skr-aldreomsorg-2022.json" with { type: "json" };
import type { Programme } from "../shared/programmes/schema.ts";
import { type ColdStartResult, measureColdStarts } from "./cold-start.ts";
import { type ContentionResult, programmeMix, sameMunicipality } from "./contention.ts";
import { localTarget } from "./lib/flow.ts";
import { ledgerReader } from "./lib/ledger.ts";
import { machineFacts } from "./lib/machine.ts";
import { say, silenceConsole } from "./lib/quiet.ts";
import { type LoadResult, runLoad, type Target, warmUp } from "./load.ts";
import { paymentRace } from "./payment-race.ts";
import { type BenchResults, consoleSummary, verdicts, writeOutputs } from "./report.ts";
import { measureScans, type ScanResult } from "./scans.ts";
import { measureValidation } from "./validation.ts";
import { measureWeb, type WebResult } from "./web.ts";

const PROGRAMME_ID = "skr-aldreomsorg-2022";
/** Inside the 2022 requisition window (deadline 2022-12-01). */
const TODAY = "2022-11-20";
const STAGE = "local";
const PHASES = ["validation", "cold", "load", "contention", "scans", "web"] as const;

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    only: { type: "string", default: PHASES.join(",") },
    concurrency: { type: "string", default: "32" },
    /** Re-render docs/performance.md from bench/results.json without measuring (after editing prose). */
    render: { type: "boolean", default: false },
  },
});
const jsonPath = fileURLToPath(new URL("./results.json", import.meta.url));
const mdPath = fileURLToPath(new URL("../docs/performance.md", import.meta.url));
if (values.render) {
  const saved = JSON.parse(readFileSync(jsonPath, "utf8")) as BenchResults;
  const { verdicts: _old, ...rest } = saved;
  const rendered: BenchResults = { ...rest, verdicts: verdicts(rest) };
  writeOutputs(rendered, jsonPath, mdPath);
  console.log(consoleSummary(rendered));
  process.exit(0);
}
const rounds = Math.max(1, Math.min(50, Number(values.rounds) || 7));
const concurrency = Math.max(1, Math.min(256, Number(values.concurrency) || 32));
const only = new Set(String(values.only).split(","));

if (!process.version.startsWith("v22.")) {
  say(
    `warning: running on Node ${process.version}; use \`npm run bench\` so Node 22 from node_modules runs it`,
  );
}

// The programme's data file itself, not the catalogue (being reworked): the scenarios need only its figures.
const programme = aldreomsorg2022 as Programme;
if (programme.id !== PROGRAMME_ID) throw new Error(`expected ${PROGRAMME_ID}, read ${programme.id}`);
const kommunkoder = programme.allocations.map((a) => a.kommunkod);
const machine = machineFacts();
const settings = { programme: PROGRAMME_ID, today: TODAY, rounds, concurrency, phases: [...only] };

say(`statsbidrag bench on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`);

if (only.has("validation")) say("validation throughput…");
const validation = only.has("validation")
  ? measureValidation(programme, TODAY, { durationMs: 2_000, warmupMs: 500 })
  : undefined;

let coldStart: ColdStartResult | undefined;
let scans: ScanResult | undefined;
if (only.has("scans")) {
  say("scans: reading the QR codes of the scan corpus (pdftoppm, degraded)…");
  scans = await measureScans();
}
let web: WebResult | undefined;
if (only.has("web")) {
  say("web: the JavaScript each page loads at start (minified, gzip)…");
  web = await measureWeb();
}
let load: LoadResult | undefined;
const contention: ContentionResult[] = [];

if (only.has("cold") || only.has("load") || only.has("contention")) {
  say("starting the local stack (DynamoDB Local, s3rver, SES emulator, gateway)…");
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    stage: STAGE,
    today: TODAY,
    // The outbox would otherwise share the event loop with the measured requests.
    outboxIntervalMs: 3_600_000,
  });
  const ledger = ledgerReader(stack.dynamodbEndpoint, tableName(STAGE));
  const target: Target = localTarget(stack);
  try {
    if (only.has("cold")) {
      say(`cold start proxy (${rounds} rounds)…`);
      coldStart = await measureColdStarts(
        { stack, programme, today: TODAY, bucket: bucketName(STAGE), table: tableName(STAGE) },
        { rounds },
      );
    }
    if (only.has("load")) {
      await ledger.reset();
      say(`load: ${kommunkoder.length} municipalities, ${concurrency} in flight…`);
      const quiet = silenceConsole();
      try {
        await warmUp(target, { programme, today: TODAY, kommunkoder, concurrency });
        load = await runLoad(target, { programme, today: TODAY, kommunkoder, concurrency });
      } finally {
        quiet.restore();
      }
    }
    if (only.has("contention")) {
      const quiet = silenceConsole();
      try {
        await ledger.reset();
        say("contention: 100 concurrent requisitions for one municipality…");
        contention.push(
          await sameMunicipality(target, ledger, {
            programme,
            today: TODAY,
            kommunkod: "1280",
            requests: 100,
          }),
        );
        await ledger.reset();
        say(`contention: ${kommunkoder.length} × 3 mixed requests…`);
        contention.push(
          await programmeMix(target, ledger, { programme, today: TODAY, kommunkoder, concurrency: 64 }),
        );
        await ledger.reset();
        say(`contention: ${kommunkoder.length} × 4 payments and reports on approved requisitions…`);
        contention.push(
          await paymentRace(target, ledger, { programme, today: TODAY, kommunkoder, concurrency: 64 }),
        );
      } finally {
        quiet.restore();
      }
    }
  } finally {
    ledger.close();
    await stack.stop();
  }
}

const partial: Omit<BenchResults, "verdicts"> = {
  generatedBy: "npm run bench",
  machine,
  settings,
  ...(validation ? { validation } : {}),
  ...(coldStart ? { coldStart } : {}),
  ...(load ? { load } : {}),
  contention,
  ...(scans ? { scans } : {}),
  ...(web ? { web } : {}),
};
const results: BenchResults = { ...partial, verdicts: verdicts(partial) };
writeOutputs(results, jsonPath, mdPath);
console.log(consoleSummary(results));
say(`\nwrote ${jsonPath} and ${mdPath}`);
