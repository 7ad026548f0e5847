import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Submission } from "../../../shared/submissions/model.ts";
import type { UploadSlot } from "../../../shared/submissions/upload-slot.ts";
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
  storedSubmission,
  stubFunctionEnv,
  TABLE,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
let handler: ApiHandlerFn;

beforeAll(async () => {
  stubFunctionEnv();
  silenceLogs();
  ({ handler } = await import("../../../functions/request-upload/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
  s3.reset();
  ddb.on(TransactWriteCommand).resolves({});
});

function stored(submission: Submission | undefined) {
  ddb
    .on(GetCommand)
    .resolves(submission ? { Item: { PK: `SUB#${submission.id}`, SK: "SUB", ...submission } } : {});
}

type Path = "original" | "attachments";

function upload(path: Path, id: string, claims: Claims = municipalityClaims(LUND), body: unknown = {}) {
  return apiEvent({ route: `POST /submissions/{id}/${path}`, pathParameters: { id }, claims, body });
}

const transactItems = () => ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];

describe("request-upload handler: the signed original", () => {
  it("answers 201 with a fresh slot under the submission's key while the original is awaited", async () => {
    // Prepare
    const submission = storedSubmission();
    stored(submission);
    // Act
    const res = await invoke<{ upload: UploadSlot }>(handler, upload("original", submission.id));
    // Assess
    expect(res.status).toBe(201);
    const { attachmentId, fields } = res.body.upload;
    expect(fields.key).toBe(`originals/skr-aldreomsorg-2022/${LUND}/${submission.id}/${attachmentId}`);
    const items = transactItems();
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      TableName: TABLE,
      ConditionExpression: "attribute_not_exists(PK)",
      Item: { PK: `SUB#${submission.id}`, SK: `ATT#${attachmentId}`, type: "original", status: "pending" },
    });
    expect(items[1]?.Put?.Item).toMatchObject({ action: "upload.requested" });
  });

  it("reopens a rejected submission (back to awaiting-original) in the same transaction", async () => {
    // Prepare
    const submission = storedSubmission({ status: "original-rejected", statusReason: "the file is empty." });
    stored(submission);
    // Act
    const res = await invoke(handler, upload("original", submission.id));
    // Assess
    expect(res.status).toBe(201);
    const reopen = transactItems().find((i) => i.Update)?.Update;
    expect(reopen).toMatchObject({
      Key: { PK: `SUB#${submission.id}`, SK: "SUB" },
      ConditionExpression: "#status = :from",
      ExpressionAttributeValues: { ":from": "original-rejected", ":to": "awaiting-original" },
    });
    expect(reopen?.UpdateExpression).toContain("REMOVE statusReason");
  });

  it("answers 409 ORIGINAL_ALREADY_RECEIVED when the original is already received", async () => {
    // Prepare
    const submission = storedSubmission({ status: "received" });
    stored(submission);
    // Act
    const res = await invoke(handler, upload("original", submission.id));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ORIGINAL_ALREADY_RECEIVED");
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("answers 409 ORIGINAL_ALREADY_RECEIVED when a concurrent upload settled it before the reopen", async () => {
    // Prepare
    stored(storedSubmission({ status: "original-rejected" }));
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: "Transaction cancelled",
        $metadata: {},
        CancellationReasons: [{ Code: "None" }, { Code: "None" }, { Code: "ConditionalCheckFailed" }],
      }),
    );
    // Act
    const res = await invoke(handler, upload("original", storedSubmission().id));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ORIGINAL_ALREADY_RECEIVED");
  });
});

describe("request-upload handler: other attachments and access", () => {
  it("gives a bank-statement slot even after the original is received", async () => {
    // Prepare
    const submission = storedSubmission({ status: "received" });
    stored(submission);
    // Act
    const res = await invoke<{ upload: UploadSlot }>(
      handler,
      upload("attachments", submission.id, municipalityClaims(LUND), { type: "bank-statement" }),
    );
    // Assess
    expect(res.status).toBe(201);
    expect(transactItems()[0]?.Put?.Item).toMatchObject({ type: "bank-statement", status: "pending" });
    expect(transactItems().some((i) => i.Update)).toBe(false);
  });

  it.each([
    ["an unknown type", { type: "contract" }],
    ["no type", {}],
  ])("answers 400 INVALID_ATTACHMENT_TYPE for /attachments with %s", async (_, body) => {
    // Prepare
    stored(storedSubmission());
    // Act
    const res = await invoke<{ errors: { path: string; code: string }[] }>(
      handler,
      upload("attachments", storedSubmission().id, municipalityClaims(LUND), body),
    );
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: "type", code: "INVALID_ATTACHMENT_TYPE" }),
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 403 when a municipality asks for a slot on another municipality's submission", async () => {
    // Prepare
    stored(storedSubmission());
    // Act
    const res = await invoke(
      handler,
      upload("original", storedSubmission().id, municipalityClaims(STOCKHOLM)),
    );
    // Assess
    expect(res.status).toBe(403);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("answers 403 to an officer: only the municipality uploads", async () => {
    // Prepare
    stored(storedSubmission());
    // Act
    const res = await invoke(handler, upload("original", storedSubmission().id, officerClaims()));
    // Assess
    expect(res.status).toBe(403);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it("answers 404 for an unknown submission", async () => {
    // Prepare
    stored(undefined);
    // Act
    const res = await invoke(handler, upload("original", "00000000-0000-4000-8000-000000000000"));
    // Assess
    expect(res.status).toBe(404);
  });
});
