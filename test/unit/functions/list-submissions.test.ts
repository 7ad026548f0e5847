import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listProgrammes } from "../../../shared/programmes/catalogue.ts";
import type { Submission } from "../../../shared/submissions/model.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  STOCKHOLM,
  silenceLogs,
  storedSubmission,
  stubFunctionEnv,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
let handler: ApiHandlerFn;

beforeAll(async () => {
  stubFunctionEnv();
  silenceLogs();
  ({ handler } = await import("../../../functions/list-submissions/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
});

const list = (claims: Claims, query?: Record<string, string>) =>
  apiEvent({ route: "GET /submissions", claims, ...(query ? { query } : {}) });

const queries = () => ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);

describe("list-submissions handler", () => {
  it("gives a municipality asking for ?kommun=<another> only its own submissions", async () => {
    // Prepare
    const event = list(municipalityClaims(LUND), { kommun: STOCKHOLM });
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(200);
    expect(queries()).toHaveLength(1);
    expect(queries()[0]).toMatchObject({
      IndexName: "GSI1",
      ExpressionAttributeValues: { ":pk": `KOMMUN#${LUND}`, ":sk": "SUB#" },
    });
    expect(JSON.stringify(queries())).not.toContain(STOCKHOLM);
  });

  it("returns the stored submissions without keys, oldest first", async () => {
    // Prepare
    const later = storedSubmission({ id: "b", createdAt: "2022-07-01T00:00:00.000Z" });
    const earlier = storedSubmission({ id: "a", createdAt: "2022-06-01T00:00:00.000Z" });
    ddb.on(QueryCommand).resolves({
      Items: [
        { PK: "SUB#b", SK: "SUB", GSI1PK: `KOMMUN#${LUND}`, ...later },
        { PK: "SUB#a", SK: "SUB", GSI1PK: `KOMMUN#${LUND}`, ...earlier },
      ],
    });
    // Act
    const res = await invoke<{ submissions: Submission[] }>(handler, list(municipalityClaims(LUND)));
    // Assess
    expect(res.body.submissions).toEqual([earlier, later]);
  });

  it("narrows a municipality's own query to one programme and status", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        { ...storedSubmission({ id: "a", status: "received" }) },
        { ...storedSubmission({ id: "b", status: "awaiting-original" }) },
      ],
    });
    const event = list(municipalityClaims(LUND), { programmeId: PROGRAMME_2022, status: "received" });
    // Act
    const res = await invoke<{ submissions: Submission[] }>(handler, event);
    // Assess
    expect(queries()[0]?.ExpressionAttributeValues).toEqual({
      ":pk": `KOMMUN#${LUND}`,
      ":sk": `SUB#${PROGRAMME_2022}#`,
    });
    expect(res.body.submissions.map((s) => s.id)).toEqual(["a"]);
  });

  it("lets an officer filter by ?kommun", async () => {
    // Prepare
    const event = list(officerClaims(), { kommun: STOCKHOLM });
    // Act
    await invoke(handler, event);
    // Assess
    expect(queries()).toHaveLength(1);
    expect(queries()[0]?.ExpressionAttributeValues).toMatchObject({ ":pk": `KOMMUN#${STOCKHOLM}` });
  });

  it("queries every programme's status index for an officer without filters", async () => {
    // Prepare
    const event = list(officerClaims());
    // Act
    await invoke(handler, event);
    // Assess
    const pks = queries().map((q) => q.ExpressionAttributeValues?.[":pk"]);
    expect(pks.sort()).toEqual(
      listProgrammes()
        .map((p) => `PROG#${p.id}`)
        .sort(),
    );
    expect(queries().every((q) => q.IndexName === "GSI2")).toBe(true);
  });

  it("answers 400 INVALID_QUERY_PARAMETER naming status for ?status=bogus", async () => {
    // Prepare
    const event = list(municipalityClaims(LUND), { status: "bogus" });
    // Act
    const res = await invoke<{ code: string; errors: { path: string; code: string }[] }>(handler, event);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: "status", code: "INVALID_QUERY_PARAMETER" }),
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 400 for an unknown programme id", async () => {
    // Prepare
    const event = list(officerClaims(), { programmeId: "nope" });
    // Act
    const res = await invoke<{ errors: { path: string }[] }>(handler, event);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors[0]?.path).toBe("programmeId");
  });
});
