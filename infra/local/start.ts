import { parseArgs } from "node:util";
import { isIsoDate } from "../../shared/dates.ts";
import { DEFAULT_KEY_FILE } from "./dev-issuer.ts";
import { type LocalStack, startLocalStack } from "./stack.ts";
import {
  type CheckName,
  describeFailure,
  failedChecks,
  LocalStartError,
  type StartContext,
} from "./start-failure.ts";
import { describeTrustList, readTrustList, type TrustList } from "./trust-list.ts";

/**
 * `npm start`: the whole system locally. Ctrl-C (SIGINT) or SIGTERM stops every emulator and
 * frees the ports. `--in-memory` keeps nothing; `--data-dir` keeps it elsewhere than .data;
 * `--today YYYY-MM-DD` (or STATSBIDRAG_TODAY) starts the clock on that day so past programmes can
 * be exercised before their deadlines. "running" is printed only when GET /health answers 200;
 * otherwise it says which check failed and what to do, stops everything and exits 1.
 */
const { values } = parseArgs({
  options: {
    "in-memory": { type: "boolean", default: false },
    "data-dir": { type: "string" },
    today: { type: "string" },
    port: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const today = values.today ?? process.env.STATSBIDRAG_TODAY;
if (today !== undefined && !isIsoDate(today)) fail(`--today must be a date YYYY-MM-DD, got "${today}"`);
const malwareScan = process.env.MALWARE_SCAN ?? "guardduty";
if (malwareScan !== "guardduty" && malwareScan !== "none") {
  fail(`MALWARE_SCAN must be "guardduty" (the local scanner) or "none", got "${malwareScan}"`);
}
// Test knob (README, "Running locally"): lose every S3 notification, like a crash before the check.
const s3Events = process.env.STATSBIDRAG_LOCAL_S3_EVENTS ?? "deliver";
if (s3Events !== "deliver" && s3Events !== "drop") {
  fail(`STATSBIDRAG_LOCAL_S3_EVENTS must be "drop" or unset, got "${s3Events}"`);
}
// The trust list for digital signatures on originals (README, "Digital signatures"): a PEM file.
let trustList: TrustList | undefined;
if (process.env.STATSBIDRAG_TRUST_ANCHORS) {
  const read = readTrustList(process.env.STATSBIDRAG_TRUST_ANCHORS);
  if ("error" in read) fail(read.error);
  trustList = read;
}
const dataDir = values["data-dir"] ?? process.env.STATSBIDRAG_DATA_DIR;
const ports = {
  api: Number(values.port ?? process.env.PORT ?? 3000),
  dynamodb: Number(process.env.DYNAMODB_PORT ?? 8000),
  s3: Number(process.env.S3_PORT ?? 4569),
  ses: Number(process.env.SES_PORT ?? 8005),
};
const context: StartContext = { ports, dataDir: values["in-memory"] ? undefined : (dataDir ?? ".data") };

function giveUp(failed: { check: CheckName; cause?: string }[]): never {
  for (const line of describeFailure(failed, context)) console.error(line);
  process.exit(1);
}

if (s3Events === "drop") {
  console.warn(
    "STATSBIDRAG_LOCAL_S3_EVENTS=drop: S3 notifications are dropped; uploads are checked only by the sweep at the next start.",
  );
}
const started = Date.now();
const stack: LocalStack = await startLocalStack({
  port: ports.api,
  inMemory: values["in-memory"],
  ...(dataDir ? { dataDir } : {}),
  keyFile: process.env.STATSBIDRAG_DEV_KEY_FILE ?? DEFAULT_KEY_FILE,
  web: {},
  ports: { dynamodb: ports.dynamodb, s3: ports.s3, ses: ports.ses },
  malwareScan,
  s3Events,
  ...(trustList ? { trustAnchorsFile: trustList.path } : {}),
  openOnStart: false,
  ...(today ? { today } : {}),
}).catch((error: unknown) => {
  const errors = error instanceof AggregateError ? error.errors : [error];
  giveUp(
    errors.map((e: unknown) =>
      e instanceof LocalStartError
        ? { check: e.check, cause: e.cause instanceof Error ? e.cause.message : String(e.cause) }
        : { check: "api", cause: e instanceof Error ? e.message : String(e) },
    ),
  );
});

// The stack answering is not the same as the stack working: /health asks the table, the bucket
// and the mail emulator, and only its 200 counts. It is asked before the API opens, so that no
// one outside sees a 200 before "running" is printed.
const health = await stack
  .health()
  .catch((error: unknown) => ({ status: 0, body: { error: String(error) } }));
if (health.status !== 200) {
  await stack.stop().catch((error: unknown) => console.error(error));
  giveUp(
    failedChecks(health.body).map((check) => ({ check, cause: `GET /health answered ${health.status}` })),
  );
}

const municipalityToken = await stack.issuer.mint({ kommunkod: "1281", email: "ekonomi@lund.example" });
const officerToken = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });

console.log(`
statsbidrag is running (started in ${Math.round((Date.now() - started) / 100) / 10} s)

  Web            ${stack.webUrl}    (sign in as a municipality or an officer)
  API            ${stack.apiUrl}        (GET ${stack.apiUrl}/health)
  Mail UI        ${stack.mailUiUrl}      (every e-mail the system sends)
  DynamoDB Local ${stack.dynamodbEndpoint}
  S3 (s3rver)    ${stack.s3Endpoint}
  Data           ${stack.dataDir ?? "in memory (gone when stopped)"}
  Clock          ${today ? `starts on ${today} (Europe/Stockholm)` : "real time"}
  Malware scan   ${malwareScan === "guardduty" ? "local stand-in for GuardDuty (the EICAR test file is malware)" : "none (files accepted unscanned)"}
  Trust list     ${describeTrustList(trustList)}

Dev token, Lund (1281), valid 8 h:
  export TOKEN=${municipalityToken}

Dev token, officer, valid 8 h:
  export OFFICER_TOKEN=${officerToken}

More tokens: npm run cli -- token --kommun <kommunkod> | --officer
Stop with Ctrl-C.
`);
stack.open();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
