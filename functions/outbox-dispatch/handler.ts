import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { createDocumentClient } from "#shared/adapters/dynamodb/client";
import { DynamoLedgerStore } from "#shared/adapters/dynamodb/submission-store";
import { createSesClient, SesMailer } from "#shared/adapters/ses/mailer";
import { clockFromEnv } from "#shared/clock";
import { loadConfig } from "#shared/config";
import { logger } from "#shared/logger";
import { dispatchDue, dispatchMail } from "#shared/mail/outbox";

const config = loadConfig();
const deps = {
  outbox: new DynamoLedgerStore(createDocumentClient(), config.TABLE_NAME),
  mailer: new SesMailer(createSesClient(), config.SES_CONFIGURATION_SET),
  clock: clockFromEnv(),
  from: config.MAIL_FROM,
};

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
  if (!isStream(event)) return dispatchDue(deps);
  const batchItemFailures: DynamoDBBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    const pk = record.dynamodb?.Keys?.PK?.S;
    if (record.eventName !== "INSERT" || !pk?.startsWith("OUTBOX#")) continue;
    try {
      await dispatchMail(deps, pk.slice("OUTBOX#".length));
    } catch (error) {
      logger.error("outbox record failed", error, { pk });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? "" });
    }
  }
  return { batchItemFailures };
};
