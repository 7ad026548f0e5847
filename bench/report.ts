/**
 * Turns one run's results into bench/results.json, docs/performance.md and a console summary.
 * The prose between the PROSE markers in docs/performance.md is written by people and kept
 * across runs; everything else in that file is regenerated.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ColdStartResult } from "./cold-start.ts";
import type { ContentionResult } from "./contention.ts";
import type { MachineFacts } from "./lib/machine.ts";
import type { LoadResult } from "./load.ts";
import type { ScanResult } from "./scans.ts";
import type { ValidationResult } from "./validation.ts";
import type { WebResult } from "./web.ts";

export interface TargetVerdict {
  target: string;
  met: boolean;
  measured: string;
  why?: string;
}

export interface BenchResults {
  generatedBy: string;
  machine: MachineFacts;
  settings: Record<string, unknown>;
  validation?: ValidationResult;
  coldStart?: ColdStartResult;
  load?: LoadResult;
  contention: ContentionResult[];
  scans?: ScanResult;
  web?: WebResult;
  verdicts: TargetVerdict[];
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const signedMs = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)} ms`;
const int = (n: number) => n.toLocaleString("en-US").replace(/,/g, " ");

export function verdicts(r: Omit<BenchResults, "verdicts">): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const v = r.validation;
  if (v)
    out.push({
      target: `Validation ≥ ${int(v.target)} forms/s on one core`,
      met: v.meetsTarget,
      measured: `${int(v.worstFormsPerSecond)} forms/s in the slowest mix`,
      ...(v.meetsTarget
        ? {}
        : {
            why: "zod parsing plus the cross-field rules cost more per form than the target allows on this CPU",
          }),
    });
  const c = r.coldStart;
  if (c) {
    for (const row of c.rows) {
      const bigger = row.aboveFloorByPackage
        .slice(0, 4)
        .map((g) => `${g.group} ${kB(g.bytes)}`)
        .join(", ");
      out.push({
        target: `${row.name}: bundle ≤ floor + ${kB(c.targets.maxBytesAboveFloor)}`,
        met: row.meetsSizeTarget,
        measured: `${kB(row.bytes)} vs floor ${kB(row.floorBytes)} (+${kB(row.bytesAboveFloor)})`,
        ...(row.meetsSizeTarget
          ? {}
          : {
              why: `largest additions over the floor: ${bigger}${row.needsMismatch.length ? `; ${row.needsMismatch.join("; ")}` : ""}`,
            }),
      });
      const importShare = row.handler.importMs - row.floor.importMs;
      const eventShare = row.handler.firstEventMs - row.floor.firstEventMs;
      out.push({
        target: `${row.name}: import + first event ≤ ${c.targets.maxRatio}× floor`,
        met: row.meetsTimeTarget,
        measured: `${ms(row.handler.totalMs)} vs floor ${ms(row.floor.totalMs)} (${row.ratio}×)`,
        ...(row.meetsTimeTarget
          ? {}
          : {
              why: `import ${signedMs(importShare)} (more code to parse and run at init), first event ${signedMs(eventShare)} (real round trips, lazily loaded SDK parts${row.outcomes.some((o) => o.startsWith("threw")) ? ", and the event failed" : ""})`,
            }),
      });
    }
  }
  const l = r.load;
  if (l) {
    const worst = Object.entries(l.routes).sort((a, b) => b[1].p99 - a[1].p99)[0];
    out.push({
      target: `Load: p99 < ${l.target.p99Ms} ms per route, 0 errors`,
      met: l.meetsTarget,
      measured: `worst p99 ${worst ? `${ms(worst[1].p99)} (${worst[0]})` : "n/a"}, ${l.errors} errors`,
      ...(l.meetsTarget
        ? {}
        : {
            why:
              l.errors > 0
                ? `errors: ${l.errorSamples.slice(0, 3).join(" | ")}`
                : `${l.concurrency} requests in flight queue behind one Node event loop (load generator, gateway and handlers share it) and one DynamoDB Local JVM on ${r.machine.availableParallelism} cores; ${dynamoShare(l)}`,
          }),
    });
  }
  if (l) {
    for (const [route, o] of Object.entries(l.overhead)) {
      const met = o.ratio <= l.target.maxOverheadRatio;
      out.push({
        target: `${route}: served p99 ≤ ${l.target.maxOverheadRatio}× the p99 of its DynamoDB calls`,
        met,
        measured: `${ms(o.p99Ms)} vs ${ms(o.dynamoP99Ms)} (${o.ratio}×)`,
        ...(met
          ? {}
          : {
              why: `${ms(o.p99Ms - o.dynamoP99Ms)} at p99 outside DynamoDB: with ${l.concurrency} requests in flight on ${r.machine.availableParallelism} cores, the load generator, gateway and handlers queue on one event loop`,
            }),
      });
    }
  }
  const s = r.scans;
  if (s) {
    const missed = s.rows.filter((x) => s.target.includes(x.degradation) && x.pagesRead < x.pages);
    out.push({
      target: `Scans: every page read at ${s.target.join(" and ")}, no false match`,
      met: s.meetsTarget && s.falseMatches === 0,
      measured: `${s.rows.reduce((n, x) => n + x.pagesRead, 0)} of ${s.rows.reduce((n, x) => n + x.pages, 0)} pages read in all, ${s.falseMatches} false matches`,
      ...(s.meetsTarget && s.falseMatches === 0
        ? {}
        : {
            why: `${missed.map((x) => `${x.degradation}: ${x.pagesRead}/${x.pages}`).join("; ")}${s.falseMatches ? `; ${s.falseMatches} false matches` : ""}`,
          }),
    });
  }
  const w = r.web;
  if (w) {
    const form = w.pages.filter((p) => w.formPages.includes(p.page));
    out.push({
      target: `Form page JS (gzip) reported and roughly halved: ≤ ${w.target.maxRatioToBaseline}× its size before zod/mini`,
      met: w.meetsTarget,
      measured: form
        .map(
          (p) =>
            `${p.page} ${kB(p.gzipBytes)}${w.baseline?.gzipBytes[p.page] ? ` vs ${kB(w.baseline.gzipBytes[p.page] ?? 0)} at ${w.baseline.commit} (${w.ratios[p.page]}×)` : ""}`,
        )
        .join("; "),
      ...(w.meetsTarget
        ? {}
        : {
            why: w.baseline
              ? `what is left before gzip: ${form.map((p) => `${p.page}: own code ${kB(p.ownBytes)}, ${p.topPackages.map((x) => `${x.name} ${kB(x.bytes)}`).join(", ")}`).join("; ")}`
              : "no baseline recorded (bench/web.ts BASELINE)",
          }),
    });
  }
  for (const cr of r.contention) {
    const failed = cr.checks.filter((x) => !x.ok);
    out.push({
      target: `Contention: ${cr.scenario}`,
      met: cr.passed,
      measured: `${cr.accepted} accepted; ledger ${int(cr.sumRequisitioned)} kr = accepted ${int(cr.sumAcceptedAmounts)} kr`,
      ...(cr.passed ? {} : { why: failed.map((x) => `${x.name}: ${x.detail}`).join("; ") }),
    });
  }
  return out;
}

/** How much of the latency was spent waiting for DynamoDB Local, from the SDK timings. */
function dynamoShare(l: LoadResult): string {
  const tx = l.dynamodb.TransactWrite;
  const req = l.routes["POST /programmes/{programmeId}/requisitions"];
  if (!tx || !req) return "no DynamoDB timings";
  return `DynamoDB Local's TransactWriteItems alone took p50 ${ms(tx.p50)} / p99 ${ms(tx.p99)} of the requisition's p50 ${ms(req.p50)} / p99 ${ms(req.p99)}`;
}

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const PROSE_START = "<!-- PROSE:START (kept across runs) -->";
const PROSE_END = "<!-- PROSE:END -->";
const DEFAULT_PROSE = `## Reading these numbers

Everything here is measured on one developer machine against local emulators, in one run, so the
ratios (handler vs floor in the same run) mean more than the absolute numbers. Re-run with
\`npm run bench\` before drawing conclusions from a change.`;

