import { createHash } from "node:crypto";
import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import {
  DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { findProgramme } from "../../../shared/programmes/catalogue.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import type { SubmissionReceipt } from "../../../shared/submissions/submit.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  BUCKET,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  pinSystemTime,
  silenceLogs,
  storedAttachment,
  storedSubmission,
  stubFunctionEnv,
  TABLE,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
let handler: ApiHandlerFn;
let programme: Programme;

const MAX_BYTES = 20 * 1024 * 1024;

beforeAll(async () => {
  stubFunctionEnv({ STATSBIDRAG_TODAY: "2022-06-01" });
  silenceLogs();
  pinSystemTime();
  ({ handler } = await import("../../../functions/create-requisition/handler.ts"));
  const found = findProgramme(PROGRAMME_2022);
  if (!found) throw new Error("programme data missing");
  programme = found;
});

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
  s3.reset();
  vi.stubEnv("STATSBIDRAG_TODAY", "2022-06-01");
});

function requisition(
  body: unknown = sampleRequisition(programme, LUND),
  claims: Claims = municipalityClaims(),
) {
  return apiEvent({
    route: "POST /programmes/{programmeId}/requisitions",
    pathParameters: { programmeId: PROGRAMME_2022 },
    body,
    claims,
  });
}

interface Policy {
  expiration: string;
  conditions: unknown[];
}

const decodePolicy = (fields: Record<string, string>): Policy =>
  JSON.parse(Buffer.from(fields.Policy ?? "", "base64").toString("utf8")) as Policy;

function transactItems() {
  const calls = ddb.commandCalls(TransactWriteCommand);
  expect(calls).toHaveLength(1);
  return calls[0]?.args[0].input.TransactItems ?? [];
}

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: "Transaction cancelled, please refer cancellation reasons for specific reasons",
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe("create-requisition handler: accepted", () => {
  it("answers 201 with reference SB-2022-1281-R1 and status awaiting-original", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    // Act
    const res = await invoke<SubmissionReceipt>(handler, requisition());
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.reference).toBe("SB-2022-1281-R1");
    expect(res.body.status).toBe("awaiting-original");
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("returns a presigned POST whose policy limits the size to [1, maxBytes] and pins the exact server-chosen key", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    // Act
    const res = await invoke<SubmissionReceipt>(handler, requisition());
    // Assess
    const { upload, id } = res.body;
    const key = `originals/${PROGRAMME_2022}/${LUND}/${id}/${upload.attachmentId}`;
    expect(upload.maxBytes).toBe(MAX_BYTES);
    expect(upload.fields.key).toBe(key);
    expect(upload.url).toContain(BUCKET);
    const policy = decodePolicy(upload.fields);
    expect(policy.conditions).toContainEqual(["content-length-range", 1, MAX_BYTES]);
    expect(policy.conditions).toContainEqual(["eq", "$key", key]);
    expect(policy.conditions).toContainEqual({ bucket: BUCKET });
    expect(policy.conditions).not.toContainEqual(expect.arrayContaining(["starts-with", "$key"]));
    const expiresInMs = Date.parse(policy.expiration) - Date.now();
    expect(expiresInMs).toBeGreaterThan(3_500_000);
    expect(expiresInMs).toBeLessThanOrEqual(3_600_000);
    expect(s3.calls()).toHaveLength(0); // presigning is local, no request to S3
  });

  it("writes allocation update, submission, attachment, audit and outbox mail in one transaction", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    // Act
    const res = await invoke<SubmissionReceipt>(handler, requisition());
    // Assess
    const { id, upload } = res.body;
    const [allocation, submission, attachment, audit, outbox, ...rest] = transactItems();
    expect(rest).toEqual([]);
    expect(allocation?.Update).toMatchObject({
      TableName: TABLE,
      Key: { PK: `PROG#${PROGRAMME_2022}`, SK: `ALLOC#${LUND}` },
      ExpressionAttributeValues: { ":amount": 1_530_608, ":alloc": 1_530_608, ":id": id, ":k": LUND },
    });
    const condition = allocation?.Update?.ConditionExpression ?? "";
    expect(condition).toContain("attribute_not_exists(baseRequisitionId)");
    expect(condition).toContain("remaining >= :amount");
    expect(condition).toContain("lapsed = :false");
    expect(allocation?.Update?.UpdateExpression).toContain("baseRequisitionId = :id");
    expect(submission?.Put).toMatchObject({
      TableName: TABLE,
      ConditionExpression: "attribute_not_exists(PK)",
      Item: {
        PK: `SUB#${id}`,
        SK: "SUB",
        GSI1PK: `KOMMUN#${LUND}`,
        reference: "SB-2022-1281-R1",
        status: "awaiting-original",
        amount: 1_530_608,
        grantKind: "base",
        receivedOn: "2022-06-01",
        contactEmail: "statsbidrag@lund.example",
      },
    });
    expect(attachment?.Put?.Item).toMatchObject({
      PK: `SUB#${id}`,
      SK: `ATT#${upload.attachmentId}`,
      status: "pending",
      type: "original",
      key: upload.fields.key,
      maxBytes: MAX_BYTES,
    });
    expect(audit?.Put?.Item).toMatchObject({ PK: `SUB#${id}`, action: "requisition.submitted" });
    expect(String(audit?.Put?.Item?.SK)).toMatch(/^AUDIT#/);
    expect(outbox?.Put).toMatchObject({
      ConditionExpression: "attribute_not_exists(PK)",
      Item: {
        SK: "OUTBOX",
        status: "pending",
        attempts: 0,
        topic: "registered",
        submissionId: id,
        to: ["statsbidrag@lund.example"],
      },
    });
    expect(String(outbox?.Put?.Item?.PK)).toMatch(/^OUTBOX#[0-9a-f-]{36}$/);
    expect(String(outbox?.Put?.Item?.subject)).toContain("SB-2022-1281-R1");
  });

  it("accepts a requisition on the deadline day itself", async () => {
    // Prepare
    vi.stubEnv("STATSBIDRAG_TODAY", "2022-12-01");
    ddb.on(TransactWriteCommand).resolves({});
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(201);
  });
});

