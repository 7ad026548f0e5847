import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SNSEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The handler reads its config and creates its client at module scope, so the environment is
// set before it is imported.
const ddb = mockClient(DynamoDBDocumentClient);
let handler: (event: SNSEvent) => Promise<void>;

beforeAll(async () => {
  vi.stubEnv("STATSBIDRAG_STAGE", "test");
  vi.stubEnv("TABLE_NAME", "statsbidrag-test");
  vi.stubEnv("BUCKET_NAME", "statsbidrag-test-originals-local");
  vi.stubEnv("MAIL_FROM", "noreply@example.se");
  ({ handler } = await import("../../../functions/mail-events/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
  ddb.on(PutCommand).resolves({});
});

function snsEvent(...messages: unknown[]): SNSEvent {
  return {
    Records: messages.map((message, i) => ({
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: "arn:aws:sns:eu-north-1:123456789012:mail-events:sub",
      Sns: {
        Type: "Notification",
        MessageId: `m-${i}`,
        TopicArn: "arn:aws:sns:eu-north-1:123456789012:mail-events",
        Subject: "",
        Message: typeof message === "string" ? message : JSON.stringify(message),
        Timestamp: "2025-03-01T08:00:00.000Z",
        SignatureVersion: "1",
        Signature: "",
        SigningCertUrl: "",
        UnsubscribeUrl: "",
        MessageAttributes: {},
      },
    })),
  };
}

const mail = { timestamp: "2025-03-01T07:59:00.000Z", destination: ["Ekonomi@Lund.se", "other@lund.se"] };

function putItems(): Record<string, unknown>[] {
  return ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item ?? {});
}

describe("mail-events handler", () => {
  it("suppresses each permanently bounced recipient, lowercased", async () => {
    // Prepare
    const event = snsEvent({
      eventType: "Bounce",
      mail,
      bounce: {
        bounceType: "Permanent",
        bounceSubType: "General",
        timestamp: "2025-03-01T08:00:00.000Z",
        bouncedRecipients: [{ emailAddress: "Ekonomi@Lund.se" }],
      },
    });
    // Act
    await handler(event);
    // Assess
    expect(putItems()).toEqual([
      {
        PK: "EMAIL#ekonomi@lund.se",
        SK: "SUPPRESSION",
        reason: "bounce:Permanent:General",
        at: "2025-03-01T08:00:00.000Z",
      },
    ]);
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.TableName).toBe("statsbidrag-test");
  });

  it("does not suppress a transient bounce", async () => {
    // Prepare
    const event = snsEvent({
      eventType: "Bounce",
      mail,
      bounce: {
        bounceType: "Transient",
        bounceSubType: "MailboxFull",
        bouncedRecipients: [{ emailAddress: "a@b.se" }],
      },
    });
    // Act
    await handler(event);
    // Assess
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("suppresses complained recipients only, not every destination", async () => {
    // Prepare
    const event = snsEvent({
      eventType: "Complaint",
      mail,
      complaint: {
        complaintFeedbackType: "abuse",
        timestamp: "2025-03-02T10:00:00.000Z",
        complainedRecipients: [{ emailAddress: '"Ekonomi" <Ekonomi@Lund.se>' }],
      },
    });
    // Act
    await handler(event);
    // Assess
    expect(putItems()).toEqual([
      {
        PK: "EMAIL#ekonomi@lund.se",
        SK: "SUPPRESSION",
        reason: "complaint:abuse",
        at: "2025-03-02T10:00:00.000Z",
      },
    ]);
  });

  it("accepts identity notifications (notificationType) too", async () => {
    // Prepare
    const event = snsEvent({
      notificationType: "Bounce",
      mail,
      bounce: { bounceType: "Undetermined", bouncedRecipients: [{ emailAddress: "x@y.se" }] },
    });
    // Act
    await handler(event);
    // Assess
    expect(putItems()).toEqual([
      { PK: "EMAIL#x@y.se", SK: "SUPPRESSION", reason: "bounce:Undetermined", at: mail.timestamp },
    ]);
  });

  it("skips malformed and unrelated messages without failing the batch", async () => {
    // Prepare
    const event = snsEvent("not json", { eventType: "Delivery", mail }, { eventType: "Bounce" });
    // Act
    await handler(event);
    // Assess
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("throws when the table write fails, so Lambda retries and the DLQ keeps the event", async () => {
    // Prepare
    ddb.on(PutCommand).rejects(new Error("ProvisionedThroughputExceeded"));
    const event = snsEvent({
      eventType: "Complaint",
      mail,
      complaint: { complainedRecipients: [{ emailAddress: "a@b.se" }] },
    });
    // Act
    const run = handler(event);
    // Assess
    await expect(run).rejects.toThrow("ProvisionedThroughputExceeded");
  });
});
