import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiHandler, httpHandler } from "../../../functions/commons/api-handler.ts";
import type { ApiContext, RouteHandler } from "../../../functions/commons/api-types.ts";
import { isRetryableDependencyError } from "../../../functions/commons/error-handler.ts";
import { json } from "../../../functions/commons/responses.ts";
import type { Access, HttpMethod } from "../../../infra/routes.ts";
import { ConflictError, ValidationError } from "../../../shared/errors.ts";
import { apiEvent, invoke, municipalityClaims, officerClaims, silenceLogs } from "../../helpers/events.ts";

let logs: ReturnType<typeof silenceLogs>;

beforeAll(() => {
  logs = silenceLogs();
});

afterAll(() => {
  vi.restoreAllMocks();
});

const TEST_ROUTES = ["GET /health", "GET /programmes", "GET /officer", "POST /x", "GET /x"];

/** A handler over the routes these tests call, every one with the given access. */
function over(access: Access, inner: RouteHandler) {
  const routes = TEST_ROUTES.map((key) => {
    const [method, path] = key.split(" ") as [HttpMethod, string];
    return { method, path, function: "test", access };
  });
  return httpHandler(routes, Object.fromEntries(TEST_ROUTES.map((key) => [key, inner])));
}

/** A handler that echoes what the middleware gave it. */
const echo = (access: Access) =>
  over(access, async (_event, ctx: ApiContext) => json(200, { principal: ctx.principal, body: ctx.body }));

describe("apiHandler: authentication", () => {
  it("serves a public route without claims", async () => {
    // Prepare
    const handler = echo("public");
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /health" }));
    // Assess
    expect(res.status).toBe(200);
  });

  it("answers 401 with a requestId on a user route without claims, without running the handler", async () => {
    // Prepare
    const inner = vi.fn(async () => json(200, {}));
    const handler = over("user", inner);
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /programmes" }), "req-401");
    // Assess
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: "UNAUTHORIZED",
      message: { sv: "Inloggning krävs.", en: "Sign-in required." },
      requestId: "req-401",
    });
    expect(inner).not.toHaveBeenCalled();
  });

  it("gives the handler the principal from the claims", async () => {
    // Prepare
    const handler = echo("user");
    // Act
    const res = await invoke<{ principal: unknown }>(
      handler,
      apiEvent({ route: "GET /programmes", claims: municipalityClaims("1281", "sub-9") }),
    );
    // Assess
    expect(res.body.principal).toMatchObject({ kind: "municipality", sub: "sub-9", kommunkod: "1281" });
  });

  it("answers 403 to a municipality on an officer route", async () => {
    // Prepare
    const handler = echo("officer");
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /officer", claims: municipalityClaims() }));
    // Assess
    expect(res.status).toBe(403);
  });

  it("lets an officer through an officer route", async () => {
    // Prepare
    const handler = echo("officer");
    // Act
    const res = await invoke(
      handler,
      apiEvent({ route: "GET /officer", claims: officerClaims(["officer"]) }),
    );
    // Assess
    expect(res.status).toBe(200);
  });
});