describe("create-requisition handler: refused", () => {
  it("answers 400 with field errors (path, code, message.sv/en) for an invalid form, and writes nothing", async () => {
    // Prepare
    const form = sampleRequisition(programme, LUND);
    const body = { ...form, grant: { ...form.grant, amount: 2_000_000 } };
    // Act
    const res = await invoke<{ code: string; errors: unknown[] }>(handler, requisition(body));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.errors).toContainEqual({
      path: "grant.amount",
      code: "AMOUNT_EXCEEDS_ALLOCATION",
      message: { sv: expect.stringContaining("1 530 608 kr"), en: expect.any(String) },
    });
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 400 naming a missing field", async () => {
    // Prepare
    const form = sampleRequisition(programme, LUND);
    const { email: _email, ...recipient } = form.recipient;
    // Act
    const res = await invoke<{ errors: { path: string; code: string }[] }>(
      handler,
      requisition({ ...form, recipient }),
    );
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ path: "recipient.email", code: "REQUIRED" }),
    );
  });

  it("answers 401 when the token carries no claims", async () => {
    // Prepare
    const event = requisition(sampleRequisition(programme, LUND), {});
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHORIZED");
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 403 for an officer token: only a municipality submits", async () => {
    // Prepare
    const event = requisition(sampleRequisition(programme, LUND), officerClaims("[officer]"));
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 404 for an unknown programme", async () => {
    // Prepare
    const event = apiEvent({
      route: "POST /programmes/{programmeId}/requisitions",
      pathParameters: { programmeId: "no-such-programme" },
      body: sampleRequisition(programme, LUND),
      claims: municipalityClaims(),
    });
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(404);
  });

  it("answers 409 DEADLINE_PASSED the day after the requisition deadline, and writes nothing", async () => {
    // Prepare
    vi.stubEnv("STATSBIDRAG_TODAY", "2022-12-05");
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("DEADLINE_PASSED");
    expect(JSON.stringify(res.body.message)).toContain("2022-12-01");
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("answers 409 ALREADY_REQUISITIONED when the allocation condition fails and the row holds a base requisition", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelled("ConditionalCheckFailed", "None", "None", "None", "None"));
    ddb.on(GetCommand).resolves({
      Item: {
        PK: `PROG#${PROGRAMME_2022}`,
        SK: `ALLOC#${LUND}`,
        programmeId: PROGRAMME_2022,
        kommunkod: LUND,
        allocated: 1_530_608,
        requisitioned: 1_530_608,
        remaining: 0,
        modelExtra: 1_500_000,
        modelExtraRequisitioned: 0,
        lapsed: false,
        baseRequisitionId: "11111111-2222-4333-8444-555555555555",
      },
    });
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ALREADY_REQUISITIONED");
    const gets = ddb.commandCalls(GetCommand);
    expect(gets.map((c) => c.args[0].input)).toEqual([
      { TableName: TABLE, Key: { PK: `PROG#${PROGRAMME_2022}`, SK: `ALLOC#${LUND}` }, ConsistentRead: true },
    ]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1); // a failed condition is not retried
  });

  it("retries a transaction that a concurrent transaction cancelled, then answers 201", async () => {
    // Prepare
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled("TransactionConflict", "None", "None", "None", "None"))
      .resolves({});
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(201);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it("answers 409 ALLOCATION_EXCEEDED when the condition fails without a base requisition", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelled("ConditionalCheckFailed", "None", "None", "None", "None"));
    ddb.on(GetCommand).resolves({
      Item: { programmeId: PROGRAMME_2022, kommunkod: LUND, remaining: 1_000, lapsed: false },
    });
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ALLOCATION_EXCEEDED");
    expect(JSON.stringify(res.body.message)).toContain("1 000 kr");
  });

  it("answers 409 DEADLINE_PASSED when the ledger row lapsed between the deadline check and the write", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelled("ConditionalCheckFailed", "None", "None", "None", "None"));
    ddb.on(GetCommand).resolves({
      Item: { programmeId: PROGRAMME_2022, kommunkod: LUND, remaining: 1_530_608, lapsed: true },
    });
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("DEADLINE_PASSED");
  });

  // BUG (shared/adapters/ledger-store.ts, createRequisition: `if (state?.lapsed) throw
  // conflicts.deadlinePassed("")`): the message is built with an empty deadline, so the client
  // reads "Sista dag för rekvisition var . Rätten till bidraget har förfallit." Expected the
  // programme's deadline (2022-12-01) in the message.
  it("names the requisition deadline in the message when the ledger row has lapsed", async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelled("ConditionalCheckFailed", "None", "None", "None", "None"));
    ddb.on(GetCommand).resolves({
      Item: { programmeId: PROGRAMME_2022, kommunkod: LUND, remaining: 1_530_608, lapsed: true },
    });
    // Act
    const res = await invoke<{ message: { sv: string; en: string } }>(handler, requisition());
    // Assess
    expect(res.body.message.sv).toContain("2022-12-01");
  });

  it("answers 503 with retry-after when DynamoDB throttles", async () => {
    // Prepare
    ddb
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: "Rate exceeded", $metadata: {} }));
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.body.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("answers 500 with only code INTERNAL_ERROR, message and requestId on an unexpected error", async () => {
    // Prepare
    const secret = "arn:aws:dynamodb:eu-north-1:123456789012:table/statsbidrag-unit is in a bad state";
    ddb.on(TransactWriteCommand).rejects(new Error(secret));
    // Act
    const res = await invoke(handler, requisition(), "req-500");
    // Assess
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      code: "INTERNAL_ERROR",
      message: { sv: "Internt fel.", en: "Internal error." },
      requestId: "req-500",
    });
    expect(JSON.stringify(res.body)).not.toContain("arn:aws");
  });
});

