/**
 * Cold-start proxy per function: the size of its bundle (esbuild, the deploy settings) and the
 * time a fresh Node process takes to import it and serve one event, next to a floor measured in
 * the same run — a bundle that only creates the AWS SDK clients the function bundles, and returns.
 *
 * Each measurement is a new `node` process started with NODE_OPTIONS=--enable-source-maps, as the
 * functions run on Lambda. The clock starts just before `import()` of the bundle and stops when
 * the handler's promise settles, so Node's own start-up (the same for floor and handler) is left
 * out; it is measured separately as `nodeBootMs`. Floor and handler runs are interleaved and the
 * order flips every round, so drift (thermal, page cache, the JVM next door) hits both alike.
 *
 * The first event goes to the running local emulators (DynamoDB Local, s3rver, SES emulator), so
 * it includes the function's real first round trips: credential and endpoint resolution, the
 * lazy parts of the SDK, and DynamoDB Local answering.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { type BundleReport, bundleFunctions, bundleIncludes } from "../infra/bundle-report.ts";
import { BUNDLE } from "../infra/constructs/bundling.ts";
import { INFRA_FUNCTIONS } from "../infra/constructs/infra-functions.ts";
import { PROJECT_ROOT } from "../infra/constructs/statsbidrag-function.ts";
import type { LocalStack } from "../infra/local/stack.ts";
import { FUNCTIONS, type FunctionDef, ROUTES } from "../infra/routes.ts";
import { outboxDeps } from "../shared/composition-root.ts";
import { sampleReport, sampleRequisition } from "../shared/forms/index.ts";
import type { Programme } from "../shared/programmes/schema.ts";
import { apiEvent, outboxStreamEvent, s3Event, scheduledEvent, sesBounceEvent } from "./events.ts";
import { timedRequest } from "./lib/http.ts";
import { say } from "./lib/quiet.ts";
import { median, round } from "./lib/stats.ts";

const CHILD = fileURLToPath(new URL("./cold-start-child.mjs", import.meta.url));

/** The SDK clients a function can create, in the order a floor bundle creates them. */
const CLIENTS = {
  dynamodb: "@aws-sdk/client-dynamodb",
  "lib-dynamodb": "@aws-sdk/lib-dynamodb",
  s3: "@aws-sdk/client-s3",
  ses: "@aws-sdk/client-ses",
} as const;
type ClientKind = keyof typeof CLIENTS;

/** Same constructor options as shared/adapters/*, so the floor pays for the same client set-up. */
function floorSource(clients: readonly ClientKind[]): string {
  const has = (c: ClientKind) => clients.includes(c);
  const lines: string[] = [];
  const made: string[] = [];
  if (has("dynamodb")) lines.push('import { DynamoDBClient } from "@aws-sdk/client-dynamodb";');
  if (has("lib-dynamodb")) lines.push('import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";');
  if (has("s3")) lines.push('import { S3Client } from "@aws-sdk/client-s3";');
  if (has("ses")) lines.push('import { SESClient } from "@aws-sdk/client-ses";');
  if (has("dynamodb")) {
    made.push(
      has("lib-dynamodb")
        ? "DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), { marshallOptions: { removeUndefinedValues: true } })"
        : "new DynamoDBClient({ maxAttempts: 3 })",
    );
  }
  if (has("s3"))
    made.push("new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3), maxAttempts: 3 })");
  if (has("ses")) made.push("new SESClient({ maxAttempts: 1 })");
  lines.push(`export const clients = [${made.join(", ")}];`);
  lines.push("export const handler = async () => ({ statusCode: 200, body: '' });");
  return lines.join("\n");
}

async function bundleFloor(clients: readonly ClientKind[], outdir: string) {
  const name = `floor-${clients.join("+") || "empty"}`;
  const outfile = join(outdir, name, BUNDLE.outfile);
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    stdin: {
      contents: floorSource(clients),
      resolveDir: PROJECT_ROOT,
      sourcefile: `${name}.mjs`,
      loader: "js",
    },
    outfile,
    bundle: true,
    platform: BUNDLE.platform,
    target: BUNDLE.target,
    format: BUNDLE.format,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourcemap,
    sourcesContent: BUNDLE.sourcesContent,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    external: [],
    metafile: true,
    logLevel: "silent",
  });
  return { name, outfile, bytes: (await stat(outfile)).size, metafile: result.metafile };
}

/** Bytes in the output per npm package (or per app folder), from esbuild's metafile. */
export function bytesByPackage(metafile: Metafile): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith(".map")) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const at = input.lastIndexOf("node_modules/");
      let group: string;
      if (at >= 0) {
        const parts = input.slice(at + "node_modules/".length).split("/");
        group = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
      } else {
        const parts = input.split("/");
        group = `app:${parts.slice(0, input.includes("/data/") ? 3 : 2).join("/")}`;
      }
      totals.set(group, (totals.get(group) ?? 0) + bytesInOutput);
    }
  }
  return totals;
}

