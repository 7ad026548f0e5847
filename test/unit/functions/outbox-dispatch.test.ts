import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredMail } from "../../../shared/mail/ports.ts";
import type { FakeSystem } from "../../fakes/fake-root.ts";
import { scheduledEvent, silenceLogs, streamEvent, streamRecord } from "../../helpers/events.ts";

/**
 * The real handler on a fresh fake system per test (see get-programme.test.ts): the outbox, the
 * suppression list and SES are the fakes, and the clock is the system's, so backoff is exact.
 */
let system: FakeSystem;
let handler: (
  event: DynamoDBStreamEvent | ScheduledEvent,
) => Promise<DynamoDBBatchResponse | Record<string, number>>;

const NOW = "2022-06-01T10:00:00.000Z";
const FROM = "noreply@statsbidrag.example";

beforeAll(() => {
  silenceLogs();
});

beforeEach(async () => {
  vi.resetModules();
  const fakes = await import("../../fakes/fake-root.ts");
  system = fakes.fakeSystem({ now: NOW });
  vi.doMock("../../../shared/composition-root.ts", () => fakes.fakeRoot(system));
  ({ handler } = await import("../../../functions/outbox-dispatch/handler.ts"));
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

const row = (id: string) => system.outbox.rows.get(id);
const plus = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

describe("outbox-dispatch handler: stream", () => {
  it("sends one mail with the stored subject and bodies for an INSERT of OUTBOX#id, and marks it sent", async () => {
    // Prepare
    const stored = mail("m-1");
    system.outbox.add(stored);
    // Act
    const result = await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(system.mailer.sent).toEqual([
      {
        from: FROM,
        to: ["statsbidrag@lund.example"],
        subject: stored.subject,
        text: stored.text,
        html: stored.html,
      },
    ]);
    expect(row("m-1")).toMatchObject({ status: "sent", messageId: "ses-1" });
    expect(row("m-1")?.leaseUntil).toBeUndefined();
  });

  it("ignores MODIFY and REMOVE records and keys outside the outbox, without reading the outbox", async () => {
    // Prepare
    system.outbox.add(mail("m-1"));
    const read = vi.spyOn(system.outbox, "getMail");
    const event = streamEvent(
      streamRecord({ eventName: "MODIFY", pk: "OUTBOX#m-1" }),
      streamRecord({ eventName: "REMOVE", pk: "OUTBOX#m-1" }),
      streamRecord({ eventName: "INSERT", pk: "SUB#5b1f3a52", sk: "SUB" }),
    );
    // Act
    const result = await handler(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(read).not.toHaveBeenCalled();
    expect(system.mailer.sent).toEqual([]);
    expect(row("m-1")).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("reschedules the mail 30 s later (attempts 1, still pending) when SES throws, without failing the batch", async () => {
    // Prepare
    system.outbox.add(mail("m-1"));
    system.mailer.failures = [new Error("Throttling: Maximum sending rate exceeded.")];
    // Act
    const result = await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1", sequenceNumber: "111" })));
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(row("m-1")).toMatchObject({
      status: "pending",
      attempts: 1,
      nextAttemptAt: plus(30_000),
      lastError: "Throttling: Maximum sending rate exceeded.",
    });
    expect(row("m-1")?.leaseUntil).toBeUndefined();
    expect((await system.outbox.dueMails(plus(29_999), 50)).map((m) => m.id)).toEqual([]);
    expect((await system.outbox.dueMails(plus(30_000), 50)).map((m) => m.id)).toEqual(["m-1"]);
  });

  it("reports the records as batch failures when the outbox itself cannot be read", async () => {
    // Prepare
    system.outbox.add(mail("m-1"));
    system.outbox.add(mail("m-2"));
    vi.spyOn(system.outbox, "getMail").mockRejectedValue(new Error("connect ETIMEDOUT"));
    const event = streamEvent(
      streamRecord({ pk: "OUTBOX#m-1", sequenceNumber: "111" }),
      streamRecord({ pk: "OUTBOX#m-2", sequenceNumber: "222" }),
    );
    // Act
    const result = await handler(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "111" }, { itemIdentifier: "222" }] });
    expect(system.mailer.sent).toEqual([]);
  });

  it("fails only the record that failed: the others in the batch are sent", async () => {
    // Prepare
    system.outbox.add(mail("m-1"));
    system.outbox.add(mail("m-2"));
    const getMail = system.outbox.getMail.bind(system.outbox);
    vi.spyOn(system.outbox, "getMail").mockImplementation(async (id) => {
      if (id === "m-1") throw new Error("connect ETIMEDOUT");
      return getMail(id);
    });
    const event = streamEvent(
      streamRecord({ pk: "OUTBOX#m-1", sequenceNumber: "111" }),
      streamRecord({ pk: "OUTBOX#m-2", sequenceNumber: "222" }),
    );
    // Act
    const result = await handler(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "111" }] });
    expect(system.mailer.sent.map((m) => m.subject)).toEqual([mail("m-2").subject]);
  });

  it("drops a suppressed recipient, whatever its case, and sends to the others", async () => {
    // Prepare
    system.outbox.add(mail("m-1", { to: ["Bounced@Lund.example", "ok@lund.example"] }));
    await system.suppressions.suppress({
      address: "bounced@lund.example",
      reason: "bounce:Permanent",
      at: NOW,
    });
    // Act
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(system.mailer.sent.map((m) => m.to)).toEqual([["ok@lund.example"]]);
    expect(row("m-1")).toMatchObject({ status: "sent" });
  });

  it("sends nothing and closes the mail when every recipient is suppressed", async () => {
    // Prepare
    system.outbox.add(mail("m-1"));
    await system.suppressions.suppress({ address: "statsbidrag@lund.example", reason: "complaint", at: NOW });
    // Act
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(system.mailer.sent).toEqual([]);
    expect(row("m-1")).toMatchObject({ status: "sent", messageId: "suppressed" });
  });

  it("skips a mail another consumer holds the lease on", async () => {
    // Prepare
    system.outbox.add(mail("m-1"));
    expect(await system.outbox.claim("m-1", NOW, plus(60_000))).toBe(true);
    // Act
    const result = await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(system.mailer.sent).toEqual([]);
    expect(row("m-1")).toMatchObject({ status: "pending", leaseUntil: plus(60_000) });
  });

  it("sends a mail once when the stream delivers its INSERT twice in one batch", async () => {
    // Prepare
    system.outbox.add(mail("m-1"));
    const event = streamEvent(
      streamRecord({ pk: "OUTBOX#m-1", sequenceNumber: "111" }),
      streamRecord({ pk: "OUTBOX#m-1", sequenceNumber: "112" }),
    );
    // Act
    const result = await handler(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(system.mailer.sent).toHaveLength(1);
  });

  it("never sends a mail that is already sent, and leaves it alone", async () => {
    // Prepare
    system.outbox.add(mail("m-1", { status: "sent" }));
    const before = structuredClone(row("m-1"));
    // Act
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-1" })));
    // Assess
    expect(system.mailer.sent).toEqual([]);
    expect(row("m-1")).toEqual(before);
  });
});