function keptProse(path: string): string {
  if (!existsSync(path)) return DEFAULT_PROSE;
  const text = readFileSync(path, "utf8");
  const start = text.indexOf(PROSE_START);
  const end = text.indexOf(PROSE_END);
  return start >= 0 && end > start ? text.slice(start + PROSE_START.length, end).trim() : DEFAULT_PROSE;
}

export function markdown(r: BenchResults, prose: string): string {
  const m = r.machine;
  const parts: string[] = [];
  parts.push(`# Performance

Generated by \`npm run bench\` (bench/run.ts) on ${m.date}; raw numbers in \`bench/results.json\`.
Sections other than the prose block are overwritten on every run.

${PROSE_START}
${prose}
${PROSE_END}

## Machine

${table(
  ["CPU", "cores (usable)", "memory", "OS", "Node", "Java (DynamoDB Local)", "commit", "load avg at start"],
  [
    [
      m.cpuModel,
      `${m.cores} (${m.availableParallelism})`,
      `${m.memoryGiB} GiB`,
      m.platform,
      m.node,
      m.java,
      `${m.gitCommit}${m.gitDirty ? " + local changes" : ""}`,
      m.loadAverage.join(" / "),
    ],
  ],
)}

Settings: \`${JSON.stringify(r.settings)}\`

## Targets

${table(
  ["target", "met", "measured", "why missed"],
  r.verdicts.map((v) => [v.target, v.met ? "yes" : "**NO**", v.measured, v.why ?? ""]),
)}
`);

  const v = r.validation;
  if (v)
    parts.push(`## Validation throughput

shared/forms \`checkRequisition\` / \`checkReport\` (parse + validate) in a loop on one thread, after a
warm-up; inputs built beforehand from all ${"290"} municipalities, valid and with one mistake each.

${table(
  ["mix", "forms/s", "forms", "ms"],
  v.rows.map((x) => [x.scenario, int(x.formsPerSecond), int(x.forms), x.ms]),
)}
`);

  const c = r.coldStart;
  if (c) {
    parts.push(`## Cold start proxy

Bundles made with the deploy settings (infra/bundle-report.ts). Each timing is the median of
${c.rounds} fresh \`node\` processes (NODE_OPTIONS=--enable-source-maps, as on Lambda) from just
before \`import()\` of the bundle until the handler's first response; Node's own start-up
(median ${ms(c.nodeBootMs)} here) comes on top for both and is left out. The floor bundle creates
the same AWS SDK clients (detected from the bundle's inputs) and makes the one request every
function's first event makes, a GetItem on the same table, so the ratio measures our code and not
the SDK's first request (credentials, endpoint, its lazy parts) or DynamoDB Local's answer. Floor and
handler runs alternate, and the order flips every round. First events went to the running local
emulators (DynamoDB Local, s3rver, SES emulator) on loopback, so they include real round trips; the
"first response" column shows what each got. Functions without a hand-made event get their first
route with an empty body, which some refuse (4xx) after importing, authenticating, parsing and
reading the table; outbox-dispatch gets the table-stream record of one pending mail.

${table(
  [
    "function",
    "SDK clients",
    "bundle",
    "floor",
    "above floor",
    "import",
    "first event",
    "total",
    "floor total",
    "ratio",
    "first response",
  ],
  c.rows.map((x) => [
    x.name,
    x.clients.join(" + "),
    kB(x.bytes),
    kB(x.floorBytes),
    `${x.meetsSizeTarget ? "" : "**"}+${kB(x.bytesAboveFloor)}${x.meetsSizeTarget ? "" : "**"}`,
    ms(x.handler.importMs),
    ms(x.handler.firstEventMs),
    ms(x.handler.totalMs),
    ms(x.floor.totalMs),
    `${x.meetsTimeTarget ? "" : "**"}${x.ratio}×${x.meetsTimeTarget ? "" : "**"}`,
    x.outcomes.join(", "),
  ]),
)}

What the bytes above the floor are (largest first):

${table(
  ["function", "largest additions over the floor", "declared needs vs bundled clients"],
  c.rows.map((x) => [
    x.name,
    x.aboveFloorByPackage.map((g) => `${g.group} ${kB(g.bytes)}`).join(", "),
    x.needsMismatch.join("; ") || "match",
  ]),
)}
`);
  }

  const l = r.load;
  if (l) {
    parts.push(`## API latency under load

In-process local stack (startLocalStack, in-memory DynamoDB Local), ${l.municipalities} municipalities,
each: requisition → signed original uploaded and received (the check and the malware verdict) →
approved and paid by an officer → report stating that payment → read back, ${l.concurrency}
municipalities in flight. ${l.requests} API requests in ${ms(l.durationMs)} (${l.requestsPerSecond}
req/s; the reads polling for "received" are not counted), ${l.errors} errors. From the presigned
POST to "received": ${l.uploadToReceived ? `p50 ${ms(l.uploadToReceived.p50)}, p99 ${ms(l.uploadToReceived.p99)}` : "not measured"}.

${table(
  ["route", "n", "p50", "p95", "p99", "max", "mean"],
  [
    ...Object.entries(l.routes).map(([route, s]) => [
      route,
      s.count,
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.max),
      ms(s.mean),
    ]),
    ["all", l.all.count, ms(l.all.p50), ms(l.all.p95), ms(l.all.p99), ms(l.all.max), ms(l.all.mean)],
  ],
)}

Time the handlers spent waiting for DynamoDB Local in the same run (SDK call to response, in-process):

${table(
  ["DynamoDB call", "n", "p50", "p95", "p99", "mean", "errors"],
  Object.entries(l.dynamodb).map(([name, s]) => [
    name,
    s.count,
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    ms(s.mean),
    s.errors,
  ]),
)}

Our share of each route's latency, as the server saw each request: the p99 of the gateway's time
(request to the response's last byte) next to the p99 of the same requests' own DynamoDB time (the
union of the intervals of the calls each made, attributed per request in-process;
bench/lib/route-dynamo-time.ts). The client's payment step above is two requests (proposed, then
attested), here two routes. Target: ratio ≤ ${l.target.maxOverheadRatio}.

${table(
  ["route", "served p99", "its DynamoDB p99", "ratio"],
  Object.entries(l.overhead).map(([route, o]) => [
    route,
    ms(o.p99Ms),
    ms(o.dynamoP99Ms),
    o.ratio > l.target.maxOverheadRatio ? `**${o.ratio}×**` : `${o.ratio}×`,
  ]),
)}
${l.errorSamples.length ? `\nErrors (first ${l.errorSamples.length}):\n\n${l.errorSamples.map((e) => `- \`${e}\``).join("\n")}\n` : ""}`);
  }

  if (r.contention.length) {
    parts.push(`## Contention

Each scenario starts from an empty table. The checks read the allocation rows and submissions
from the table itself.

${r.contention
  .map(
    (cr) => `### ${cr.scenario}

${cr.requests} requests, ${cr.concurrency} in flight; statuses: ${Object.entries(cr.statuses)
      .map(([k, n]) => `${k} × ${n}`)
      .join(", ")}; latency p50 ${ms(cr.latency.p50)}, p99 ${ms(cr.latency.p99)}.

${table(
  ["check", "ok", "detail"],
  cr.checks.map((x) => [x.name, x.ok ? "yes" : "**NO**", x.detail]),
)}
`,
  )
  .join("\n")}`);
  }
  const s = r.scans;
  if (s)
    parts.push(`## Scans read back

The tests' scan corpus (test/helpers/scan-corpus*.ts): a requisition and a report, pre-filled,
rendered by pdftoppm and degraded, each page a file and each form also as an image-only PDF, read
by the upload check's reader (shared/scans) on one thread. Time per page includes decoding the
image (jpeg-js, pngjs, UTIF are pure JavaScript; CCITT fax and JBIG2 in PDFs are PDFium's decoders
in WebAssembly, from pdfjs-dist); peak RSS ${s.peakRssMiB} MiB, the corpus's own images
included. A file holding only page 1 of a two-page form is rightly not "matched". Measured
${s.measuredOn.date}, load average ${s.measuredOn.loadAverage.join(" / ")}.
${
  s.bundle
    ? `
The ${s.bundle.function} bundle is ${kibOf(s.bundle.bytes)}; of it the scan reader (imported on the first
scan read, but in the same file): ${s.bundle.reader.map((x) => `${x.part} ${kibOf(x.bytes)}`).join(", ")}.
`
    : ""
}
${table(
  [
    "degradation",
    "files",
    "pages",
    "pages read",
    "files matched",
    "false matches",
    "ms/page p50",
    "ms/page p95",
  ],
  s.rows.map((x) => [
    x.degradation,
    x.files,
    x.pages,
    x.pagesRead,
    x.filesMatched,
    x.falseMatches,
    x.msPerPageP50,
    x.msPerPageP95,
  ]),
)}
`);
  const w = r.web;
  if (w)
    parts.push(`## Web pages: JavaScript loaded at start

Each page built as web/build.ts builds it (minified, same esbuild options, split chunks): its entry
chunk plus every chunk it imports statically; chunks behind a dynamic \`import()\` (pdf-lib, when a
PDF is made) are not counted. gzip is each file on its own at level 9. Packages and the app's own
code (web/, shared/) are bytes in those files before gzip. Form pages: ${w.formPages.join(", ")}.${
      w.baseline ? ` Baseline: ${w.baseline.what} (${w.baseline.commit}).` : ""
    }

${table(
  ["page", "files", "raw", "gzip", "gzip before", "ratio", "own code", "largest packages"],
  w.pages.map((p) => [
    w.formPages.includes(p.page) ? `**${p.page}**` : p.page,
    p.chunks,
    kB(p.rawBytes),
    kB(p.gzipBytes),
    w.baseline?.gzipBytes[p.page] ? kB(w.baseline.gzipBytes[p.page] ?? 0) : "",
    w.baseline?.gzipBytes[p.page]
      ? `${Math.round((p.gzipBytes / (w.baseline.gzipBytes[p.page] ?? 1)) * 100) / 100}×`
      : "",
    kB(p.ownBytes),
    p.topPackages.map((x) => `${x.name} ${kB(x.bytes)}`).join(", "),
  ]),
)}
`);
  return `${parts.join("\n")}`;
}

