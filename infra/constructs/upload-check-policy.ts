import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { BUCKET_PREFIXES } from "../../shared/submissions/object-keys.ts";

/**
 * The bucket rights of the upload check, its sweep and the malware verdict (needs.bucket
 * "check"), one statement per prefix, each action for a call that shared/adapters/s3/file-storage.ts
 * makes:
 *
 * - originals/ (upload slots): HEAD and GET of the exact version the event names (GetObject,
 *   GetObjectVersion), which is also what CopyObject of that version to quarantine/ reads; and the
 *   slot's version removed once settled (DeleteObjectVersion, DeleteObject where no version is known).
 * - the bucket: ListObjectsV2 of originals/ only (the sweep).
 * - inspected/: the checked bytes written, read back when the verdict comes, then removed.
 * - records/: accepted bytes written once, with their Object Lock retention (PutObjectRetention);
 *   HEAD (GetObject) because a retried settlement finds the record its first delivery wrote. No
 *   delete: a record is never removed by the application.
 * - quarantine/: the copy of a refused or replayed upload.
 *
 * No tagging rights: GuardDuty's verdict arrives as an event, and its plan does not tag objects
 * (malware-scanning.ts), so copies carry no tags that CopyObject would need the right to copy.
 */
export function uploadCheckStatements(bucket: IBucket): PolicyStatement[] {
  const objects = (prefix: string) => bucket.arnForObjects(`${prefix}*`);
  return [
    new PolicyStatement({
      actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:DeleteObjectVersion"],
      resources: [objects(BUCKET_PREFIXES.originals)],
    }),
    // Unconditional: without s3:ListBucket S3 answers a HEAD of a missing key with 403, not 404,
    // and a repeated event for a settled (removed) upload must read as "gone". Keys name
    // programme, municipality and ids, never a person.
    new PolicyStatement({ actions: ["s3:ListBucket"], resources: [bucket.bucketArn] }),
    new PolicyStatement({
      actions: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
      resources: [objects(BUCKET_PREFIXES.inspected)],
    }),
    new PolicyStatement({
      actions: ["s3:PutObject", "s3:PutObjectRetention", "s3:GetObject"],
      resources: [objects(BUCKET_PREFIXES.records)],
    }),
    new PolicyStatement({ actions: ["s3:PutObject"], resources: [objects(BUCKET_PREFIXES.quarantine)] }),
  ];
}