interface ChildTiming {
  importMs: number;
  firstEventMs: number;
  totalMs: number;
  sinceStartMs: number;
  outcome: string;
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "--enable-source-maps" };
  // Nothing of tsx or vitest may leak into the measured process.
  for (const key of Object.keys(env)) if (key.startsWith("TSX_") || key.startsWith("VITEST")) delete env[key];
  return env;
}

function runChild(args: string[], timeoutMs = 30_000): Promise<ChildTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out = (out + chunk.toString("utf8")).slice(-20_000);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString("utf8")).slice(-4_000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("@@BENCH@@"));
      if (!line) {
        reject(
          new Error(`cold-start child ended (${code ?? signal}) without a result:\n${err.slice(-1500)}`),
        );
        return;
      }
      resolve(JSON.parse(line.slice("@@BENCH@@".length)) as ChildTiming);
    });
  });
}

/** Node's own start-up to the first line of user code, for orientation only. */
async function nodeBoot(runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await runChild([
      "-e",
      "process.stdout.write('@@BENCH@@'+JSON.stringify({importMs:0,firstEventMs:0,totalMs:0,sinceStartMs:performance.now(),outcome:'ok'})+'\\n')",
    ]);
    samples.push(t.sinceStartMs);
  }
  return median(samples);
}

export interface ColdStartContext {
  stack: LocalStack;
  programme: Programme;
  today: string;
  bucket: string;
  table: string;
}

interface EventInputs {
  kommunkod: string;
  home: string;
  submissionId: string;
  round: number;
  /** A pending outbox mail, for outbox-dispatch's stream event. */
  mailId?: string;
}

/** The first event each function gets; undefined for a function this benchmark does not know. */
function firstEvent(name: string, ctx: ColdStartContext, i: EventInputs): unknown {
  const programmeId = ctx.programme.id;
  const home = { kommunkod: i.home };
  switch (name) {
    case "health":
      return apiEvent({ method: "GET", routeKey: "GET /health", path: "/health" });
    case "list-programmes":
      return apiEvent({ method: "GET", routeKey: "GET /programmes", path: "/programmes", subject: home });
    case "get-programme":
      return apiEvent({
        method: "GET",
        routeKey: "GET /programmes/{programmeId}",
        path: `/programmes/${programmeId}`,
        pathParameters: { programmeId },
        subject: home,
      });
    case "create-requisition":
      return apiEvent({
        method: "POST",
        routeKey: "POST /programmes/{programmeId}/requisitions",
        path: `/programmes/${programmeId}/requisitions`,
        pathParameters: { programmeId },
        subject: { kommunkod: i.kommunkod },
        body: sampleRequisition(ctx.programme, i.kommunkod, ctx.today),
      });
    case "create-report":
      return apiEvent({
        method: "POST",
        routeKey: "POST /programmes/{programmeId}/reports",
        path: `/programmes/${programmeId}/reports`,
        pathParameters: { programmeId },
        subject: { kommunkod: i.kommunkod },
        body: sampleReport(ctx.programme, i.kommunkod, ctx.today),
      });
    case "get-submission":
      return apiEvent({
        method: "GET",
        routeKey: "GET /submissions/{id}",
        path: `/submissions/${i.submissionId}`,
        pathParameters: { id: i.submissionId },
        subject: home,
      });
    case "list-submissions":
      return apiEvent({ method: "GET", routeKey: "GET /submissions", path: "/submissions", subject: home });
    case "request-upload":
      return apiEvent({
        method: "POST",
        routeKey: "POST /submissions/{id}/original",
        path: `/submissions/${i.submissionId}/original`,
        pathParameters: { id: i.submissionId },
        subject: home,
        body: {},
      });
    case "upload-check":
      // A well-formed key no attachment owns: one table read, then the quarantine copy on S3.
      return s3Event(
        ctx.bucket,
        `originals/${programmeId}/${i.home}/${crypto.randomUUID()}/${crypto.randomUUID()}`,
        1024,
      );
    case "outbox-dispatch":
      // The table stream's INSERT for one pending mail: exactly one send per first event (a
      // schedule tick would send however many mails earlier rounds happened to queue).
      return i.mailId ? outboxStreamEvent(i.mailId) : scheduledEvent();
    case "mail-events":
      return sesBounceEvent(`bounce-${i.round}@bench.example`);
    default:
      return genericEvent(name, ctx, i);
  }
}

/**
 * Functions without a hand-made event: their first route from the table, with the path filled
 * in, an empty JSON body for POST/PUT and an officer's or the home municipality's claims. Such an
 * event may well be refused (4xx, see "first response"), but it still imports everything, checks
 * the token, parses the body and reads the table. A function without a route is scheduled.
 */
