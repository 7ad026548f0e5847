import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { functionEntry, ROUTES, type RouteDef, routeKey } from "../routes.ts";
import { readBody } from "./body.ts";
import type { DevIssuer } from "./dev-issuer.ts";

/**
 * A stand-in for API Gateway HTTP API (payload v2) in front of the real handlers: it matches the
 * same route table CDK deploys, verifies the JWT like the authorizer, builds the v2 event, invokes
 * the middy handler and writes its result back.
 */
type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own limit on a request body. */
const MAX_GATEWAY_BODY = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDef;
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteDef): CompiledRoute {
  const params: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    params.push(name);
    return "([^/]+)";
  });
  return { route, pattern: new RegExp(`^${source}$`), params };
}

const compiled = ROUTES.map(compile);

export function matchRoute(method: string, path: string) {
  for (const c of compiled) {
    if (c.route.method !== method) continue;
    const m = c.pattern.exec(path);
    if (!m) continue;
    const pathParameters: Record<string, string> = {};
    try {
      c.params.forEach((name, i) => {
        pathParameters[name] = decodeURIComponent(m[i + 1] ?? "");
      });
    } catch {
      return "malformed" as const; // a broken %-escape, which API Gateway answers with 400
    }
    return { route: c.route, pathParameters };
  }
  return undefined;
}

const modules = new Map<string, Promise<unknown>>();

/** Imports functions/<name>/handler.ts once, as Lambda keeps a warm instance. */
export function loadFunction<T>(name: string): Promise<T> {
  let loaded = modules.get(name);
  if (!loaded) {
    const url = pathToFileURL(`${process.cwd()}/${functionEntry(name)}`).href;
    loaded = import(url).then((m: { handler: T }) => m.handler);
    modules.set(name, loaded);
  }
  return loaded as Promise<T>;
}

const loadHandler = (name: string) => loadFunction<ApiHandler>(name);

export function lambdaContext(functionName: string, requestId = randomUUID()): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(body);
}

const problem = (code: string, sv: string, en: string) => JSON.stringify({ code, message: { sv, en } });

/** API Gateway flattens array claims to "[a b]" strings; do the same so handlers see what Lambda sees. */
function flattenClaims(payload: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(payload)) {
    out[k] = Array.isArray(v)
      ? `[${v.join(" ")}]`
      : typeof v === "object"
        ? JSON.stringify(v)
        : (v as string | number | boolean);
  }
  return out;
}

export interface GatewayOptions {
  port: number;
  issuer: DevIssuer;
  /** Extra routes the local stack serves itself (static web pages). */
  fallback?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** Extra readiness checks for GET /health: locally, every emulator must answer too. */
  extraHealth?: () => Promise<Record<string, boolean>>;
  /**
   * Listen, but answer 503 until `open()`: the local stack needs its own URL (for WEB_BASE_URL)
   * before any handler is loaded, and no request may reach a handler before then.
   */
  startClosed?: boolean;
}

