import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { IStringParameter } from "aws-cdk-lib/aws-ssm";
import { BUCKET_PREFIXES } from "../../shared/submissions/object-keys.ts";
import { acknowledge, iam5ResourceFinding } from "./nag.ts";
import type { StatsbidragFunction } from "./statsbidrag-function.ts";
import { uploadCheckStatements } from "./upload-check-policy.ts";

/** What a function may be granted: the stateful stack's table and bucket, and the SES sender. */
export interface GrantTargets {
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly mailIdentityArn: string;
  readonly mailConfigurationSetArn: string;
  /** The trust list's SSM parameter, when the stage names a trust list. */
  readonly trustList?: IStringParameter;
}

/** Exactly the access FunctionDef.needs asks for, nothing by default. */
export function grantNeeds(fn: StatsbidragFunction, targets: GrantTargets): void {
  const { table, bucket } = targets;
  const { needs } = fn.def;
  const role = fn.role;
  if (!role) throw new Error(`grantNeeds: ${fn.def.name} has no role`);
  if (needs.table === "read") table.grantReadData(fn);
  if (needs.table === "readWrite") table.grantReadWriteData(fn);
  if (needs.table) {
    acknowledge(
      role,
      iam5ResourceFinding(fn, `${table.tableArn}/index/*`),
      "Queries use this table's own GSIs (GSI1, GSI2); index/* covers exactly those and no other table.",
    );
  }

  const originalsObjects = bucket.arnForObjects(`${BUCKET_PREFIXES.originals}*`);
  const recordObjects = bucket.arnForObjects(`${BUCKET_PREFIXES.records}*`);
  const objectKeysReason =
    "Object keys are generated per upload at run time, so the grant is on the key prefix the function owns.";
  // Explicit actions instead of bucket.grantPut/grantRead/grantDelete: those add wildcard
  // actions (s3:Abort*, s3:GetObject*, s3:DeleteObject*) that no function here needs.
  if (needs.bucket === "presign") {
    // A presigned POST/PUT carries the signer's permissions: upload to originals/ only.
    fn.addToRolePolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: [originalsObjects] }));
    acknowledge(role, iam5ResourceFinding(fn, originalsObjects), objectKeysReason);
  }
  if (needs.bucket === "download") {
    // A presigned GET carries the signer's permissions: officers' links may read accepted originals only.
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ["s3:GetObject"], resources: [originalsObjects, recordObjects] }),
    );
    acknowledge(role, iam5ResourceFinding(fn, originalsObjects), objectKeysReason);
    acknowledge(role, iam5ResourceFinding(fn, recordObjects), objectKeysReason);
  }
  if (needs.bucket === "check") {
    for (const statement of uploadCheckStatements(bucket)) {
      fn.addToRolePolicy(statement);
      for (const resource of statement.resources) {
        if (resource.endsWith("*")) acknowledge(role, iam5ResourceFinding(fn, resource), objectKeysReason);
      }
    }
  }
  if (needs.bucket === "intake" || needs.bucket === "intake-list") {
    // Reads the raw messages; writes a mailed scan to its upload slot (the check takes it from there).
    const intakeObjects = bucket.arnForObjects(`${BUCKET_PREFIXES.intake}*`);
    fn.addToRolePolicy(new PolicyStatement({ actions: ["s3:GetObject"], resources: [intakeObjects] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: [originalsObjects] }));
    acknowledge(role, iam5ResourceFinding(fn, intakeObjects), objectKeysReason);
    acknowledge(role, iam5ResourceFinding(fn, originalsObjects), objectKeysReason);
  }
  if (needs.bucket === "intake-list") {
    // The officer's link to a waiting scan: written there, and a presigned GET carries the signer's rights.
    const previewObjects = bucket.arnForObjects(`${BUCKET_PREFIXES.intakePreview}*`);
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ["s3:GetObject", "s3:PutObject"], resources: [previewObjects] }),
    );
    acknowledge(role, iam5ResourceFinding(fn, previewObjects), objectKeysReason);
  }
  if (needs.trustList && targets.trustList) {
    // Read only, this one parameter: not grantRead, which adds DescribeParameters and history.
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ["ssm:GetParameter"], resources: [targets.trustList.parameterArn] }),
    );
  }
  if (needs.mail) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [targets.mailIdentityArn, targets.mailConfigurationSetArn],
      }),
    );
  }
}