export function writeOutputs(r: BenchResults, jsonPath: string, mdPath: string): void {
  mkdirSync(dirname(jsonPath), { recursive: true });
  mkdirSync(dirname(mdPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(mdPath, markdown(r, keptProse(mdPath)));
}

/** A compact console summary: one line per target, plus the key tables. */
export function consoleSummary(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(
    `machine: ${m.cpuModel}, ${m.cores} cores (${m.availableParallelism} usable), Node ${m.node}, ${m.date}, load ${m.loadAverage.join("/")}`,
  );
  lines.push("");
  lines.push("validation");
  for (const x of r.validation?.rows ?? [])
    lines.push(`  ${x.scenario.padEnd(28)} ${int(x.formsPerSecond).padStart(12)} forms/s`);
  if (r.coldStart) {
    lines.push("");
    lines.push(
      `cold start (median of ${r.coldStart.rounds}; node boot ${ms(r.coldStart.nodeBootMs)} excluded)`,
    );
    lines.push(
      `  ${"function".padEnd(20)} ${"bundle".padStart(8)} ${"floor".padStart(8)} ${"+floor".padStart(8)} ${"total".padStart(10)} ${"floor".padStart(10)} ${"ratio".padStart(6)}  response`,
    );
    for (const x of r.coldStart.rows) {
      lines.push(
        `  ${x.name.padEnd(20)} ${kB(x.bytes).padStart(8)} ${kB(x.floorBytes).padStart(8)} ${kB(x.bytesAboveFloor).padStart(8)} ${ms(x.handler.totalMs).padStart(10)} ${ms(x.floor.totalMs).padStart(10)} ${`${x.ratio}×`.padStart(6)}  ${x.outcomes.join(",")}`,
      );
    }
  }
  if (r.load) {
    lines.push("");
    lines.push(
      `load: ${r.load.requests} requests, ${r.load.concurrency} in flight, ${r.load.requestsPerSecond} req/s, ${r.load.errors} errors`,
    );
    for (const [route, s] of Object.entries(r.load.routes)) {
      lines.push(
        `  ${route.padEnd(46)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  p99 ${ms(s.p99).padStart(9)}`,
      );
    }
    const settle = r.load.uploadToReceived;
    if (settle)
      lines.push(
        `  ${"upload → received (S3, check, scan)".padEnd(46)} p50 ${ms(settle.p50).padStart(9)}  p95 ${ms(settle.p95).padStart(9)}  p99 ${ms(settle.p99).padStart(9)}`,
      );
    for (const [name, s] of Object.entries(r.load.dynamodb)) {
      lines.push(
        `  DynamoDB ${name.padEnd(37)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  (n=${s.count})`,
      );
    }
    for (const [route, o] of Object.entries(r.load.overhead)) {
      lines.push(
        `  ${`${route}: its DynamoDB p99`.padEnd(46)} ${ms(o.dynamoP99Ms).padStart(9)}  route ÷ DynamoDB ${o.ratio}×`,
      );
    }
  }
  if (r.web) {
    lines.push("");
    lines.push("web pages: JavaScript loaded at start (raw / gzip)");
    for (const p of r.web.pages)
      lines.push(
        `  ${p.page.padEnd(20)} ${kB(p.rawBytes).padStart(8)} ${kB(p.gzipBytes).padStart(8)}  ${p.topPackages.map((x) => `${x.name} ${kB(x.bytes)}`).join(", ")}`,
      );
  }
  for (const cr of r.contention) {
    lines.push("");
    lines.push(`contention: ${cr.scenario} → ${cr.passed ? "PASS" : "FAIL"}`);
    for (const x of cr.checks) lines.push(`  ${x.ok ? "ok  " : "FAIL"} ${x.name} (${x.detail})`);
  }
  lines.push("");
  lines.push("targets");
  for (const v of r.verdicts)
    lines.push(`  ${v.met ? "met   " : "MISSED"} ${v.target}: ${v.measured}${v.why ? ` — ${v.why}` : ""}`);
  return lines.join("\n");
}

/** A byte count as kilobytes with one decimal, as the bundle report prints it. */
function kibOf(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