describe("outbox-dispatch handler: schedule", () => {
  it("sweeps the mails that are due and sends each once, leaving those not yet due", async () => {
    // Prepare
    system.outbox.add(mail("m-1", { attempts: 2 }), plus(-60_000));
    system.outbox.add(mail("m-2", { attempts: 1 }), NOW);
    system.outbox.add(mail("m-3", { attempts: 1 }), plus(1));
    // Act
    const result = await handler(scheduledEvent());
    // Assess
    expect(result).toEqual({ sent: 2, retry: 0, failed: 0, skipped: 0 });
    expect(system.mailer.sent.map((m) => m.subject)).toEqual([mail("m-1").subject, mail("m-2").subject]);
    expect(row("m-3")).toMatchObject({ status: "pending", attempts: 1 });
  });

  it("sweeps at most 50 mails a run", async () => {
    // Prepare
    for (let i = 0; i < 51; i++) system.outbox.add(mail(`m-${i}`));
    // Act
    const result = await handler(scheduledEvent());
    // Assess
    expect(result).toEqual({ sent: 50, retry: 0, failed: 0, skipped: 0 });
    expect((await system.outbox.dueMails(NOW, 50)).map((m) => m.id)).toEqual(["m-50"]);
  });

  it("marks a mail failed for good on its tenth failed attempt, and never sweeps it again", async () => {
    // Prepare
    system.outbox.add(mail("m-1", { attempts: 9 }));
    system.mailer.failures = [new Error("MessageRejected: Email address is not verified.")];
    // Act
    const result = await handler(scheduledEvent());
    system.clock.advance(86_400_000);
    const later = await handler(scheduledEvent());
    // Assess
    expect(result).toEqual({ sent: 0, retry: 0, failed: 1, skipped: 0 });
    expect(row("m-1")).toMatchObject({ status: "failed", attempts: 10 });
    expect(later).toEqual({ sent: 0, retry: 0, failed: 0, skipped: 0 });
    expect(system.mailer.sent).toEqual([]);
  });
});