export interface Gateway {
  url: string;
  server: Server;
  /**
   * GET /health invoked in-process, as a request would, also while closed: `npm start` asks it
   * before it opens, so that nobody sees a 200 before "running" is printed.
   */
  health(): Promise<{ status: number; body: unknown }>;
  /** Starts serving requests (only needed with `startClosed`). */
  open(): void;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  let open = !options.startClosed;
  const server = createServer((req, res) => {
    if (!open) {
      send(res, 503, problem("STARTING", "Startar, försök igen strax.", "Starting, try again shortly."), {
        "retry-after": "1",
      });
      return;
    }
    handle(req, res, options).catch((error: unknown) => {
      console.error("[gateway] unexpected", error);
      if (!res.headersSent) send(res, 500, problem("INTERNAL_ERROR", "Internt fel.", "Internal error."));
    });
  });
  // A port in use must fail the start with a reason, not hang it or crash the process.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  return {
    url,
    server,
    async health() {
      const match = matchRoute("GET", "/health");
      if (!match || match === "malformed") throw new Error("no GET /health in the route table");
      const requestId = randomUUID();
      const event = apiEvent({
        route: match.route,
        url: new URL("/health", url),
        method: "GET",
        headers: {},
        pathParameters: {},
        sourceIp: "127.0.0.1",
        requestId,
        body: Buffer.alloc(0),
      });
      const result = await invoke(match.route, event, requestId, options);
      const body: unknown = JSON.parse(result.body ?? "null");
      return { status: result.statusCode ?? 200, body };
    },
    open() {
      open = true;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function withExtraHealth(
  result: APIGatewayProxyStructuredResultV2,
  extraHealth: () => Promise<Record<string, boolean>>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const checks = { table: result.statusCode === 200, ...(await extraHealth()) };
  const ok = Object.values(checks).every(Boolean);
  return {
    ...result,
    statusCode: ok ? 200 : 503,
    body: JSON.stringify({ status: ok ? "ok" : "unavailable", checks }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: GatewayOptions): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = req.method ?? "GET";
  const match = matchRoute(method, url.pathname);
  if (match === "malformed") {
    send(res, 400, problem("BAD_REQUEST", "Ogiltig adress.", "Malformed request path."));
    return;
  }
  if (!match) {
    if (options.fallback && (await options.fallback(req, res, url))) return;
    send(res, 404, problem("NOT_FOUND", "Hittades inte.", "Not found."));
    return;
  }
  const { route, pathParameters } = match;
  let claims: Record<string, string | number | boolean> | undefined;
  if (route.access !== "public") {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    try {
      if (!token) throw new Error("no token");
      claims = flattenClaims(await options.issuer.verify(token));
    } catch {
      send(res, 401, problem("UNAUTHORIZED", "Inloggning krävs.", "Sign-in required."), {
        "www-authenticate": "Bearer",
      });
      return;
    }
  }
  const body = await readBody(req, MAX_GATEWAY_BODY);
  if (body === "too-large") {
    // The rest of the body is never read, so this connection cannot carry another request.
    send(res, 413, problem("PAYLOAD_TOO_LARGE", "Begäran är för stor.", "Request too large."), {
      connection: "close",
    });
    res.once("finish", () => req.socket.destroy());
    return;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
  const requestId = randomUUID();
  const event = apiEvent({
    route,
    url,
    method,
    headers,
    pathParameters,
    ...(claims ? { claims } : {}),
    sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
    requestId,
    body,
  });
  const result = await invoke(route, event, requestId, options);
  const responseBody = result.isBase64Encoded
    ? Buffer.from(result.body ?? "", "base64")
    : (result.body ?? "");
  const responseHeaders: Record<string, string> = { "apigw-requestid": requestId };
  for (const [k, v] of Object.entries(result.headers ?? {})) responseHeaders[k] = String(v);
  res.writeHead(result.statusCode ?? 200, responseHeaders);
  res.end(responseBody);
}

interface EventParts {
  route: RouteDef;
  url: URL;
  method: string;
  headers: Record<string, string>;
  pathParameters: Record<string, string>;
  claims?: Record<string, string | number | boolean>;
  sourceIp: string;
  requestId: string;
  body: Buffer;
}

/** The payload v2 event API Gateway would send for this request. */
function apiEvent(p: EventParts): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { route, url, headers, body } = p;
  const textual = /json|text|xml|form-urlencoded/i.test(headers["content-type"] ?? "");
  const now = new Date();
  return {
    version: "2.0",
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    ...(Object.keys(p.pathParameters).length ? { pathParameters: p.pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      authorizer: { principalId: "", integrationLatency: 0, jwt: { claims: p.claims ?? {}, scopes: [] } },
      domainName: url.host,
      domainPrefix: "local",
      http: {
        method: p.method,
        path: url.pathname,
        protocol: "HTTP/1.1",
        sourceIp: p.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: p.requestId,
      routeKey: routeKey(route),
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: textual ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Invokes the route's handler; locally, /health also asks the emulators. */
async function invoke(
  route: RouteDef,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  requestId: ReturnType<typeof randomUUID>,
  options: GatewayOptions,
): Promise<APIGatewayProxyStructuredResultV2> {
  const handler = await loadHandler(route.function);
  const result = await handler(event, lambdaContext(route.function, requestId));
  return route.function === "health" && options.extraHealth
    ? withExtraHealth(result, options.extraHealth)
    : result;
}
