// One cold start, in a fresh Node process: import a bundled handler, serve one event, report.
// Plain JavaScript so nothing but Node itself runs before the measurement. Started by
// bench/cold-start.ts as: node [--enable-source-maps] cold-start-child.mjs <bundle.mjs> <event.json>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, "utf8"));
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: "bench",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-north-1:000000000000:function:bench",
  memoryLimitInMB: "1024",
  awsRequestId: "00000000-0000-4000-8000-000000000000",
  logGroupName: "/aws/lambda/bench",
  logStreamName: "bench",
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const t1 = performance.now();
let outcome;
try {
  const result = await mod.handler(event, context);
  outcome = result && typeof result === "object" && "statusCode" in result ? String(result.statusCode) : "ok";
} catch (error) {
  outcome = `threw ${error?.name ?? "error"}: ${String(error?.message ?? error).slice(0, 120)}`;
}
const t2 = performance.now();
process.stdout.write(
  `\n@@BENCH@@${JSON.stringify({ importMs: t1 - t0, firstEventMs: t2 - t1, totalMs: t2 - t0, sinceStartMs: t2, outcome })}\n`,
);
// Keep-alive sockets of the SDK would hold the process open; the measurement is done.
process.exit(0);
