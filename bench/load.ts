/**
 * API latency under load on the local stack: every municipality of the programme submits a
 * requisition, then its financial report, then reads the requisition back, with a bounded number
 * of requests in flight. Latency is what the client sees (request sent → body read) through the
 * local gateway, the real handlers and DynamoDB Local.
 */
import { sampleReport, sampleRequisition } from "../shared/forms/index.ts";
import type { Programme } from "../shared/programmes/schema.ts";
import { pool, type Timed, timedRequest } from "./lib/http.ts";
import { timeDynamoCalls } from "./lib/sdk-timing.ts";
import { type LatencySummary, round, summarize } from "./lib/stats.ts";

export interface Target {
  apiUrl: string;
  mint(kommunkod: string): Promise<string>;
}

export interface LoadOptions {
  programme: Programme;
  today: string;
  kommunkoder: readonly string[];
  concurrency: number;
}

export const ROUTES = {
  requisition: "POST /programmes/{programmeId}/requisitions",
  report: "POST /programmes/{programmeId}/reports",
  read: "GET /submissions/{id}",
} as const;

export interface LoadResult {
  municipalities: number;
  concurrency: number;
  requests: number;
  durationMs: number;
  requestsPerSecond: number;
  routes: Record<string, LatencySummary>;
  all: LatencySummary;
  errors: number;
  errorSamples: string[];
  /** Every DynamoDB call the handlers made during the run, timed from the SDK (in-process). */
  dynamodb: Record<string, LatencySummary & { errors: number }>;
  target: { p99Ms: number; errors: number };
  meetsTarget: boolean;
}

export const LOAD_TARGET_P99_MS = 50;

function describe(route: string, res: Timed): string {
  return `${route} → ${res.networkError ?? `${res.status} ${JSON.stringify(res.body).slice(0, 160)}`}`;
}

/**
 * Loads every handler module and lets DynamoDB Local compile its transaction path, without
 * spending any municipality's one base requisition: reports before a requisition fail their
 * transaction condition (409) and write nothing.
 */
export async function warmUp(target: Target, options: LoadOptions, count = 20): Promise<void> {
  const { programme, today } = options;
  const kommunkoder = options.kommunkoder.slice(0, count);
  await pool(kommunkoder, 4, async (k) => {
    const token = await target.mint(k);
    await timedRequest(target.apiUrl, "POST", `/programmes/${programme.id}/reports`, {
      token,
      body: sampleReport(programme, k, today),
    });
    await timedRequest(target.apiUrl, "POST", `/programmes/${programme.id}/requisitions`, {
      token,
      body: { not: "a form" },
    });
    await timedRequest(target.apiUrl, "GET", "/submissions/00000000-0000-4000-8000-000000000000", { token });
    await timedRequest(target.apiUrl, "GET", `/programmes/${programme.id}`, { token });
  });
}

export async function runLoad(target: Target, options: LoadOptions): Promise<LoadResult> {
  const { programme, today, kommunkoder, concurrency } = options;
  // Tokens and bodies up front: minting and building forms is the client's work, not the API's.
  const prepared = await Promise.all(
    kommunkoder.map(async (k) => ({
      k,
      token: await target.mint(k),
      requisition: sampleRequisition(programme, k, today),
      report: sampleReport(programme, k, today),
    })),
  );
  const latencies: Record<string, number[]> = {
    [ROUTES.requisition]: [],
    [ROUTES.report]: [],
    [ROUTES.read]: [],
  };
  const errorSamples: string[] = [];
  let errors = 0;
  const record = (route: string, res: Timed, expected: number): boolean => {
    latencies[route]?.push(res.ms);
    if (res.status === expected) return true;
    errors++;
    if (errorSamples.length < 10) errorSamples.push(describe(route, res));
    return false;
  };

  const sdk = timeDynamoCalls();
  const started = performance.now();
  await pool(prepared, concurrency, async ({ token, requisition, report }) => {
    const req = await timedRequest<{ id: string }>(
      target.apiUrl,
      "POST",
      `/programmes/${programme.id}/requisitions`,
      { token, body: requisition },
    );
    if (!record(ROUTES.requisition, req, 201)) return;
    const rep = await timedRequest(target.apiUrl, "POST", `/programmes/${programme.id}/reports`, {
      token,
      body: report,
    });
    record(ROUTES.report, rep, 201);
    const read = await timedRequest(target.apiUrl, "GET", `/submissions/${req.body.id}`, { token });
    record(ROUTES.read, read, 200);
  });
  const durationMs = performance.now() - started;
  const dynamodb = Object.fromEntries(
    Object.entries(sdk.summary()).map(([name, s]) => [name, { ...roundSummary(s), errors: s.errors }]),
  );
  sdk.restore();

  const routes = Object.fromEntries(
    Object.entries(latencies).map(([route, xs]) => [route, roundSummary(summarize(xs))]),
  );
  const all = roundSummary(summarize(Object.values(latencies).flat()));
  const requests = Object.values(latencies).reduce((n, xs) => n + xs.length, 0);
  const worstP99 = Math.max(...Object.values(routes).map((r) => r.p99));
  return {
    municipalities: kommunkoder.length,
    concurrency,
    requests,
    durationMs: round(durationMs),
    requestsPerSecond: round((requests / durationMs) * 1000),
    routes,
    all,
    errors,
    errorSamples,
    dynamodb,
    target: { p99Ms: LOAD_TARGET_P99_MS, errors: 0 },
    meetsTarget: errors === 0 && worstP99 < LOAD_TARGET_P99_MS,
  };
}

export function roundSummary(s: LatencySummary): LatencySummary {
  return {
    count: s.count,
    mean: round(s.mean),
    p50: round(s.p50),
    p95: round(s.p95),
    p99: round(s.p99),
    max: round(s.max),
  };
}
