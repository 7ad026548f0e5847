import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { outboxIdOf } from "#shared/adapters/dynamodb/keys";
import { outboxDeps } from "#shared/composition-root";
import { logger } from "#shared/logger";
import { dispatchDue, dispatchMail } from "#shared/mail/outbox";
import { countMails } from "../commons/metrics.ts";

const deps = outboxDeps();

const isStream = (event: DynamoDBStreamEvent | ScheduledEvent): event is DynamoDBStreamEvent =>
  "Records" in event;

/**
 * Two triggers, one job. The table's stream delivers each new outbox item at once; a schedule
 * sweeps for mail whose earlier attempt failed and is due again. Stream records that throw are
 * reported back so only they are retried.
 */
export const handler = async (
  event: DynamoDBStreamEvent | ScheduledEvent,
): Promise<DynamoDBBatchResponse | Record<string, number>> => {
  if (!isStream(event)) {
    const counts = await dispatchDue(deps);
    countMails(counts);
    return counts;
  }
  const batchItemFailures: DynamoDBBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    const mailId = outboxIdOf(record.dynamodb?.Keys?.PK?.S);
    if (record.eventName !== "INSERT" || !mailId) continue;
    try {
      countMails({ [await dispatchMail(deps, mailId)]: 1 });
    } catch (error) {
      logger.error("outbox record failed", error, { mailId });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? "" });
    }
  }
  return { batchItemFailures };
};