function genericEvent(name: string, ctx: ColdStartContext, i: EventInputs): unknown {
  const route = ROUTES.find((r) => r.function === name);
  if (!route) return scheduledEvent();
  const values: Record<string, string> = {
    programmeId: ctx.programme.id,
    id: i.submissionId,
    kommunkod: i.home,
  };
  const pathParameters: Record<string, string> = {};
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => {
    pathParameters[p] = values[p] ?? "x";
    return pathParameters[p] as string;
  });
  const write = route.method === "POST" || route.method === "PUT";
  return apiEvent({
    method: route.method as "GET" | "POST" | "PUT",
    routeKey: `${route.method} ${route.path}`,
    path,
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(route.access === "public"
      ? {}
      : { subject: route.access === "officer" ? { officer: true } : { kommunkod: i.home } }),
    ...(write ? { body: {} } : {}),
  });
}

export interface Timing {
  importMs: number;
  firstEventMs: number;
  totalMs: number;
}

export interface ColdStartRow {
  name: string;
  clients: ClientKind[];
  /** Clients bundled that FunctionDef.needs does not call for, or the reverse. */
  needsMismatch: string[];
  bytes: number;
  floorBytes: number;
  bytesAboveFloor: number;
  /** Medians over the rounds. */
  handler: Timing;
  floor: Timing;
  ratio: number;
  samples: { handler: number[]; floor: number[] };
  outcomes: string[];
  /** Largest contributors to the bytes above the floor. */
  aboveFloorByPackage: { group: string; bytes: number }[];
  meetsSizeTarget: boolean;
  meetsTimeTarget: boolean;
}

export interface ColdStartResult {
  rounds: number;
  nodeBootMs: number;
  targets: { maxBytesAboveFloor: number; maxRatio: number };
  firstEventTarget: string;
  rows: ColdStartRow[];
  skipped: string[];
}

export const COLD_START_TARGETS = { maxBytesAboveFloor: 150 * 1000, maxRatio: 1.25 } as const;

function clientsOf(report: BundleReport): ClientKind[] {
  return (Object.keys(CLIENTS) as ClientKind[]).filter((c) => bundleIncludes(report, CLIENTS[c]));
}

function needsMismatch(def: FunctionDef | undefined, clients: readonly ClientKind[]): string[] {
  if (!def) return [];
  const expected = new Set<ClientKind>();
  if (def.needs.table) expected.add("dynamodb");
  if (def.needs.bucket) expected.add("s3");
  if (def.needs.mail) expected.add("ses");
  const out: string[] = [];
  for (const c of clients)
    if (c !== "lib-dynamodb" && !expected.has(c)) out.push(`bundles ${CLIENTS[c]} but needs no ${c}`);
  for (const c of expected)
    if (!clients.includes(c)) out.push(`needs ${c} but does not bundle ${CLIENTS[c]}`);
  return out;
}

