import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiHandlerFn, apiEvent, invoke, silenceLogs } from "../../helpers/events.ts";

/**
 * The real handler on the fake root, with a table probe whose answer the test sets: whether the
 * probe reads the right item, and says false when the read throws, is the DynamoTableProbe's
 * contract (test/integration/table-probe.test.ts).
 */
const table = { answers: true };
let probed = 0;
let handler: ApiHandlerFn;

beforeAll(() => {
  silenceLogs();
});

beforeEach(async () => {
  table.answers = true;
  probed = 0;
  vi.resetModules();
  const fakes = await import("../../fakes/fake-root.ts");
  const system = fakes.fakeSystem();
  vi.doMock("../../../shared/composition-root.ts", () => ({
    ...fakes.fakeRoot(system),
    tableProbe: () => ({
      ready: async () => {
        probed++;
        return table.answers;
      },
    }),
  }));
  ({ handler } = await import("../../../functions/health/handler.ts"));
});

describe("health handler", () => {
  it("answers 200 ok when the table answers, without needing a token", async () => {
    // Prepare
    const event = apiEvent({ route: "GET /health" });
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    expect(probed).toBe(1);
  });

  it("answers 503 naming the failing check when the table does not answer", async () => {
    // Prepare
    table.answers = false;
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /health" }));
    // Assess
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: "unavailable", checks: { table: "down" } });
  });

  it("asks the table on every request, not once per cold start", async () => {
    // Prepare
    await invoke(handler, apiEvent({ route: "GET /health" }));
    table.answers = false;
    // Act
    const res = await invoke(handler, apiEvent({ route: "GET /health" }));
    // Assess
    expect(res.status).toBe(503);
    expect(probed).toBe(2);
  });

  it("marks the answer uncacheable, healthy or not", async () => {
    // Prepare
    const healthy = await invoke(handler, apiEvent({ route: "GET /health" }));
    table.answers = false;
    // Act
    const unhealthy = await invoke(handler, apiEvent({ route: "GET /health" }));
    // Assess
    for (const res of [healthy, unhealthy]) {
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
    }
  });
});
