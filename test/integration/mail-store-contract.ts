/**
 * The contract of the mail stores the outbox dispatcher and the bounce handler use: OutboxStore
 * (due mail, the lease, sent and retried mail) and SuppressionList. One suite, run on the
 * DynamoDB adapters (test/integration/mail-store-contract.test.ts) and on the fakes
 * (test/unit/submissions/mail-store-contract.test.ts); the DynamoDB adapters are the reference.
 * This is where the keys and conditions the handler tests used to assert on SDK commands are
 * checked now, by behaviour: what is due when, who holds a mail, which address is suppressed.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { OutboxMail } from "../../shared/mail/outbox-mail.ts";
import type { OutboxStore, SuppressionList } from "../../shared/mail/ports.ts";

export interface MailStores {
  outbox: OutboxStore;
  suppressions: SuppressionList;
  /** Puts a mail in the outbox, due at `dueAt`, as the stores' transactions do. */
  enqueue(mail: OutboxMail, createdAt: string, dueAt: string): Promise<void>;
}

export interface MailContractOptions {
  /** Tests this implementation is known to fail, by name, with the reason; they run as it.fails. */
  knownBugs?: Readonly<Record<string, string>>;
}

const T = (minutes: number) =>
  new Date(Date.parse("2022-06-01T10:00:00.000Z") + minutes * 60_000).toISOString();

const mail = (id = randomUUID()): OutboxMail => ({
  id,
  to: ["registrator@lund.example", "Ekonomi@Lund.example"],
  subject: `Registrerad (${id})`,
  text: "Er rekvisition är registrerad.",
  html: "<p>Er rekvisition är registrerad.</p>",
  topic: "registered",
  submissionId: randomUUID(),
});

export function mailStoreContract(
  label: string,
  make: () => Promise<MailStores>,
  options: MailContractOptions = {},
) {
  const known = options.knownBugs ?? {};
  const it = (name: string, fn: () => Promise<void>) => (name in known ? test.fails : test)(name, fn);
  const due = async (s: MailStores, at: string, limit = 50) =>
    (await s.outbox.dueMails(at, limit)).map((m) => m.id);

  describe(`mail store contract (${label}): outbox`, () => {
    it("keeps a queued mail as written, pending with no attempts", async () => {
      // Prepare
      const s = await make();
      const m = mail();
      // Act
      await s.enqueue(m, T(0), T(0));
      // Assess
      expect(await s.outbox.getMail(m.id)).toMatchObject({ ...m, status: "pending", attempts: 0 });
      expect(await s.outbox.getMail(randomUUID())).toBeUndefined();
    });

    it("answers the mail that is due, earliest first, at most `limit`", async () => {
      // Prepare
      const s = await make();
      const [late, early, future] = [mail(), mail(), mail()];
      await s.enqueue(late, T(0), T(2));
      await s.enqueue(early, T(0), T(1));
      await s.enqueue(future, T(0), T(5));
      // Act
      const [all, one, none] = await Promise.all([due(s, T(3)), due(s, T(3), 1), due(s, T(0))]);
      // Assess
      expect(all).toEqual([early.id, late.id]);
      expect(one).toEqual([early.id]);
      expect(none).toEqual([]);
    });

    it("lets one consumer hold a mail at a time: a lease blocks others until it runs out", async () => {
      // Prepare
      const s = await make();
      const m = mail();
      await s.enqueue(m, T(0), T(0));
      // Act
      const first = await s.outbox.claim(m.id, T(1), T(2));
      const meanwhile = await s.outbox.claim(m.id, T(1.5), T(2.5));
      const afterLease = await s.outbox.claim(m.id, T(3), T(4));
      const unknown = await s.outbox.claim(randomUUID(), T(3), T(4));
      // Assess
      expect([first, meanwhile, afterLease, unknown]).toEqual([true, false, true, false]);
    });

    it("two consumers claiming at once: exactly one gets the mail", async () => {
      // Prepare
      const s = await make();
      const m = mail();
      await s.enqueue(m, T(0), T(0));
      // Act
      const claims = await Promise.all([s.outbox.claim(m.id, T(1), T(2)), s.outbox.claim(m.id, T(1), T(2))]);
      // Assess
      expect(claims.sort()).toEqual([false, true]);
    });

    it("a sent mail is never due again and cannot be claimed", async () => {
      // Prepare
      const s = await make();
      const m = mail();
      await s.enqueue(m, T(0), T(0));
      await s.outbox.claim(m.id, T(1), T(2));
      // Act
      await s.outbox.markSent(m.id, "ses-1", T(1));
      // Assess
      expect(await s.outbox.getMail(m.id)).toMatchObject({ status: "sent" });
      expect(await due(s, T(60 * 24))).toEqual([]);
      expect(await s.outbox.claim(m.id, T(60 * 24), T(60 * 25))).toBe(false);
    });

    it("a retried mail is due again at its next attempt, not before, and free to claim then", async () => {
      // Prepare
      const s = await make();
      const m = mail();
      await s.enqueue(m, T(0), T(0));
      await s.outbox.claim(m.id, T(1), T(10));
      // Act
      await s.outbox.markRetry(m.id, 1, T(5), "Throttling", false);
      // Assess
      expect(await s.outbox.getMail(m.id)).toMatchObject({ status: "pending", attempts: 1 });
      expect(await due(s, T(4))).toEqual([]);
      expect(await due(s, T(5))).toEqual([m.id]);
      expect(await s.outbox.claim(m.id, T(5), T(6))).toBe(true);
    });

    it("a mail failed for good is never due again", async () => {
      // Prepare
      const s = await make();
      const m = mail();
      await s.enqueue(m, T(0), T(0));
      // Act
      await s.outbox.markRetry(m.id, 10, T(5), "MessageRejected", true);
      // Assess
      expect(await s.outbox.getMail(m.id)).toMatchObject({ status: "failed", attempts: 10 });
      expect(await due(s, T(60 * 24 * 365))).toEqual([]);
      expect(await s.outbox.claim(m.id, T(6), T(7))).toBe(false);
    });
  });

  describe(`mail store contract (${label}): suppressions`, () => {
    it("suppresses an address whatever its case, and answers in lower case", async () => {
      // Prepare
      const s = await make();
      // Act
      await s.suppressions.suppress({
        address: "Ekonomi@Lund.example",
        reason: "bounce:Permanent",
        at: T(0),
      });
      await s.suppressions.suppress({ address: "ekonomi@lund.example", reason: "complaint", at: T(1) });
      const found = await s.suppressions.suppressed([
        "EKONOMI@lund.example",
        "registrator@lund.example",
        "ekonomi@LUND.example",
      ]);
      // Assess
      expect(found).toEqual(new Set(["ekonomi@lund.example"]));
    });

    it("answers an empty set for no addresses or none suppressed", async () => {
      // Prepare
      const s = await make();
      // Act
      const [nothing, nobody] = await Promise.all([
        s.suppressions.suppressed([]),
        s.suppressions.suppressed(["a@b.example"]),
      ]);
      // Assess
      expect(nothing).toEqual(new Set());
      expect(nobody).toEqual(new Set());
    });
  });
}
