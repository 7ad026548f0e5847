import type { SNSEvent } from "aws-lambda";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";

/**
 * The real handler on a fresh fake system per test (see get-programme.test.ts). Which addresses
 * are suppressed is read back from the suppression list; the reason and time it keeps are what
 * the handler hands the port (the DynamoDB item's layout is the adapter's business).
 */
let system: FakeSystem;
let handler: (event: SNSEvent) => Promise<void>;

beforeAll(() => {
  silenceLogs();
});

beforeEach(async () => {
  vi.resetModules();
  const fakes = await import("../../fakes/fake-root.ts");
  system = fakes.fakeSystem();
  vi.doMock("../../../shared/composition-root.ts", () => fakes.fakeRoot(system));
  ({ handler } = await import("../../../functions/mail-events/handler.ts"));
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
const everyone = ["Ekonomi@Lund.se", "other@lund.se", "a@b.se", "x@y.se"];
const suppressed = async () => [...(await system.suppressions.suppressed(everyone))].sort();

describe("mail-events handler", () => {
  it("suppresses each permanently bounced recipient, lowercased, with the bounce as reason", async () => {
    // Prepare
    const suppress = vi.spyOn(system.suppressions, "suppress");
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
    expect(await suppressed()).toEqual(["ekonomi@lund.se"]);
    expect(suppress.mock.calls.map(([s]) => s)).toEqual([
      { address: "ekonomi@lund.se", reason: "bounce:Permanent:General", at: "2025-03-01T08:00:00.000Z" },
    ]);
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
    expect(await suppressed()).toEqual([]);
  });

  it("suppresses complained recipients only, not every destination", async () => {
    // Prepare
    const suppress = vi.spyOn(system.suppressions, "suppress");
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
    expect(await suppressed()).toEqual(["ekonomi@lund.se"]);
    expect(suppress.mock.calls.map(([s]) => s)).toEqual([
      { address: "ekonomi@lund.se", reason: "complaint:abuse", at: "2025-03-02T10:00:00.000Z" },
    ]);
  });

  it("accepts identity notifications (notificationType) too, dated by the mail when the bounce is not", async () => {
    // Prepare
    const suppress = vi.spyOn(system.suppressions, "suppress");
    const event = snsEvent({
      notificationType: "Bounce",
      mail,
      bounce: { bounceType: "Undetermined", bouncedRecipients: [{ emailAddress: "x@y.se" }] },
    });
    // Act
    await handler(event);
    // Assess
    expect(await suppressed()).toEqual(["x@y.se"]);
    expect(suppress.mock.calls.map(([s]) => s)).toEqual([
      { address: "x@y.se", reason: "bounce:Undetermined", at: mail.timestamp },
    ]);
  });

  it("skips malformed and unrelated messages without failing the batch, and still handles the rest", async () => {
    // Prepare
    const event = snsEvent(
      "not json",
      { eventType: "Delivery", mail },
      { eventType: "Bounce" },
      { eventType: "Complaint", mail, complaint: { complainedRecipients: [{ emailAddress: "a@b.se" }] } },
    );
    // Act
    await handler(event);
    // Assess
    expect(await suppressed()).toEqual(["a@b.se"]);
  });

  it("throws when the suppression cannot be stored, so Lambda retries and the DLQ keeps the event", async () => {
    // Prepare
    vi.spyOn(system.suppressions, "suppress").mockRejectedValueOnce(
      new Error("ProvisionedThroughputExceeded"),
    );
    const event = snsEvent({
      eventType: "Complaint",
      mail,
      complaint: { complainedRecipients: [{ emailAddress: "a@b.se" }] },
    });
    // Act
    const run = handler(event);
    // Assess
    await expect(run).rejects.toThrow("ProvisionedThroughputExceeded");
    expect(await suppressed()).toEqual([]);
  });
});
