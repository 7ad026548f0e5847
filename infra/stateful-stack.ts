import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from "aws-cdk-lib/aws-dynamodb";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { BUCKET_PREFIXES } from "../shared/submissions/object-keys.ts";
import type { StageConfig } from "./config.ts";
import { MailIntake } from "./constructs/mail-intake.ts";
import { acknowledge } from "./constructs/nag.ts";
import { originalsLifecycleRules } from "./originals-lifecycle.ts";
import { bucketName, TABLE, tableName } from "./table-definition.ts";

/**
 * Where the pages are. With a custom domain that is webOrigin. Without one they are on the
 * distribution's *.cloudfront.net name, which the stateless stack creates after this one and so
 * cannot be named here. The wildcard is then what lets uploads work on the first deploy; it grants
 * nothing by itself, because every request still needs a presigned URL that only a signed-in user
 * of this API gets. Stages that matter set webCertificateArn.
 */
export function pageOrigins(config: StageConfig): string[] {
  return config.webCertificateArn ? [config.webOrigin] : [config.webOrigin, "https://*.cloudfront.net"];
}

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * What must outlive any deployment: the table and the signed originals. Kept apart from the
 * stateless stack so that stack can be destroyed and recreated freely; everything here is
 * RETAIN.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  /** The outbox stream, the only value the stateless stack imports. */
  readonly tableStreamArn: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new Table(this, "Table", {
      tableName: tableName(config.stage),
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      // The outbox: outbox-dispatch reads inserted OUTBOX# items from the stream.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!this.table.tableStreamArn) throw new Error("StatefulStack: the table must have a stream");
    this.tableStreamArn = this.table.tableStreamArn;
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // Server access logs may only go to an SSE-S3 bucket; they are the audit trail of who read
    // or wrote an original.
    const accessLogs = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: "ExpireAccessLogs", expiration: Duration.days(731) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      accessLogs,
      "AwsSolutions-S1",
      "This is the server access log destination; logging it into itself would loop.",
    );

    this.bucket = new Bucket(this, "Originals", {
      // Account token, not a lookup: synth stays offline and environment-agnostic.
      bucketName: bucketName(config.stage, Aws.ACCOUNT_ID),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // SSE-S3, not KMS: signed originals are records under Object Lock, and a KMS key that is
      // disabled or scheduled for deletion would make locked records unreadable; SSE-S3 also
      // needs no key grants for presigned browser uploads or GuardDuty malware scanning and
      // costs nothing per request. Access is controlled by IAM and audited by access logs.
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      // Object Lock without a default retention: the upload check locks each record when it
      // writes it (GOVERNANCE, originalsRetentionDays), so that upload slots, inspected copies and
      // quarantined files are not kept for years but expire by the lifecycle rules below.
      // GOVERNANCE: nobody deletes a record by accident, yet an administrator with
      // s3:BypassGovernanceRetention can still correct a mistake (COMPLIANCE could not).
      objectLockEnabled: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: "originals-bucket/",
      lifecycleRules: originalsLifecycleRules(config),
      // Browsers upload with presigned POST and may fetch with presigned GET, from the pages only.
      cors: [
        {
          allowedOrigins: pageOrigins(config),
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedHeaders: ["*"],
          exposedHeaders: ["ETag"],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Stated explicitly, without a Rule: CloudFormation then puts an Object Lock configuration
    // without default retention, which removes the one earlier deploys set. CDK would leave the
    // property out, and what CloudFormation does about a removed property is not stated.
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket;
    cfnBucket.objectLockConfiguration = { objectLockEnabled: "Enabled" };

    // Mail to the intake addresses lands under intake/ of this bucket, whose policy must allow SES.
    if (config.intakeAddresses) {
      new MailIntake(this, "MailIntake", {
        stage: config.stage,
        addresses: config.intakeAddresses,
        bucket: this.bucket,
      });
    }

    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "OriginalsBucketName", { value: this.bucket.bucketName });
    new CfnOutput(this, "OriginalsPrefix", { value: BUCKET_PREFIXES.originals });
  }
}
