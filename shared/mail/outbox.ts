import type { Clock } from "../clock.ts";
import { logger } from "../logger.ts";
import type { Mailer, OutboxStore, SuppressionList } from "./ports.ts";

export interface OutboxDeps {
  outbox: OutboxStore;
  suppressions: SuppressionList;
  mailer: Mailer;
  clock: Clock;
  from: string;
}

export const MAX_ATTEMPTS = 10;
const LEASE_MS = 60_000;

/** 30 s, 1 min, 2 min … capped at 1 h: SES outages are usually short, and mail should not pile up. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type DispatchResult = "sent" | "retry" | "failed" | "skipped";

/**
 * Sends one outbox mail at most once at a time: the lease makes a second consumer (stream and
 * schedule both fire, or a redelivery) skip it, and a sent mail is never sent again. An SES
 * failure only reschedules the mail; the submission it belongs to is already stored.
 */
export async function dispatchMail(deps: OutboxDeps, id: string): Promise<DispatchResult> {
  const now = deps.clock.now();
  const mail = await deps.outbox.getMail(id);
  if (mail?.status !== "pending") return "skipped";
  if (!(await deps.outbox.claim(id, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()))) {
    return "skipped";
  }
  const suppressed = await deps.suppressions.suppressed(mail.to);
  const to = mail.to.filter((address) => !suppressed.has(address.toLowerCase()));
  if (to.length === 0) {
    await deps.outbox.markSent(id, "suppressed", now.toISOString());
    logger.warn("mail not sent: every recipient is suppressed", { mailId: id, topic: mail.topic });
    return "sent";
  }
  let messageId: string;
  try {
    messageId = await deps.mailer.send({
      from: deps.from,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  } catch (error) {
    const attempts = mail.attempts + 1;
    const final = attempts >= MAX_ATTEMPTS;
    const next = new Date(deps.clock.now().getTime() + backoffMs(attempts)).toISOString();
    await deps.outbox.markRetry(
      id,
      attempts,
      next,
      error instanceof Error ? error.message : String(error),
      final,
    );
    logger.error(final ? "mail failed for good" : "mail failed, will retry", error, { mailId: id, attempts });
    return final ? "failed" : "retry";
  }
  // SES has the mail now: recording that must not count as a failed send, or it would be sent
  // again. If recording keeps failing, the lease still holds the mail back for a minute.
  await withRetries(() => deps.outbox.markSent(id, messageId, deps.clock.now().toISOString()));
  logger.info("mail sent", { mailId: id, topic: mail.topic, submissionId: mail.submissionId, messageId });
  return "sent";
}

async function withRetries(write: () => Promise<void>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

/** Sends every mail that is due; used by the schedule and by the local stack's poller. */
export async function dispatchDue(deps: OutboxDeps, limit = 50): Promise<Record<DispatchResult, number>> {
  const counts: Record<DispatchResult, number> = { sent: 0, retry: 0, failed: 0, skipped: 0 };
  const due = await deps.outbox.dueMails(deps.clock.now().toISOString(), limit);
  for (const mail of due) counts[await dispatchMail(deps, mail.id)]++;
  return counts;
}
