import type { ScanVerdict } from "./model.ts";
import type { ObjectScanResult } from "./scan-verdict.ts";

/** The parts of GuardDuty's "Malware Protection Object Scan Result" event that decide a verdict. */
export interface GuardDutyScanEvent {
  source?: string;
  "detail-type"?: string;
  detail?: {
    scanStatus?: string;
    s3ObjectDetails?: { bucketName?: string; objectKey?: string; eTag?: string; versionId?: string };
    scanResultDetails?: { scanResultStatus?: string };
  };
}

export const SCAN_RESULT_DETAIL_TYPE = "GuardDuty Malware Protection Object Scan Result";

const RESULTS: readonly ScanVerdict["result"][] = [
  "NO_THREATS_FOUND",
  "THREATS_FOUND",
  "UNSUPPORTED",
  "ACCESS_DENIED",
  "FAILED",
];

/**
 * The verdict for one object of our bucket, or undefined for an event that is not one. A scan
 * that did not complete counts as FAILED: only a completed NO_THREATS_FOUND ever accepts a file.
 */
export function scanResultOf(event: GuardDutyScanEvent, bucket: string): ObjectScanResult | undefined {
  if (event.source !== "aws.guardduty" || event["detail-type"] !== SCAN_RESULT_DETAIL_TYPE) return undefined;
  const object = event.detail?.s3ObjectDetails;
  if (object?.bucketName !== bucket || !object.objectKey || !object.eTag) return undefined;
  const stated = event.detail?.scanResultDetails?.scanResultStatus as ScanVerdict["result"] | undefined;
  const completed = event.detail?.scanStatus === "COMPLETED";
  const result = completed && stated && RESULTS.includes(stated) ? stated : "FAILED";
  return {
    key: object.objectKey,
    // S3 events and GuardDuty give the ETag without quotes; HEAD gives it quoted. Compare bare.
    etag: object.eTag.replaceAll('"', ""),
    ...(object.versionId ? { versionId: object.versionId } : {}),
    result,
  };
}