export async function measureColdStarts(
  ctx: ColdStartContext,
  options: { rounds: number },
): Promise<ColdStartResult> {
  const work = await mkdtemp(join(tmpdir(), "statsbidrag-bench-"));
  try {
    const defs: FunctionDef[] = [...FUNCTIONS, ...INFRA_FUNCTIONS];
    say(`  bundling ${defs.length} functions (esbuild, deploy settings)…`);
    const reports = await bundleFunctions({ functions: defs, outdir: join(work, "functions") });
    const byName = new Map(reports.map((r) => [r.name, r]));

    const allocations = ctx.programme.allocations;
    const home = allocations[0]?.kommunkod ?? "0114";
    // One submission to read and to request uploads for, made through the API.
    const token = await ctx.stack.issuer.mint({ kommunkod: home });
    const seeded = await timedRequest<{ id: string }>(
      ctx.stack.apiUrl,
      "POST",
      `/programmes/${ctx.programme.id}/requisitions`,
      { token, body: sampleRequisition(ctx.programme, home, ctx.today) },
    );
    if (seeded.status !== 201) throw new Error(`seeding a submission failed: ${seeded.status}`);
    const submissionId = seeded.body.id;

    const skipped: string[] = [];
    // create-requisition before create-report (same municipality per round), outbox after both.
    const order = ["create-requisition", "create-report", ...defs.map((d) => d.name)].filter(
      (n, i, all) => all.indexOf(n) === i && byName.has(n),
    );
    const runnable = order.filter((n) => {
      const known = firstEvent(n, ctx, { kommunkod: home, home, submissionId, round: 0 }) !== undefined;
      if (!known) skipped.push(n);
      return known;
    });

    const floors = new Map<string, Awaited<ReturnType<typeof bundleFloor>>>();
    for (const name of runnable) {
      const clients = clientsOf(byName.get(name) as BundleReport);
      const key = clients.join("+");
      if (!floors.has(key)) floors.set(key, await bundleFloor(clients, join(work, "floors")));
    }

    say("  measuring Node's own start-up…");
    const nodeBootMs = await nodeBoot(5);

    const { outbox } = outboxDeps();
    const samples = new Map<string, { handler: ChildTiming[]; floor: ChildTiming[] }>();
    const eventsDir = join(work, "events");
    await mkdir(eventsDir, { recursive: true });
    // Round 0 warms the page cache and the emulators and is discarded.
    const totalRounds = options.rounds + 1;
    if (allocations.length < totalRounds + 1) throw new Error("not enough municipalities for the rounds");
    for (let r = 0; r < totalRounds; r++) {
      say(`  round ${r === 0 ? "0 (warm-up, discarded)" : `${r}/${options.rounds}`}`);
      const kommunkod = (allocations[r + 1] as { kommunkod: string }).kommunkod;
      for (const [index, name] of runnable.entries()) {
        const report = byName.get(name) as BundleReport;
        const floor = floors.get(clientsOf(report).join("+"));
        if (!floor) throw new Error(`no floor for ${name}`);
        const eventFile = join(eventsDir, `${name}-${r}.json`);
        const mailId =
          name === "outbox-dispatch"
            ? (await outbox.dueMails(new Date(Date.now() + 7 * 86_400_000).toISOString(), 1))[0]?.id
            : undefined;
        await writeFile(
          eventFile,
          JSON.stringify(
            firstEvent(name, ctx, { kommunkod, home, submissionId, round: r, ...(mailId ? { mailId } : {}) }),
          ),
        );
        const handlerBundle = join(work, "functions", name, BUNDLE.outfile);
        const runHandler = () => runChild([CHILD, handlerBundle, eventFile]);
        const runFloor = () => runChild([CHILD, floor.outfile, eventFile]);
        const floorFirst = (r + index) % 2 === 0;
        const first = await (floorFirst ? runFloor() : runHandler());
        const second = await (floorFirst ? runHandler() : runFloor());
        const [f, h] = floorFirst ? [first, second] : [second, first];
        if (r === 0) continue;
        const s = samples.get(name) ?? { handler: [], floor: [] };
        s.handler.push(h);
        s.floor.push(f);
        samples.set(name, s);
      }
    }

    const medianTiming = (xs: ChildTiming[]): Timing => ({
      importMs: round(median(xs.map((x) => x.importMs))),
      firstEventMs: round(median(xs.map((x) => x.firstEventMs))),
      totalMs: round(median(xs.map((x) => x.totalMs))),
    });
    const defByName = new Map(defs.map((d) => [d.name, d]));
    const rows: ColdStartRow[] = runnable.map((name) => {
      const report = byName.get(name) as BundleReport;
      const clients = clientsOf(report);
      const floor = floors.get(clients.join("+")) as Awaited<ReturnType<typeof bundleFloor>>;
      const s = samples.get(name) as { handler: ChildTiming[]; floor: ChildTiming[] };
      const handler = medianTiming(s.handler);
      const floorTiming = medianTiming(s.floor);
      const ratio = round(handler.totalMs / floorTiming.totalMs, 2);
      const mine = bytesByPackage(report.metafile);
      const theirs = bytesByPackage(floor.metafile);
      const aboveFloorByPackage = [...mine.entries()]
        .map(([group, bytes]) => ({ group, bytes: bytes - (theirs.get(group) ?? 0) }))
        .filter((g) => g.bytes > 1024)
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 6);
      const bytesAboveFloor = report.bytes - floor.bytes;
      return {
        name,
        clients,
        needsMismatch: needsMismatch(defByName.get(name), clients),
        bytes: report.bytes,
        floorBytes: floor.bytes,
        bytesAboveFloor,
        handler,
        floor: floorTiming,
        ratio,
        samples: {
          handler: s.handler.map((x) => round(x.totalMs)),
          floor: s.floor.map((x) => round(x.totalMs)),
        },
        outcomes: [...new Set(s.handler.map((x) => x.outcome))],
        aboveFloorByPackage,
        meetsSizeTarget: bytesAboveFloor <= COLD_START_TARGETS.maxBytesAboveFloor,
        meetsTimeTarget: ratio <= COLD_START_TARGETS.maxRatio,
      };
    });
    return {
      rounds: options.rounds,
      nodeBootMs: round(nodeBootMs),
      targets: { ...COLD_START_TARGETS },
      firstEventTarget:
        'the running local emulators (DynamoDB Local, s3rver, SES emulator) on loopback. The column "first response" shows what each first event got; functions without a hand-made event get their first route with an empty body, which some refuse (4xx) after importing, authenticating, parsing and reading the table',
      rows,
      skipped,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
