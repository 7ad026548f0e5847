import type { SNSEvent } from "aws-lambda";
import { suppressionList } from "#shared/composition-root";
import { logger } from "#shared/logger";
import { parseSesEvent, suppressionsOf } from "#shared/mail/suppressions";

const suppressions = suppressionList();

/**
 * SNS → SES bounce and complaint events. Each affected address gets a SUPPRESSION item that
 * the outbox checks before sending. A malformed message is logged and skipped (retrying cannot
 * fix it); a DynamoDB failure throws, so Lambda retries and then the DLQ keeps the event.
 */
export const handler = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    const ses = parseSesEvent(record.Sns.Message);
    if (!ses) {
      logger.warn("mail event skipped: not an SES event", { messageId: record.Sns.MessageId });
      continue;
    }
    const found = suppressionsOf(ses, new Date());
    for (const s of found) await suppressions.suppress(s);
    if (found.length > 0) {
      // The address is personal data: log how many and why, not who.
      logger.info("addresses suppressed", { count: found.length, reason: found[0]?.reason });
    }
  }
};