describe("apiHandler: body", () => {
  it("parses a POST body whatever the case of the Content-Type header", async () => {
    // Prepare
    const handler = echo("user");
    const event = apiEvent({
      route: "POST /x",
      claims: municipalityClaims(),
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: '{"belopp":1530608}',
    });
    // Act
    const res = await invoke<{ body: unknown }>(handler, event);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.body).toEqual({ belopp: 1530608 });
  });

  it("answers 415 for a POST that is not JSON", async () => {
    // Prepare
    const handler = echo("user");
    const event = apiEvent({
      route: "POST /x",
      claims: municipalityClaims(),
      headers: { "content-type": "text/plain" },
      body: "hej",
    });
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(415);
    expect(res.body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("does not parse the body of a GET", async () => {
    // Prepare
    const handler = echo("user");
    const event = apiEvent({ route: "GET /x", claims: municipalityClaims(), body: "not json" });
    // Act
    const res = await invoke<{ body?: unknown }>(handler, event);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.body).toBeUndefined();
  });
});

describe("apiHandler: errors become HTTP in one place", () => {
  it("answers an AppError with its own status, code, message and details", async () => {
    // Prepare
    const handler = over("public", async () => {
      throw new ValidationError([
        { path: "grant.amount", code: "AMOUNT_NOT_POSITIVE", message: { sv: "s", en: "e" } },
      ]);
    });
    // Act
    const res = await invoke(handler, apiEvent({ route: "POST /x", body: {} }), "req-400");
    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: "VALIDATION_FAILED",
      errors: [{ path: "grant.amount", code: "AMOUNT_NOT_POSITIVE", message: { sv: "s", en: "e" } }],
      requestId: "req-400",
    });
  });

  it("answers a ConflictError with 409 and its stable code", async () => {
    // Prepare
    const handler = over("public", async () => {
      throw new ConflictError("ALREADY_REPORTED", { sv: "s", en: "e" });
    });
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /x" }));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ALREADY_REPORTED");
  });

  it.each([
    "ThrottlingException",
    "TimeoutError",
    "ProvisionedThroughputExceededException",
    "InternalServerError",
  ])("answers 503 with retry-after for a dependency's %s", async (name) => {
    // Prepare
    const handler = over("public", async () => {
      throw Object.assign(new Error("dependency said no"), { name });
    });
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /x" }));
    // Assess
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.body.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("answers 500 with code, message and requestId only, and logs the details instead", async () => {
    // Prepare
    logs.stderr.mockClear();
    const handler = over("public", async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'kommunkod')");
    });
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /x" }), "req-500");
    // Assess
    expect(res.status).toBe(500);
    expect(Object.keys(res.body).sort()).toEqual(["code", "message", "requestId"]);
    expect(res.body.code).toBe("INTERNAL_ERROR");
    expect(JSON.stringify(res.body)).not.toContain("kommunkod");
    const logged = logs.stderr.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        message: "unhandled error",
        requestId: "req-500",
        error: expect.objectContaining({ name: "TypeError" }),
      }),
    );
  });

  it("sets security headers on every answer, errors included", async () => {
    // Prepare
    const handler = echo("user");
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /x" }));
    // Assess
    expect(res.headers).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
  });
});

describe("isRetryableDependencyError", () => {
  it.each([
    ["a throttling error by name", Object.assign(new Error("x"), { name: "ThrottlingException" }), true],
    ["a reset connection by code", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), true],
    ["a refused connection by code", Object.assign(new Error("connect"), { code: "ECONNREFUSED" }), true],
    [
      "a validation error from the SDK",
      Object.assign(new Error("x"), { name: "ValidationException" }),
      false,
    ],
    ["a programming error", new TypeError("x"), false],
    ["a string", "ThrottlingException", false],
  ])("classifies %s", (_, error, retryable) => {
    // Prepare: the error
    // Act
    const result = isRetryableDependencyError(error);
    // Assess
    expect(result).toBe(retryable);
  });
});

describe("apiHandler: routes.ts is the one source of access and dispatch", () => {
  it("takes a route's access from routes.ts: a municipality is refused an officer route", async () => {
    // Prepare
    const inner = vi.fn(async () => json(200, {}));
    const handler = apiHandler("officer-decision", { "POST /submissions/{id}/decision": inner });
    // Act
    const res = await invoke(
      handler,
      apiEvent({ route: "POST /submissions/{id}/decision", claims: municipalityClaims(), body: {} }),
    );
    // Assess
    expect(res.status).toBe(403);
    expect(inner).not.toHaveBeenCalled();
  });

  it("dispatches each route of a function to its own handler by route key", async () => {
    // Prepare
    const handler = apiHandler("officer-reports", {
      "GET /programmes/{programmeId}/overview": async () => json(200, { route: "overview" }),
      "GET /programmes/{programmeId}/export.csv": async () => json(200, { route: "export" }),
    });
    // Act
    const overview = await invoke<{ route: string }>(
      handler,
      apiEvent({ route: "GET /programmes/{programmeId}/overview", claims: officerClaims() }),
    );
    const csv = await invoke<{ route: string }>(
      handler,
      apiEvent({ route: "GET /programmes/{programmeId}/export.csv", claims: officerClaims() }),
    );
    // Assess
    expect(overview.body.route).toBe("overview");
    expect(csv.body.route).toBe("export");
  });

  it("answers 404 for a route key the function does not serve, without running a handler", async () => {
    // Prepare
    const inner = vi.fn(async () => json(200, {}));
    const handler = apiHandler("health", { "GET /health": inner });
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /programmes", claims: officerClaims() }));
    // Assess
    expect(res.status).toBe(404);
    expect(inner).not.toHaveBeenCalled();
  });

  it("refuses to build a function whose handlers and routes disagree", () => {
    // Prepare
    const routes = [{ method: "GET" as const, path: "/a", function: "f", access: "user" as const }];
    const inner = async () => json(200, {});
    // Act
    const missing = () => httpHandler(routes, {});
    const extra = () => httpHandler(routes, { "GET /a": inner, "GET /b": inner });
    // Assess
    expect(missing).toThrow("missing GET /a");
    expect(extra).toThrow("extra GET /b");
  });
});
