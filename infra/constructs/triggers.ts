import { Duration, Stack } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { EventType, type IBucket } from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { BUCKET_PREFIXES } from "../../shared/submissions/object-keys.ts";
import { failureDestinationQueue } from "./dead-letter-queue.ts";
import { type Functions, MAIL_INTAKE, OUTBOX_DISPATCH, UPLOAD_CHECK } from "./functions.ts";
import { acknowledge } from "./nag.ts";

export interface TriggersProps {
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly functions: Functions;
}

/**
 * The data events that invoke functions: new uploads (S3) and new outbox items (DynamoDB stream).
 * The resources are added to `scope` (the stack), not under this construct, so they keep the
 * logical IDs they were deployed with.
 */
export class Triggers extends Construct {
  /** The stream's on-failure destination. */
  readonly deadLetterQueues: readonly Queue[];

  constructor(scope: Construct, id: string, props: TriggersProps) {
    super(scope, id);
    const { table, bucket, functions } = props;

    // --- Upload check: S3 ObjectCreated under originals/ -----------------------------------
    bucket.addEventNotification(
      EventType.OBJECT_CREATED,
      new LambdaDestination(functions.get(UPLOAD_CHECK)),
      {
        prefix: BUCKET_PREFIXES.originals,
      },
    );
    // --- Mail intake: S3 ObjectCreated under intake/ (raw messages from the SES receipt rule) --
    // Its own prefix, so the upload check never sees a message and the intake never sees an upload.
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(functions.get(MAIL_INTAKE)), {
      prefix: BUCKET_PREFIXES.intake,
    });
    // The S3 notification custom resource CDK creates for the referenced originals bucket.
    const notifications = Stack.of(this).node.tryFindChild(
      "BucketNotificationsHandler050a0587b7544547bf325f094a3db834",
    );
    if (notifications) {
      acknowledge(
        notifications,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "CDK's BucketNotificationsHandler custom resource (run by CloudFormation at deploy time only) uses the " +
          "basic execution managed policy; its own s3:PutBucketNotification grant is scoped to the originals bucket.",
      );
    }

    // --- Outbox: stream inserts of OUTBOX# items (the 5-minute retry sweep is in schedules.ts) --
    const outbox = functions.get(OUTBOX_DISPATCH);
    const streamDlq = failureDestinationQueue(scope, "OutboxStreamDlq");
    outbox.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        retryAttempts: 3,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(streamDlq),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual("INSERT"),
            dynamodb: { Keys: { PK: { S: FilterRule.beginsWith("OUTBOX#") } } },
          }),
        ],
      }),
    );
    if (outbox.role) {
      acknowledge(
        outbox.role,
        "AwsSolutions-IAM5[Resource::*]",
        'dynamodb:ListStreams has no resource-level permissions, so AWS requires Resource "*" ' +
          "(added by the DynamoDB event source); the other stream actions are on this table's stream ARN only.",
      );
    }
    this.deadLetterQueues = [streamDlq];
  }
}
