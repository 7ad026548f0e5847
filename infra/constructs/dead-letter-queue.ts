import { Duration } from "aws-cdk-lib";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { acknowledge } from "./nag.ts";

/** Where failed events wait for an operator; every one has a not-empty alarm (monitoring.ts). */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // The longest SQS allows, so operators have two weeks to inspect and redrive.
    retentionPeriod: Duration.days(14),
  });
}

/**
 * A dead-letter queue that a stream event source, a scheduler target or an EventBridge rule target
 * names as its failure destination.
 */
export function failureDestinationQueue(scope: Construct, id: string): Queue {
  const queue = deadLetterQueue(scope, id);
  acknowledge(
    queue,
    "AwsSolutions-SQS3",
    "This queue is itself a dead-letter queue (on-failure destination of a stream event source, a " +
      "scheduler target or an EventBridge rule target), which cdk-nag only recognises for SQS redrive " +
      "policies and Lambda DLQs.",
  );
  return queue;
}
