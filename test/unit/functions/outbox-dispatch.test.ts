import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredMail } from "../../../shared/mail/ports.ts";
import {
  MAIL_FROM,
  scheduledEvent,
  silenceLogs,
  streamEvent,
  streamRecord,
  stubFunctionEnv,
  TABLE,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);
let handler: (
  event: DynamoDBStreamEvent | ScheduledEvent,
) => Promise<DynamoDBBatchResponse | Record<string, number>>;

beforeAll(async () => {
  // Real time: the backoff is asserted against Date.now().
  stubFunctionEnv({ STATSBIDRAG_TODAY: undefined });
  silenceLogs();
  ({ handler } = await import("../../../functions/outbox-dispatch/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

function mail(id: string, overrides: Partial<StoredMail> = {}): StoredMail {
  return {
    id,
    to: ["statsbidrag@lund.example"],
    subject: `Registrerad: rekvisition SB-2022-1281-R1 – ladda upp undertecknat original (${id})`,
    text: "Er rekvisition för Lund är registrerad.",
    html: "<p>Er rekvisition för Lund är registrerad.</p>",
    topic: "registered",
    attempts: 0,
    status: "pending",
    ...overrides,
  };
}

/** The outbox table: GetItem answers from `mails`, suppressed addresses come back from BatchGet. */
function outbox(mails: StoredMail[], suppressed: string[] = []) {
  ddb.on(GetCommand).callsFake((input: GetCommandInput) => {
    const found = mails.find((m) => input.Key?.PK === `OUTBOX#${m.id}`);
    return found
      ? { Item: { PK: `OUTBOX#${found.id}`, SK: "OUTBOX", GSI1PK: "OUTBOX#pending", ...found } }
      : {};
  });
  ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => {
    const asked = input.RequestItems?.[TABLE]?.Keys ?? [];
    const hits = asked.filter((k) => suppressed.includes(String(k.PK).slice("EMAIL#".length)));
    return { Responses: { [TABLE]: hits.map((k) => ({ ...k, reason: "bounce:Permanent" })) } };
  });
  ddb.on(UpdateCommand).resolves({});
  ddb.on(QueryCommand).resolves({
    Items: mails.map((m) => ({ PK: `OUTBOX#${m.id}`, SK: "OUTBOX", GSI1PK: "OUTBOX#pending", ...m })),
  });
}

const updates = () => ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
const claims = () => updates().filter((u) => u.UpdateExpression === "SET leaseUntil = :lease");
const marks = () => updates().filter((u) => u.UpdateExpression !== "SET leaseUntil = :lease");

beforeEach(() => {
  ddb.reset();
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: "ses-message-1" });
});

describe("outbox-dispatch handler: stream", () => {
  it("sends one SES mail with the stored subject for an INSERT of OUTBOX#id, and marks it sent", async () => {
    // Prepare
    const stored = mail("m-1");
    outbox([stored]);
    // Act
    const result = await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const sent = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([
      {
        Source: MAIL_FROM,
        Destination: { ToAddresses: ["statsbidrag@lund.example"] },
        Message: {
          Subject: { Data: stored.subject, Charset: "UTF-8" },
          Body: {
            Text: { Data: stored.text, Charset: "UTF-8" },
            Html: { Data: stored.html, Charset: "UTF-8" },
          },
        },
      },
    ]);
    expect(claims()).toEqual([
      expect.objectContaining({
        Key: { PK: "OUTBOX#m-1", SK: "OUTBOX" },
        ConditionExpression: expect.stringContaining("#status = :pending"),
      }),
    ]);
    expect(marks()).toEqual([
      expect.objectContaining({
        Key: { PK: "OUTBOX#m-1", SK: "OUTBOX" },
        ExpressionAttributeValues: expect.objectContaining({ ":sent": "sent", ":mid": "ses-message-1" }),
      }),
    ]);
  });

  it("ignores MODIFY records and keys outside the outbox", async () => {
    // Prepare
    outbox([mail("m-1")]);
    const event = streamEvent(
      streamRecord({ eventName: "MODIFY", pk: "OUTBOX#m-1" }),
      streamRecord({ eventName: "REMOVE", pk: "OUTBOX#m-1" }),
      streamRecord({ eventName: "INSERT", pk: "SUB#5b1f3a52", sk: "SUB" }),
    );
    // Act
    const result = await handler(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ddb.calls()).toHaveLength(0);
    expect(ses.calls()).toHaveLength(0);
  });

  it("reschedules the mail (attempts 1, status pending) when SES throws, without failing the batch", async () => {
    // Prepare
    outbox([mail("m-1")]);
    ses.on(SendEmailCommand).rejects(new Error("Throttling: Maximum sending rate exceeded."));
    const before = Date.now();
    // Act
    const result = await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1", sequenceNumber: "111" })));
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(marks()).toEqual([
      expect.objectContaining({
        Key: { PK: "OUTBOX#m-1", SK: "OUTBOX" },
        ExpressionAttributeValues: expect.objectContaining({
          ":attempts": 1,
          ":status": "pending",
          ":gpk": "OUTBOX#pending",
          ":error": "Throttling: Maximum sending rate exceeded.",
        }),
      }),
    ]);
    const next = Date.parse(String(marks()[0]?.ExpressionAttributeValues?.[":next"]));
    expect(next).toBeGreaterThanOrEqual(before + 30_000);
    expect(next).toBeLessThanOrEqual(Date.now() + 30_000);
  });

  it("reports the record as a batch failure when the table itself fails", async () => {
    // Prepare
    ddb.on(GetCommand).rejects(new Error("connect ETIMEDOUT"));
    const event = streamEvent(
      streamRecord({ pk: "OUTBOX#m-1", sequenceNumber: "111" }),
      streamRecord({ pk: "OUTBOX#m-2", sequenceNumber: "222" }),
    );
    // Act
    const result = await handler(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "111" }, { itemIdentifier: "222" }] });
    expect(ses.calls()).toHaveLength(0);
  });

  it("drops a suppressed recipient and sends to the others", async () => {
    // Prepare
    outbox([mail("m-1", { to: ["Bounced@Lund.example", "ok@lund.example"] })], ["bounced@lund.example"]);
    // Act
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    const sent = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses);
    expect(sent).toEqual([["ok@lund.example"]]);
    const asked = ddb.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.[TABLE]?.Keys;
    expect(asked).toEqual([
      { PK: "EMAIL#bounced@lund.example", SK: "SUPPRESSION" },
      { PK: "EMAIL#ok@lund.example", SK: "SUPPRESSION" },
    ]);
  });

  it("sends nothing and closes the mail when every recipient is suppressed", async () => {
    // Prepare
    outbox([mail("m-1")], ["statsbidrag@lund.example"]);
    // Act
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(ses.calls()).toHaveLength(0);
    expect(marks()).toEqual([
      expect.objectContaining({
        ExpressionAttributeValues: expect.objectContaining({ ":mid": "suppressed" }),
      }),
    ]);
  });

  it("skips a mail another consumer holds the lease on", async () => {
    // Prepare
    outbox([mail("m-1")]);
    ddb
      .on(UpdateCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} }),
      );
    // Act
    const result = await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses.calls()).toHaveLength(0);
  });

  it("never sends a mail that is already sent", async () => {
    // Prepare
    outbox([mail("m-1", { status: "sent" })]);
    // Act
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(ses.calls()).toHaveLength(0);
    expect(updates()).toHaveLength(0);
  });
});

