import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleReport } from "../../../shared/forms/samples.ts";
import { findProgramme } from "../../../shared/programmes/catalogue.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import type { SubmissionReceipt } from "../../../shared/submissions/submit.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  silenceLogs,
  stubFunctionEnv,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
let handler: ApiHandlerFn;
let programme: Programme;

// Signed a few days before "today", so the report is valid whatever the time of day.
const TODAY = "2022-11-15";
const SIGNED = "2022-11-10";

beforeAll(async () => {
  stubFunctionEnv({ STATSBIDRAG_TODAY: TODAY });
  silenceLogs();
  ({ handler } = await import("../../../functions/create-report/handler.ts"));
  const found = findProgramme(PROGRAMME_2022);
  if (!found) throw new Error("programme data missing");
  programme = found;
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
  s3.reset();
  vi.stubEnv("STATSBIDRAG_TODAY", TODAY);
});

function report(body: unknown = sampleReport(programme, LUND, SIGNED), claims = municipalityClaims()) {
  return apiEvent({
    route: "POST /programmes/{programmeId}/reports",
    pathParameters: { programmeId: PROGRAMME_2022 },
    body,
    claims,
  });
}

describe("create-report handler", () => {
  it("answers 201 with reference SB-2022-1281-E1 and records the unspent funds as repayment due", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    const form = sampleReport(programme, LUND, SIGNED);
    // Act
    const res = await invoke<SubmissionReceipt>(handler, report(form));
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.reference).toBe("SB-2022-1281-E1");
    expect(res.body.status).toBe("awaiting-original");
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update).toMatchObject({
      Key: { PK: `PROG#${PROGRAMME_2022}`, SK: `ALLOC#${LUND}` },
      ConditionExpression: "attribute_exists(baseRequisitionId) AND attribute_not_exists(reportId)",
      ExpressionAttributeValues: { ":id": res.body.id, ":unspent": form.accounting.unspent },
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      PK: `SUB#${res.body.id}`,
      kind: "report",
      amount: form.accounting.received,
      unspent: form.accounting.unspent,
      late: false,
    });
    expect(items.map((i) => Object.keys(i)[0])).toEqual(["Update", "Put", "Put", "Put", "Put"]);
  });

  it("marks a report after the report deadline late but still takes it", async () => {
    // Prepare
    vi.stubEnv("STATSBIDRAG_TODAY", "2023-04-10");
    ddb.on(TransactWriteCommand).resolves({});
    // Act
    const res = await invoke<SubmissionReceipt>(handler, report(sampleReport(programme, LUND, "2023-04-05")));
    // Assess
    expect(res.status).toBe(201);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[1]?.Put?.Item).toMatchObject({ late: true });
  });

  it("answers 409 REQUISITION_REQUIRED when nothing has been requisitioned yet", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: "Transaction cancelled",
        $metadata: {},
        CancellationReasons: [
          { Code: "ConditionalCheckFailed" },
          { Code: "None" },
          { Code: "None" },
          { Code: "None" },
          { Code: "None" },
        ],
      }),
    );
    ddb.on(GetCommand).resolves({});
    // Act
    const res = await invoke(handler, report());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("REQUISITION_REQUIRED");
  });

  it("answers 409 ALREADY_REPORTED when the allocation row already holds a report", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: "Transaction cancelled",
        $metadata: {},
        CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }],
      }),
    );
    ddb.on(GetCommand).resolves({
      Item: {
        programmeId: PROGRAMME_2022,
        kommunkod: LUND,
        baseRequisitionId: "b",
        reportId: "r",
        lapsed: false,
      },
    });
    // Act
    const res = await invoke(handler, report());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ALREADY_REPORTED");
  });

  it("answers 400 when the accounting does not add up", async () => {
    // Prepare
    const form = sampleReport(programme, LUND, SIGNED);
    const body = { ...form, accounting: { ...form.accounting, unspent: form.accounting.unspent + 1 } };
    // Act
    const res = await invoke<{ errors: { path: string }[] }>(handler, report(body));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.path)).toContain("accounting.unspent");
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 403 for an officer", async () => {
    // Prepare
    const event = report(sampleReport(programme, LUND, SIGNED), officerClaims(["officer"]));
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});
