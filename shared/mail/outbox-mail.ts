import { randomUUID } from "node:crypto";

/** A mail waiting in the outbox; it is written in the same transaction as the change it reports. */
export interface OutboxMail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** What the mail is about, for logs and the officer digest. */
  topic: string;
  submissionId?: string;
}

export function outboxMail(
  to: string[],
  rendered: { subject: string; text: string; html: string },
  topic: string,
  submissionId?: string,
): OutboxMail {
  return { id: randomUUID(), to, ...rendered, topic, ...(submissionId ? { submissionId } : {}) };
}
