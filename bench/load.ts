/**
 * API latency under load on the local stack: every municipality of the programme walks the
 * lifecycle of its grant, with a bounded number of municipalities in flight: it submits a
 * requisition and uploads the signed original (waiting until the check and the malware verdict
 * have received it), an officer approves it and records the payment, then the municipality submits
 * its financial report (stating that payment) and reads the requisition back. Latency is what the
 * client sees (request sent → body read) through the local gateway, the real handlers and
 * DynamoDB Local; the upload's way from S3's answer to "received" is summarised on its own.
 */
import { sampleRequisition } from "../shared/forms/index.ts";
import type { Programme } from "../shared/programmes/schema.ts";
import type { UploadSlot } from "../shared/submissions/upload-slot.ts";
import {
  approve,
  recordPayment,
  reportAsPaid,
  settledStatus,
  signedPdf,
  type Target,
  uploadSigned,
} from "./lib/flow.ts";
import { pool, type Timed, timedRequest } from "./lib/http.ts";
import { timeDynamoPerRoute } from "./lib/route-dynamo-time.ts";
import { timeDynamoCalls } from "./lib/sdk-timing.ts";
import { type LatencySummary, round, summarize } from "./lib/stats.ts";

export type { Target } from "./lib/flow.ts";

export interface LoadOptions {
  programme: Programme;
  today: string;
  kommunkoder: readonly string[];
  concurrency: number;
}

export const ROUTES = {
  requisition: "POST /programmes/{programmeId}/requisitions",
  decision: "POST /submissions/{id}/decision",
  payment: "POST /submissions/{id}/payment",
  report: "POST /programmes/{programmeId}/reports",
  read: "GET /submissions/{id}",
} as const;

/** API requests each municipality makes in the measured flow (the polls while it waits are not counted). */
export const REQUESTS_PER_MUNICIPALITY = Object.keys(ROUTES).length;

export interface LoadResult {
  municipalities: number;
  concurrency: number;
  requests: number;
  durationMs: number;
  requestsPerSecond: number;
  routes: Record<string, LatencySummary>;
  all: LatencySummary;
  /** From the presigned POST to the submission read back as received: S3, the check, the scan. */
  uploadToReceived?: LatencySummary;
  errors: number;
  errorSamples: string[];
  /** Every DynamoDB call the handlers made during the run, timed from the SDK (in-process). */
  dynamodb: Record<string, LatencySummary & { errors: number }>;
  /**
   * Per route, as the server saw each request: the p99 of the gateway's time next to the p99 of the
   * request's own DynamoDB time (the union of its calls' intervals), and their ratio — our share of
   * the latency, whatever the emulator's speed.
   */
  overhead: Record<string, { p99Ms: number; dynamoP99Ms: number; ratio: number }>;
  target: { p99Ms: number; errors: number; maxOverheadRatio: number };
  meetsTarget: boolean;
}

export const LOAD_TARGET_P99_MS = 50;
/** Issue #18: a route's p99 at most this many times the p99 of the DynamoDB calls it makes. */
export const MAX_OVERHEAD_RATIO = 1.15;

function describe(route: string, res: Timed): string {
  return `${route} → ${res.networkError ?? `${res.status} ${JSON.stringify(res.body).slice(0, 160)}`}`;
}

/**
 * Loads every handler module and lets DynamoDB Local compile its transaction path, without
 * spending any municipality's one base requisition: reports before a requisition fail their
 * transaction condition (409), decisions and payments on no submission are 404, and none of them
 * writes anything.
 */
export async function warmUp(target: Target, options: LoadOptions, count = 20): Promise<void> {
  const { programme, today } = options;
  const kommunkoder = options.kommunkoder.slice(0, count);
  const officer = await target.mintOfficer();
  const nobody = "00000000-0000-4000-8000-000000000000";
  await pool(kommunkoder, 4, async (k) => {
    const token = await target.mint(k);
    await timedRequest(target.apiUrl, "POST", `/programmes/${programme.id}/reports`, {
      token,
      body: reportAsPaid(programme, k, today, 1),
    });
    await approve(target, officer, nobody);
    await recordPayment(target, officer, nobody, 1, today);
    await timedRequest(target.apiUrl, "POST", `/programmes/${programme.id}/requisitions`, {
      token,
      body: { not: "a form" },
    });
    await timedRequest(target.apiUrl, "GET", `/submissions/${nobody}`, { token });
    await timedRequest(target.apiUrl, "GET", `/programmes/${programme.id}`, { token });
  });
}

