import { Duration, Stack, TimeZone } from "aws-cdk-lib";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { failureDestinationQueue } from "./dead-letter-queue.ts";
import { DAILY, type Functions, OUTBOX_DISPATCH, UPLOAD_SWEEP } from "./functions.ts";
import { acknowledge, iam5ResourceFinding } from "./nag.ts";
import type { StatsbidragFunction } from "./statsbidrag-function.ts";

/** What the schedules send, so handlers can tell a scheduled run from a stream batch. */
export const SCHEDULE_INPUT = {
  outboxRetry: { source: "statsbidrag.schedule", action: "dispatch-due-mail" },
  uploadSweep: { source: "statsbidrag.schedule", action: "sweep-uploads" },
  daily: { source: "statsbidrag.schedule", action: "daily" },
} as const;

export const DAILY_CRON = "cron(15 6 * * ? *)";
/** How often unsettled uploads are checked again (upload-sweep leaves anything younger than 10 minutes). */
export const UPLOAD_SWEEP_RATE = Duration.minutes(15);
export const DAILY_TIME_ZONE = "Europe/Stockholm";

export interface SchedulesProps {
  readonly functions: Functions;
}

/**
 * EventBridge Scheduler: the outbox retry sweep, the upload sweep and the daily job, each with
 * retries and a DLQ.
 * The resources are added to `scope` (the stack), not under this construct, so they keep the
 * logical IDs they were deployed with.
 */
export class Schedules extends Construct {
  /** The scheduler targets' dead-letter queues. */
  readonly deadLetterQueues: readonly Queue[];

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { functions } = props;
    const deadLetterQueues: Queue[] = [];
    const targets: StatsbidragFunction[] = [];

    // --- Outbox: a 5-minute sweep for retries (new items arrive through the stream, triggers.ts)
    const outbox = functions.get(OUTBOX_DISPATCH);
    const outboxDlq = failureDestinationQueue(scope, "OutboxScheduleDlq");
    new Schedule(scope, "OutboxRetrySchedule", {
      description: "Retries outbox mail whose earlier attempt failed",
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: new LambdaInvoke(outbox, {
        input: ScheduleTargetInput.fromObject(SCHEDULE_INPUT.outboxRetry),
        retryAttempts: 2,
        // A sweep older than the next sweep is pointless.
        maxEventAge: Duration.minutes(5),
        deadLetterQueue: outboxDlq,
      }),
    });
    deadLetterQueues.push(outboxDlq);
    targets.push(outbox);

    // --- Uploads: the backstop for ObjectCreated events lost before or after their retries ------
    const sweep = functions.get(UPLOAD_SWEEP);
    const sweepDlq = failureDestinationQueue(scope, "UploadSweepScheduleDlq");
    new Schedule(scope, "UploadSweepSchedule", {
      description: "Checks uploads that no upload check settled",
      schedule: ScheduleExpression.rate(UPLOAD_SWEEP_RATE),
      target: new LambdaInvoke(sweep, {
        input: ScheduleTargetInput.fromObject(SCHEDULE_INPUT.uploadSweep),
        retryAttempts: 2,
        // The next sweep covers the same uploads.
        maxEventAge: UPLOAD_SWEEP_RATE,
        deadLetterQueue: sweepDlq,
      }),
    });
    deadLetterQueues.push(sweepDlq);
    targets.push(sweep);

    // --- Daily job, if the function list has "daily" (tests also synthesise lists without it) ---
    if (functions.has(DAILY)) {
      const daily = functions.get(DAILY);
      const dailyDlq = failureDestinationQueue(scope, "DailyScheduleDlq");
      new Schedule(scope, "DailySchedule", {
        description: "Daily reminders and deadline checks, 06:15 Swedish time",
        schedule: ScheduleExpression.expression(DAILY_CRON, TimeZone.of(DAILY_TIME_ZONE)),
        target: new LambdaInvoke(daily, {
          input: ScheduleTargetInput.fromObject(SCHEDULE_INPUT.daily),
          retryAttempts: 3,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: dailyDlq,
        }),
      });
      deadLetterQueues.push(dailyDlq);
      targets.push(daily);
    }
    this.deadLetterQueues = deadLetterQueues;

    // aws-scheduler-targets: one role per target, in the stack, allowed lambda:InvokeFunction on <fn> and <fn>:*.
    const stack = Stack.of(this);
    for (const role of stack.node.children.filter((c) => /^SchedulerRoleForTarget-/.test(c.node.id))) {
      for (const target of targets) {
        acknowledge(
          role,
          iam5ResourceFinding(stack, `${target.functionArn}:*`),
          "Created by aws-scheduler-targets: lambda:InvokeFunction on the target function's qualified ARNs (versions/aliases) only.",
        );
      }
    }
  }
}
