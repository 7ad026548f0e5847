import { Duration } from "aws-cdk-lib";
import { type LifecycleRule, StorageClass } from "aws-cdk-lib/aws-s3";
import { BUCKET_PREFIXES } from "../shared/submissions/object-keys.ts";
import type { StageConfig } from "./config.ts";

/**
 * How long the originals bucket keeps what is not a record, current and noncurrent versions alike
 * (the bucket is versioned, so a deleted object stays as a noncurrent version until a rule ends it).
 */
export const EXPIRY_DAYS = {
  /** Upload slots: settled uploads are removed by the check; what is left is unfinished or lost. */
  originals: 30,
  /** Checked bytes waiting for the malware verdict; removed when it settles the upload. */
  inspected: 7,
  /** Refused and replayed uploads, kept for an operator to look at. */
  quarantine: 90,
  /** Copies of waiting mailed scans behind an officer's 5-minute link: a day is plenty. */
  intakePreview: 1,
} as const;

/**
 * The originals bucket's lifecycle, one rule per prefix of BUCKET_PREFIXES. Records (accepted
 * files) never expire by rule, not even as noncurrent versions: each is locked for
 * originalsRetentionDays when written and deleted, if ever, by a person. They move to Standard-IA.
 */
export function originalsLifecycleRules(config: StageConfig): LifecycleRule[] {
  const expire = (id: string, prefix: string, days: number): LifecycleRule => ({
    id,
    prefix,
    expiration: Duration.days(days),
    noncurrentVersionExpiration: Duration.days(days),
  });
  const toInfrequentAccess = Duration.days(config.transitionToInfrequentAccessDays);
  return [
    expire("ExpireUploadSlots", BUCKET_PREFIXES.originals, EXPIRY_DAYS.originals),
    expire("ExpireInspectedCopies", BUCKET_PREFIXES.inspected, EXPIRY_DAYS.inspected),
    expire("ExpireQuarantine", BUCKET_PREFIXES.quarantine, EXPIRY_DAYS.quarantine),
    expire("ExpireIntakePreviews", BUCKET_PREFIXES.intakePreview, EXPIRY_DAYS.intakePreview),
    {
      id: "RecordsToInfrequentAccess",
      prefix: BUCKET_PREFIXES.records,
      transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: toInfrequentAccess }],
      noncurrentVersionTransitions: [
        { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: toInfrequentAccess },
      ],
    },
    // Presigned POST uploads are single requests; this only clears an interrupted multipart upload.
    { id: "AbortIncompleteMultipartUploads", abortIncompleteMultipartUploadAfter: Duration.days(7) },
  ];
}
