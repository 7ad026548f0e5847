import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SubmissionDetail } from "../../../shared/submissions/ports.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  STOCKHOLM,
  silenceLogs,
  storedAttachment,
  storedSubmission,
  stubFunctionEnv,
  TABLE,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
let handler: ApiHandlerFn;

beforeAll(async () => {
  stubFunctionEnv();
  silenceLogs();
  ({ handler } = await import("../../../functions/get-submission/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
});

const lunds = storedSubmission();
const attachment = storedAttachment(lunds);

function stored() {
  ddb.on(QueryCommand).resolves({
    Items: [
      { PK: `SUB#${lunds.id}`, SK: "SUB", entity: "submission", GSI1PK: `KOMMUN#${LUND}`, ...lunds },
      { PK: `SUB#${lunds.id}`, SK: `ATT#${attachment.id}`, entity: "attachment", ...attachment },
      {
        PK: `SUB#${lunds.id}`,
        SK: "AUDIT#2022-06-01T10:00:00.000Z#abc123",
        entity: "audit",
        at: "2022-06-01T10:00:00.000Z",
        actor: lunds.createdBy,
        action: "requisition.submitted",
        submissionId: lunds.id,
        details: {},
      },
    ],
  });
}

const get = (claims: Claims, id = lunds.id) =>
  apiEvent({ route: "GET /submissions/{id}", pathParameters: { id }, claims });

describe("get-submission handler", () => {
  it("answers 200 with submission, attachments and audit to the municipality that owns it", async () => {
    // Prepare
    stored();
    // Act
    const res = await invoke<SubmissionDetail>(handler, get(municipalityClaims(LUND)));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.submission).toEqual(lunds);
    expect(res.body.attachments).toEqual([attachment]);
    expect(res.body.audit).toHaveLength(1);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: TABLE,
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": `SUB#${lunds.id}` },
      ConsistentRead: true,
    });
  });

  it("does not leak table keys or index attributes", async () => {
    // Prepare
    stored();
    // Act
    const res = await invoke<SubmissionDetail>(handler, get(municipalityClaims(LUND)));
    // Assess
    expect(res.body.submission).not.toHaveProperty("PK");
    expect(JSON.stringify(res.body)).not.toMatch(/"(PK|SK|GSI1PK|entity)"/);
  });

  it("answers 403 when a municipality reads another municipality's submission", async () => {
    // Prepare
    stored();
    // Act
    const res = await invoke(handler, get(municipalityClaims(STOCKHOLM)));
    // Assess
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    expect(res.body).not.toHaveProperty("submission");
  });

  it("answers 404 when there is no such submission", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    // Act
    const res = await invoke(handler, get(municipalityClaims(LUND), "00000000-0000-4000-8000-000000000000"));
    // Assess
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });

  it("answers 200 to an officer for any municipality's submission", async () => {
    // Prepare
    stored();
    // Act
    const res = await invoke<SubmissionDetail>(handler, get(officerClaims("[officer]")));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.submission.kommunkod).toBe(LUND);
  });

  it("shows on a correction the bank statement the officer asked for on returning the version it replaces", async () => {
    // Prepare: R1 returned asking for a bank statement, R2 its correction with one accepted
    const R2 = "7d2e4b63-0a1f-4e5d-8c6b-2a3b4c5d6e7f";
    const returnedAt = "2022-11-20T10:00:00.000Z";
    const r1 = storedSubmission({
      status: "returned",
      replacedBy: R2,
      decision: {
        decision: "return",
        by: { sub: "o-1", kind: "officer" },
        at: returnedAt,
        reason: "Kontoutdrag saknas.",
        requestedAttachment: "bank-statement",
      },
    });
    const r2 = storedSubmission({ id: R2, reference: "SB-2022-1281-R2", replaces: r1.id });
    const statement = storedAttachment(r2, {
      id: "b1",
      type: "bank-statement",
      status: "accepted",
      createdAt: "2022-11-20T11:00:00.000Z",
    });
    const items: Record<string, Record<string, unknown>[]> = {
      [`SUB#${r1.id}`]: [{ PK: `SUB#${r1.id}`, SK: "SUB", entity: "submission", ...r1 }],
      [`SUB#${R2}`]: [
        { PK: `SUB#${R2}`, SK: "SUB", entity: "submission", ...r2 },
        { PK: `SUB#${R2}`, SK: "ATT#b1", entity: "attachment", ...statement },
      ],
    };
    ddb.on(QueryCommand).callsFake((input: { ExpressionAttributeValues?: Record<string, unknown> }) => ({
      Items: items[String(input.ExpressionAttributeValues?.[":pk"])] ?? [],
    }));
    // Act
    const res = await invoke<SubmissionDetail & { requests: unknown[] }>(
      handler,
      get(municipalityClaims(LUND), R2),
    );
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.requests).toEqual([
      {
        type: "bank-statement",
        requestedBy: { id: r1.id, reference: "SB-2022-1281-R1" },
        requestedAt: returnedAt,
        reason: "Kontoutdrag saknas.",
        received: true,
      },
    ]);
    const read = ddb
      .commandCalls(QueryCommand)
      .map((c) => c.args[0].input.ExpressionAttributeValues?.[":pk"]);
    expect(read.sort()).toEqual([`SUB#${r1.id}`, `SUB#${R2}`].sort());
  });

  it("reads no other version when nothing was returned or replaced", async () => {
    // Prepare
    stored();
    // Act
    const res = await invoke<SubmissionDetail & { requests: unknown[] }>(
      handler,
      get(municipalityClaims(LUND)),
    );
    // Assess
    expect(res.body.requests).toEqual([]);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it("answers 401 without a token", async () => {
    // Prepare
    stored();
    // Act
    const res = await invoke(handler, get({}));
    // Assess
    expect(res.status).toBe(401);
    expect(ddb.calls()).toHaveLength(0);
  });
});
