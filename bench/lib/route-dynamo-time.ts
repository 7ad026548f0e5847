/**
 * How long each API request waited for DynamoDB, per route, so the bench can say which share of a
 * route's latency is ours (issue #18: route p99 ≤ 1.15 × the p99 of the DynamoDB calls it makes).
 *
 * The local gateway serves requests in this process: every "request" an http.Server emits runs in
 * an AsyncLocalStorage context of its own, the document client's send() adds its call's interval
 * to the context it runs in, and when the response finishes the request's DynamoDB time is the
 * union of those intervals (calls made in parallel are counted once), beside the time the gateway
 * took to answer it. Both are per request as the server saw it: a client step of two requests (a
 * payment proposed, then attested) is two routes here. Calls outside a request (the upload check,
 * woken by S3) belong to no route and are left out.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type IncomingMessage, Server, type ServerResponse } from "node:http";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { matchRoute } from "../../infra/local/gateway.ts";
import { type LatencySummary, summarize } from "./stats.ts";

interface RequestTrace {
  intervals: [number, number][];
}

type Send = (this: DynamoDBDocumentClient, command: object, ...rest: unknown[]) => Promise<unknown>;
type Emit = (this: Server, event: string | symbol, ...args: unknown[]) => boolean;

/** The union of intervals' length: overlapping calls count once. */
export function coveredMs(intervals: readonly [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of sorted) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

export interface RouteTimes {
  /** The gateway's time per request, from the request to the response's last byte. */
  served: LatencySummary;
  /** The same requests' own DynamoDB time. */
  dynamo: LatencySummary;
}

export interface RouteDynamoTime {
  /** Per route key ("POST /programmes/{programmeId}/requisitions"), as the server saw each request. */
  summary(): Record<string, RouteTimes>;
  restore(): void;
}

export function timeDynamoPerRoute(): RouteDynamoTime {
  const storage = new AsyncLocalStorage<RequestTrace>();
  const perRoute = new Map<string, { served: number[]; dynamo: number[] }>();
  const client = DynamoDBDocumentClient.prototype as unknown as { send: Send };
  const send = client.send;
  client.send = async function traced(this: DynamoDBDocumentClient, command: object, ...rest: unknown[]) {
    const trace = storage.getStore();
    const started = performance.now();
    try {
      return await send.call(this, command, ...rest);
    } finally {
      trace?.intervals.push([started, performance.now()]);
    }
  };
  const server = Server.prototype as unknown as { emit: Emit };
  const ownEmit = Object.hasOwn(server, "emit");
  const emit = server.emit;
  server.emit = function traced(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args as [IncomingMessage, ServerResponse];
    const match = matchRoute(req.method ?? "GET", new URL(req.url ?? "/", "http://local").pathname);
    const trace: RequestTrace = { intervals: [] };
    const started = performance.now();
    if (match && match !== "malformed") {
      const key = `${match.route.method} ${match.route.path}`;
      res.once("finish", () => {
        const samples = perRoute.get(key) ?? { served: [], dynamo: [] };
        perRoute.set(key, samples);
        if (samples.served.length >= 100_000) return;
        samples.served.push(performance.now() - started);
        samples.dynamo.push(coveredMs(trace.intervals));
      });
    }
    return storage.run(trace, () => emit.call(this, event, ...args));
  };
  return {
    summary: () =>
      Object.fromEntries(
        [...perRoute].map(([route, t]) => [
          route,
          { served: summarize(t.served), dynamo: summarize(t.dynamo) },
        ]),
      ),
    restore() {
      client.send = send;
      if (ownEmit) server.emit = emit;
      else delete (server as { emit?: Emit }).emit;
    },
  };
}