describe("outbox-dispatch handler: schedule", () => {
  it("sweeps the mails that are due and sends each once", async () => {
    // Prepare
    outbox([mail("m-1", { attempts: 2 }), mail("m-2", { attempts: 1 })]);
    // Act
    const result = await handler(scheduledEvent());
    // Assess
    expect(result).toEqual({ sent: 2, retry: 0, failed: 0, skipped: 0 });
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({
      TableName: TABLE,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :pk AND GSI1SK <= :now",
      ExpressionAttributeValues: { ":pk": "OUTBOX#pending" },
      Limit: 50,
    });
    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Message?.Subject?.Data)).toEqual([
      mail("m-1").subject,
      mail("m-2").subject,
    ]);
  });

  it("marks a mail failed for good on its tenth failed attempt", async () => {
    // Prepare
    outbox([mail("m-1", { attempts: 9 })]);
    ses.on(SendEmailCommand).rejects(new Error("MessageRejected: Email address is not verified."));
    // Act
    const result = await handler(scheduledEvent());
    // Assess
    expect(result).toEqual({ sent: 0, retry: 0, failed: 1, skipped: 0 });
    expect(marks()[0]?.ExpressionAttributeValues).toMatchObject({
      ":attempts": 10,
      ":status": "failed",
      ":gpk": "OUTBOX#failed",
    });
  });
});
