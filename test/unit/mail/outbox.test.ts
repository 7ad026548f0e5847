import { beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../../shared/clock.ts";
import {
  backoffMs,
  dispatchDue,
  dispatchMail,
  MAX_ATTEMPTS,
  type OutboxDeps,
} from "../../../shared/mail/outbox.ts";
import type { StoredMail } from "../../../shared/mail/ports.ts";
import { MemoryMailer } from "../../fakes/memory-mailer.ts";
import { MemoryOutbox } from "../../fakes/memory-outbox.ts";
import { MemorySuppressionList } from "../../fakes/memory-suppressions.ts";
import { silenceLogs } from "../../helpers/events.ts";

beforeAll(() => {
  silenceLogs();
});

class MovableClock implements Clock {
  constructor(private at: number) {}
  now() {
    return new Date(this.at);
  }
  advance(ms: number) {
    this.at += ms;
  }
}

const NOW = Date.parse("2022-11-30T13:05:09.000Z");

function setup() {
  const outbox = new MemoryOutbox();
  const suppressions = new MemorySuppressionList();
  const mailer = new MemoryMailer();
  const clock = new MovableClock(NOW);
  const deps: OutboxDeps = { outbox, suppressions, mailer, clock, from: "noreply@statsbidrag.example" };
  return { outbox, suppressions, mailer, clock, deps };
}

function mail(id: string, overrides: Partial<StoredMail> = {}): StoredMail {
  return {
    id,
    to: ["statsbidrag@lund.example"],
    subject: "Kvitto: rekvisition SB-2022-1281-R1 mottagen",
    text: "text",
    html: "<p>html</p>",
    topic: "receipt",
    attempts: 0,
    status: "pending",
    ...overrides,
  };
}

describe("backoffMs", () => {
  it("starts at 30 s and doubles with each attempt", () => {
    // Prepare
    const attempts = [1, 2, 3, 4, 5];
    // Act
    const delays = attempts.map(backoffMs);
    // Assess
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it("never waits less than 30 s, even before the first attempt", () => {
    // Prepare
    const attempts = 0;
    // Act
    const delay = backoffMs(attempts);
    // Assess
    expect(delay).toBe(30_000);
  });

  it("grows monotonically and caps at one hour", () => {
    // Prepare
    const attempts = Array.from({ length: 40 }, (_, i) => i + 1);
    // Act
    const delays = attempts.map(backoffMs);
    // Assess
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(Math.max(...delays)).toBe(3_600_000);
    expect(backoffMs(MAX_ATTEMPTS)).toBe(3_600_000);
    expect(backoffMs(1_000)).toBe(3_600_000);
  });
});

describe("dispatchMail", () => {
  it("sends a pending mail from the configured sender and marks it sent", async () => {
    // Prepare
    const { outbox, mailer, deps } = setup();
    outbox.add(mail("m-1"));
    // Act
    const result = await dispatchMail(deps, "m-1");
    // Assess
    expect(result).toBe("sent");
    expect(mailer.sent).toEqual([
      {
        from: "noreply@statsbidrag.example",
        to: ["statsbidrag@lund.example"],
        subject: "Kvitto: rekvisition SB-2022-1281-R1 mottagen",
        text: "text",
        html: "<p>html</p>",
      },
    ]);
    expect(outbox.rows.get("m-1")).toMatchObject({ status: "sent", messageId: "ses-1" });
  });

  it("sends once even when called twice concurrently (the claim lease)", async () => {
    // Prepare
    const { outbox, mailer, deps } = setup();
    outbox.add(mail("m-1"));
    // Act
    const results = await Promise.all([dispatchMail(deps, "m-1"), dispatchMail(deps, "m-1")]);
    // Assess
    expect(mailer.sent).toHaveLength(1);
    expect(results.sort()).toEqual(["sent", "skipped"]);
  });

  it("never sends a mail again once it is sent", async () => {
    // Prepare
    const { outbox, mailer, deps, clock } = setup();
    outbox.add(mail("m-1"));
    await dispatchMail(deps, "m-1");
    clock.advance(3_600_000);
    // Act
    const again = await dispatchMail(deps, "m-1");
    // Assess
    expect(again).toBe("skipped");
    expect(mailer.sent).toHaveLength(1);
  });

  it("skips an unknown mail id", async () => {
    // Prepare
    const { mailer, deps } = setup();
    // Act
    const result = await dispatchMail(deps, "nope");
    // Assess
    expect(result).toBe("skipped");
    expect(mailer.sent).toHaveLength(0);
  });

  it("lets a second consumer take over once a crashed consumer's lease has expired", async () => {
    // Prepare
    const { outbox, mailer, deps, clock } = setup();
    outbox.add(mail("m-1"));
    await outbox.claim("m-1", clock.now().toISOString(), new Date(NOW + 60_000).toISOString());
    const whileLeased = await dispatchMail(deps, "m-1");
    clock.advance(61_000);
    // Act
    const afterLease = await dispatchMail(deps, "m-1");
    // Assess
    expect(whileLeased).toBe("skipped");
    expect(afterLease).toBe("sent");
    expect(mailer.sent).toHaveLength(1);
  });

  it("reschedules after a failure with backoff, attempts counted and the error kept", async () => {
    // Prepare
    const { outbox, mailer, deps } = setup();
    outbox.add(mail("m-1"));
    mailer.failures.push(new Error("Throttling: Maximum sending rate exceeded."));
    // Act
    const result = await dispatchMail(deps, "m-1");
    // Assess
    expect(result).toBe("retry");
    expect(outbox.rows.get("m-1")).toMatchObject({
      status: "pending",
      attempts: 1,
      nextAttemptAt: new Date(NOW + 30_000).toISOString(),
      lastError: "Throttling: Maximum sending rate exceeded.",
    });
  });

  it(`marks the mail failed for good after MAX_ATTEMPTS (${MAX_ATTEMPTS}) failures`, async () => {
    // Prepare
    const { outbox, mailer, deps, clock } = setup();
    outbox.add(mail("m-1"));
    mailer.failures = Array.from({ length: MAX_ATTEMPTS + 1 }, () => new Error("SES down"));
    const results: string[] = [];
    // Act
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) {
      results.push(await dispatchMail(deps, "m-1"));
      clock.advance(3_600_000);
    }
    // Assess
    expect(results.slice(0, MAX_ATTEMPTS - 1).every((r) => r === "retry")).toBe(true);
    expect(results[MAX_ATTEMPTS - 1]).toBe("failed");
    expect(results[MAX_ATTEMPTS]).toBe("skipped");
    expect(outbox.rows.get("m-1")).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(mailer.sent).toHaveLength(0);
  });

  it("drops suppressed recipients, case-insensitively", async () => {
    // Prepare
    const { outbox, suppressions, mailer, deps } = setup();
    outbox.add(mail("m-1", { to: ["Bounced@Lund.example", "ok@lund.example"] }));
    suppressions.addresses.add("bounced@lund.example");
    // Act
    await dispatchMail(deps, "m-1");
    // Assess
    expect(mailer.sent.map((m) => m.to)).toEqual([["ok@lund.example"]]);
  });

  it("closes a mail whose every recipient is suppressed without sending it", async () => {
    // Prepare
    const { outbox, suppressions, mailer, deps } = setup();
    outbox.add(mail("m-1"));
    suppressions.addresses.add("statsbidrag@lund.example");
    // Act
    const result = await dispatchMail(deps, "m-1");
    // Assess
    expect(result).toBe("sent");
    expect(mailer.sent).toHaveLength(0);
    expect(outbox.rows.get("m-1")).toMatchObject({ status: "sent", messageId: "suppressed" });
  });

  // BUG (shared/mail/outbox.ts, dispatchMail): markSent sits in the same try as mailer.send, so
  // when SES has accepted the mail but recording it fails (e.g. DynamoDB throttles), the catch
  // treats it as an SES failure: markRetry puts it back to pending with attempts + 1, and the next
  // sweep sends it a second time. Expected one send; actual two.
  it("does not send a mail again when SES accepted it but recording the send failed", async () => {
    // Prepare
    const { outbox, mailer, deps, clock } = setup();
    outbox.add(mail("m-1"));
    outbox.failMarkSent = 1;
    await dispatchMail(deps, "m-1").catch(() => "thrown");
    clock.advance(3_600_000);
    // Act
    await dispatchDue(deps);
    // Assess
    expect(mailer.sent).toHaveLength(1);
  });
});

describe("dispatchDue", () => {
  it("sends every due mail and counts the outcomes", async () => {
    // Prepare
    const { outbox, mailer, deps } = setup();
    outbox.add(mail("m-1"));
    outbox.add(mail("m-2"));
    outbox.add(mail("later"), new Date(NOW + 60_000).toISOString());
    mailer.failures.push(new Error("SES down"));
    // Act
    const counts = await dispatchDue(deps);
    // Assess
    expect(counts).toEqual({ sent: 1, retry: 1, failed: 0, skipped: 0 });
    expect(outbox.rows.get("later")?.status).toBe("pending");
    expect(outbox.rows.get("later")?.attempts).toBe(0);
  });

  it("takes at most `limit` mails per sweep", async () => {
    // Prepare
    const { outbox, mailer, deps } = setup();
    for (let i = 0; i < 5; i++) outbox.add(mail(`m-${i}`));
    // Act
    const counts = await dispatchDue(deps, 3);
    // Assess
    expect(counts.sent).toBe(3);
    expect(mailer.sent).toHaveLength(3);
  });
});
