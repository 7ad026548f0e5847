import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { METRIC, METRIC_NAMESPACE, type MetricName, SERVICE_NAME } from "#shared/metric-names";
import type { DispatchResult } from "../../shared/mail/outbox.ts";
import type { CheckOutcome } from "../../shared/submissions/upload-check.ts";

/**
 * Business metrics are counted here, at the entry points, from what the use cases return or
 * throw; the domain does not know about them. The service dimension is SERVICE_NAME, as in the logs.
 */
const metrics = new Metrics({
  namespace: METRIC_NAMESPACE,
  serviceName: SERVICE_NAME,
});

/**
 * Writes one EMF line at once (a single metric): nothing to flush at the end of the handler, and
 * a count made before a later failure is not lost with it.
 */
export function countMetric(name: MetricName, value = 1, dimensions: Record<string, string> = {}): void {
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  single.addMetric(name, MetricUnit.Count, value);
}

/** What each upload outcome counts as; "ignored" (not an upload) and "recorded" (a verdict kept for later) are not outcomes. */
const UPLOAD_METRICS: Partial<Record<CheckOutcome | "recorded", MetricName>> = {
  accepted: METRIC.uploadAccepted,
  refused: METRIC.uploadRefused,
  quarantined: METRIC.uploadQuarantined,
  scanning: METRIC.uploadScanning,
};

/** "retry" is counted when it turns into "failed"; "skipped" is another consumer's mail. */
const MAIL_METRICS: Partial<Record<DispatchResult, MetricName>> = {
  sent: METRIC.mailSent,
  failed: METRIC.mailFailed,
};

function countOutcomes<O extends string>(
  metricOf: Partial<Record<O, MetricName>>,
  counts: Partial<Record<O, number>>,
): void {
  for (const [outcome, count] of Object.entries(counts) as [O, number | undefined][]) {
    const name = metricOf[outcome];
    if (name && count) countMetric(name, count);
  }
}

export const countUploads = (counts: Partial<Record<CheckOutcome | "recorded", number>>) =>
  countOutcomes(UPLOAD_METRICS, counts);

export const countMails = (counts: Partial<Record<DispatchResult, number>>) =>
  countOutcomes(MAIL_METRICS, counts);
