import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SNSEvent } from "aws-lambda";
import { z } from "zod";
import { createDocumentClient } from "#shared/adapters/dynamodb/client";
import { keys } from "#shared/adapters/dynamodb/keys";
import { loadConfig } from "#shared/config";
import { logger } from "#shared/logger";

const config = loadConfig();
const db = createDocumentClient();

/**
 * The parts of an SES event-publishing record (configuration set → SNS) that decide
 * suppression. Identity notifications use `notificationType` instead of `eventType`; both are
 * accepted so a misrouted identity notification still counts.
 */
const recipient = z.object({ emailAddress: z.string().min(3) });
const sesEvent = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z
    .object({ timestamp: z.string().optional(), destination: z.array(z.string()).optional() })
    .optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(recipient),
      timestamp: z.string().optional(),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(recipient),
      complaintFeedbackType: z.string().optional(),
      timestamp: z.string().optional(),
    })
    .optional(),
});
type SesEvent = z.infer<typeof sesEvent>;

export interface Suppression {
  readonly address: string;
  readonly reason: string;
  readonly at: string;
}

/** `"Name" <a@b.se>` or `a@b.se` → `a@b.se`, lowercased (the table key is case-insensitive). */
function normalise(address: string): string {
  const inBrackets = /<([^>]+)>/.exec(address)?.[1];
  return (inBrackets ?? address).trim().toLowerCase();
}

/**
 * Which addresses one SES event suppresses. A transient bounce (mailbox full, greylisting) is
 * not suppressed: SES already retried, and the next mail may well arrive. Only the recipients
 * SES names are suppressed, never every address in mail.destination.
 */
export function suppressionsOf(event: SesEvent, now: Date): Suppression[] {
  const type = event.eventType ?? event.notificationType;
  const fallbackAt = event.mail?.timestamp ?? now.toISOString();
  if (type === "Bounce" && event.bounce) {
    const { bounce } = event;
    if (bounce.bounceType === "Transient") return [];
    const reason = ["bounce", bounce.bounceType, bounce.bounceSubType].filter(Boolean).join(":");
    const at = bounce.timestamp ?? fallbackAt;
    return bounce.bouncedRecipients.map((r) => ({ address: normalise(r.emailAddress), reason, at }));
  }
  if (type === "Complaint" && event.complaint) {
    const { complaint } = event;
    const reason = ["complaint", complaint.complaintFeedbackType].filter(Boolean).join(":");
    const at = complaint.timestamp ?? fallbackAt;
    return complaint.complainedRecipients.map((r) => ({ address: normalise(r.emailAddress), reason, at }));
  }
  return [];
}

function parse(message: string): SesEvent | undefined {
  try {
    const parsed = sesEvent.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SNS → SES bounce and complaint events. Each affected address gets a SUPPRESSION item that
 * the outbox checks before sending. A malformed message is logged and skipped (retrying cannot
 * fix it); a DynamoDB failure throws, so Lambda retries and then the DLQ keeps the event.
 */
export const handler = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    const ses = parse(record.Sns.Message);
    if (!ses) {
      logger.warn("mail event skipped: not an SES event", { messageId: record.Sns.MessageId });
      continue;
    }
    const suppressions = suppressionsOf(ses, new Date());
    for (const s of suppressions) {
      // Put, not conditional: a repeat bounce refreshes reason and time; the key is idempotent.
      await db.send(
        new PutCommand({
          TableName: config.TABLE_NAME,
          Item: { ...keys.suppression(s.address), reason: s.reason, at: s.at },
        }),
      );
    }
    if (suppressions.length > 0) {
      // The address is personal data: log how many and why, not who.
      logger.info("addresses suppressed", { count: suppressions.length, reason: suppressions[0]?.reason });
    }
  }
};
