import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type ApiHandlerFn,
  apiEvent,
  invoke,
  silenceLogs,
  stubFunctionEnv,
  TABLE,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
let handler: ApiHandlerFn;

beforeAll(async () => {
  stubFunctionEnv();
  ({ handler } = await import("../../../functions/health/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
  silenceLogs();
});

describe("health handler", () => {
  it("answers 200 ok when the table answers a GetItem, without needing a token", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /health" }));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    const gets = ddb.commandCalls(GetCommand);
    expect(gets).toHaveLength(1);
    expect(gets[0]?.args[0].input).toEqual({ TableName: TABLE, Key: { PK: "HEALTH", SK: "HEALTH" } });
  });

  it("answers 503 with the failing check when the GetItem throws", async () => {
    // Prepare
    ddb.on(GetCommand).rejects(new Error("connect ECONNREFUSED 127.0.0.1:8000"));
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /health" }));
    // Assess
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: "unavailable", checks: { table: "down" } });
  });

  it("marks the answer uncacheable", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /health" }));
    // Assess
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
  });
});
