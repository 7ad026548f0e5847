import { Duration } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { METRIC, METRIC_NAMESPACE, type MetricName, SERVICE_NAME } from "../../shared/metric-names.ts";
import type { StageConfig } from "../config.ts";
import { pascal } from "./construct-id.ts";
import { DAILY, OUTBOX_DISPATCH } from "./functions.ts";

/** A business metric the functions emit (functions/commons/metrics.ts), as CloudWatch stores it. */
function businessMetric(metricName: MetricName, period: Duration, statistic: string): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName,
    // Powertools adds the service dimension to every metric it emits.
    dimensionsMap: { service: SERVICE_NAME },
    period,
    statistic,
  });
}

export interface MonitoringProps {
  readonly config: StageConfig;
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly deadLetterQueues: readonly Queue[];
  readonly api: IHttpApi;
}

/**
 * Alarms to one operator topic: each function's errors and throttles, each dead-letter queue
 * that holds a message, the API's 5xx rate, a mail that failed its last attempt, and money that
 * does not reconcile. The resources are added to `scope` (the stack), not under this construct,
 * so they keep the logical IDs they were deployed with.
 */
export class Monitoring extends Construct {
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config } = props;
    this.alarmTopic = new Topic(scope, "AlarmTopic", {
      displayName: `statsbidrag ${config.stage} alarms`,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    const alarmAction = new SnsAction(this.alarmTopic);
    const alarmOn = (
      alarmId: string,
      metric: IMetric,
      threshold: number,
      description: string,
      comparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
    ): Alarm => {
      const alarm = new Alarm(scope, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(alarmAction);
      return alarm;
    };

    const fiveMinutes = Duration.minutes(5);
    for (const [name, fn] of props.functions) {
      alarmOn(
        `${pascal(name)}Errors`,
        fn.metricErrors({ period: fiveMinutes, statistic: "Sum" }),
        0,
        `${name} threw`,
      );
      alarmOn(
        `${pascal(name)}Throttles`,
        fn.metricThrottles({ period: fiveMinutes, statistic: "Sum" }),
        0,
        `${name} was throttled`,
      );
    }
    for (const queue of props.deadLetterQueues) {
      const queueId = queue.node.id;
      alarmOn(
        `${queueId}NotEmpty`,
        queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: "Maximum" }),
        0,
        `${queueId} holds failed events: inspect and redrive`,
      );
    }
    // HTTP APIs publish 5xx as 0/1 per request, so the average is the 5xx rate.
    alarmOn(
      "Api5xxRate",
      props.api.metricServerError({ period: fiveMinutes, statistic: "Average" }),
      0.05,
      "More than 5% of API requests failed with 5xx",
    );
    // The daily job reports drift once a day and logs the ledgers as an error; no run, no data,
    // which the job's own errors and its schedule's DLQ already alarm on.
    if (props.functions.has(DAILY)) {
      alarmOn(
        "ReconciliationDrift",
        businessMetric(METRIC.reconciliationDrift, Duration.days(1), "Maximum"),
        1,
        "Money does not reconcile: the daily function's error log lists the broken invariants (drift)",
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      );
    }
    // Ten attempts over about three hours, then the outbox gives up: the mail (a receipt, a
    // decision, a reminder) reaches nobody unless someone acts. Not an error of the function,
    // so its Errors alarm stays silent; this one does not.
    if (props.functions.has(OUTBOX_DISPATCH)) {
      alarmOn(
        "MailFailed",
        businessMetric(METRIC.mailFailed, fiveMinutes, "Sum"),
        1,
        "A mail failed its last attempt: outbox-dispatch logs `mail failed for good` with its mailId",
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      );
    }
  }
}