export async function runLoad(target: Target, options: LoadOptions): Promise<LoadResult> {
  const { programme, today, kommunkoder, concurrency } = options;
  // Tokens and bodies up front: minting and building forms is the client's work, not the API's.
  const officer = await target.mintOfficer();
  const prepared = await Promise.all(
    kommunkoder.map(async (k) => ({
      k,
      token: await target.mint(k),
      requisition: sampleRequisition(programme, k, today),
      pdf: signedPdf(k),
    })),
  );
  const latencies: Record<string, number[]> = Object.fromEntries(Object.values(ROUTES).map((r) => [r, []]));
  const settling: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const failed = (sample: string) => {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(sample);
    return false;
  };
  const record = (route: string, res: Timed, expected: number): boolean => {
    latencies[route]?.push(res.ms);
    return res.status === expected || failed(describe(route, res));
  };

  const sdk = timeDynamoCalls();
  const perRoute = timeDynamoPerRoute();
  const started = performance.now();
  await pool(prepared, concurrency, async ({ k, token, requisition, pdf }) => {
    const req = await timedRequest<{ id: string; upload: UploadSlot }>(
      target.apiUrl,
      "POST",
      `/programmes/${programme.id}/requisitions`,
      { token, body: requisition },
    );
    if (!record(ROUTES.requisition, req, 201)) return;
    const id = req.body.id;
    // The original's way in (S3, the check, the malware verdict) is timed as one step, not per route.
    const uploadStarted = performance.now();
    const uploaded = await uploadSigned(req.body.upload, pdf);
    const status = uploaded < 300 ? await settledStatus(target.apiUrl, token, id) : `upload ${uploaded}`;
    if (status !== "received") {
      failed(`original of ${k} → ${status}`);
      return;
    }
    settling.push(performance.now() - uploadStarted);
    if (!record(ROUTES.decision, await approve(target, officer, id), 200)) return;
    const paid = requisition.grant.amount;
    if (!record(ROUTES.payment, await recordPayment(target, officer, id, paid, today), 200)) return;
    const rep = await timedRequest(target.apiUrl, "POST", `/programmes/${programme.id}/reports`, {
      token,
      body: reportAsPaid(programme, k, today, paid),
    });
    record(ROUTES.report, rep, 201);
    const read = await timedRequest(target.apiUrl, "GET", `/submissions/${id}`, { token });
    record(ROUTES.read, read, 200);
  });
  const durationMs = performance.now() - started;
  const dynamodb = Object.fromEntries(
    Object.entries(sdk.summary()).map(([name, s]) => [name, { ...roundSummary(s), errors: s.errors }]),
  );
  const dynamoPerRoute = perRoute.summary();
  perRoute.restore();
  sdk.restore();

  const routes = Object.fromEntries(
    Object.entries(latencies).map(([route, xs]) => [route, roundSummary(summarize(xs))]),
  );
  const all = roundSummary(summarize(Object.values(latencies).flat()));
  const requests = Object.values(latencies).reduce((n, xs) => n + xs.length, 0);
  const worstP99 = Math.max(...Object.values(routes).map((r) => r.p99));
  const overhead = Object.fromEntries(
    Object.entries(dynamoPerRoute).flatMap(([route, { served, dynamo }]) =>
      dynamo.p99 > 0
        ? [
            [
              route,
              {
                p99Ms: round(served.p99),
                dynamoP99Ms: round(dynamo.p99),
                ratio: round(served.p99 / dynamo.p99, 2),
              },
            ],
          ]
        : [],
    ),
  );
  return {
    municipalities: kommunkoder.length,
    concurrency,
    requests,
    durationMs: round(durationMs),
    requestsPerSecond: round((requests / durationMs) * 1000),
    routes,
    all,
    uploadToReceived: roundSummary(summarize(settling)),
    errors,
    errorSamples,
    dynamodb,
    overhead,
    target: { p99Ms: LOAD_TARGET_P99_MS, errors: 0, maxOverheadRatio: MAX_OVERHEAD_RATIO },
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