describe("create-requisition handler: Idempotency-Key", () => {
  const key = "0d3c2b1a-retry-1";
  const stored = storedSubmission();
  const attachment = storedAttachment(stored);
  const hashOf = (body: unknown) =>
    createHash("sha256")
      .update(`requisition\n${PROGRAMME_2022}\n${JSON.stringify(body)}`)
      .digest("hex");

  function seen(requestHash: string) {
    ddb.on(GetCommand).callsFake((input: GetCommandInput) =>
      input.Key?.PK === `IDEMP#${LUND}#${key}`
        ? {
            Item: {
              PK: input.Key.PK,
              SK: "IDEMP",
              kommunkod: LUND,
              key,
              requestHash,
              submissionId: stored.id,
            },
          }
        : {},
    );
    ddb.on(QueryCommand).resolves({
      Items: [
        { PK: `SUB#${stored.id}`, SK: "SUB", ...stored },
        { PK: `SUB#${stored.id}`, SK: `ATT#${attachment.id}`, ...attachment },
      ],
    });
  }

  it("replays the first answer with a fresh upload slot when the same request is retried", async () => {
    // Prepare
    const body = sampleRequisition(programme, LUND);
    seen(hashOf(body));
    const event = requisition(body);
    event.headers["idempotency-key"] = key;
    // Act
    const res = await invoke<SubmissionReceipt>(handler, event);
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers["idempotent-replayed"]).toBe("true");
    expect(res.body.id).toBe(stored.id);
    expect(res.body.upload.fields.key).toBe(attachment.key);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("answers 409 IDEMPOTENCY_KEY_REUSED when the key comes back with a different body", async () => {
    // Prepare
    seen(hashOf({ something: "else" }));
    const event = requisition();
    event.headers["idempotency-key"] = key;
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("stores a new key last in the transaction, on condition that it is new", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    const event = requisition();
    event.headers["idempotency-key"] = key;
    // Act
    const res = await invoke<SubmissionReceipt>(handler, event);
    // Assess
    expect(res.status).toBe(201);
    const last = transactItems().at(-1);
    expect(last?.Put).toMatchObject({
      ConditionExpression: "attribute_not_exists(PK)",
      Item: { PK: `IDEMP#${LUND}#${key}`, SK: "IDEMP", submissionId: res.body.id },
    });
  });
});
