import type { OutboxMail } from "./outbox-mail.ts";

/** Ports of the mail use cases; adapters/ses and adapters/dynamodb implement them. */
export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<string>;
}

export interface StoredMail extends OutboxMail {
  attempts: number;
  status: "pending" | "sent" | "failed";
}

export interface OutboxStore {
  dueMails(nowIso: string, limit: number): Promise<StoredMail[]>;
  getMail(id: string): Promise<StoredMail | undefined>;
  /** Takes a lease so two consumers never send the same mail at once; false when someone else has it. */
  claim(id: string, nowIso: string, leaseUntilIso: string): Promise<boolean>;
  markSent(id: string, messageId: string, nowIso: string): Promise<void>;
  markRetry(
    id: string,
    attempts: number,
    nextAttemptAtIso: string,
    error: string,
    final: boolean,
  ): Promise<void>;
}

/** An address SES reported as a hard bounce or a complaint: no more mail goes to it. */
export interface Suppression {
  readonly address: string;
  readonly reason: string;
  readonly at: string;
}

export interface SuppressionList {
  /** Which of these addresses (lower-cased) are suppressed. */
  suppressed(addresses: string[]): Promise<Set<string>>;
  /** Idempotent: a repeated bounce refreshes reason and time. */
  suppress(suppression: Suppression): Promise<void>;
}
