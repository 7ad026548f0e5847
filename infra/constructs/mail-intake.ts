import { Aws, CfnOutput } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import {
  type IReceiptRuleAction,
  type ReceiptRuleActionConfig,
  ReceiptRuleSet,
  TlsPolicy,
} from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";
import { BUCKET_PREFIXES } from "../../shared/submissions/object-keys.ts";

export interface MailIntakeProps {
  readonly stage: string;
  /** The addresses whose mail the agency receives (stage config intakeAddresses). */
  readonly addresses: readonly string[];
  /** The originals bucket: the raw messages go under intake/, whose notification runs mail-intake. */
  readonly bucket: Bucket;
}

/** The names are chosen here, not by CloudFormation, so the bucket policy can name the rule before it exists. */
export const intakeRuleSetName = (stage: string) => `statsbidrag-${stage}-intake`;
export const INTAKE_RULE_NAME = "intake-to-bucket";

/**
 * SES's S3 action, with the bucket policy statement narrowed to this one rule: CDK's own
 * aws-ses-actions S3 conditions it on the account alone, which would let any receipt rule of the
 * account write under intake/, and so reach the mail intake.
 */
class IntakeBucketAction implements IReceiptRuleAction {
  constructor(
    private readonly bucket: Bucket,
    private readonly ruleArn: string,
  ) {}

  bind(rule: Construct): ReceiptRuleActionConfig {
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: "SesWritesIntakeMessages",
        actions: ["s3:PutObject"],
        principals: [new ServicePrincipal("ses.amazonaws.com")],
        resources: [this.bucket.arnForObjects(`${BUCKET_PREFIXES.intake}*`)],
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID, "aws:SourceArn": this.ruleArn } },
      }),
    );
    // SES checks that it may write when the rule is created: the policy must come first.
    const policy = this.bucket.policy;
    if (policy) rule.node.addDependency(policy);
    return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: BUCKET_PREFIXES.intake } };
  }
}

/**
 * The receiving side of the intake address: a receipt rule set with one rule for the stage's
 * intake addresses that stores each message, as SES received it, under intake/ in the originals
 * bucket (the bucket's notification hands it to mail-intake, infra/constructs/triggers.ts). SES
 * scans it for spam and viruses (the X-SES-*-Verdict fields the intake reads) and takes mail only
 * over TLS. CloudFormation cannot make a rule set the active one, and SES receives only for a
 * verified domain whose MX points at it: README "Signed originals by e-mail" has those steps.
 */
export class MailIntake extends Construct {
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: MailIntakeProps) {
    super(scope, id);
    const ruleSetName = intakeRuleSetName(props.stage);
    const ruleArn = `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:receipt-rule-set/${ruleSetName}:receipt-rule/${INTAKE_RULE_NAME}`;
    this.ruleSet = new ReceiptRuleSet(this, "RuleSet", { receiptRuleSetName: ruleSetName });
    this.ruleSet.addRule("IntakeToBucket", {
      receiptRuleName: INTAKE_RULE_NAME,
      recipients: [...props.addresses],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [new IntakeBucketAction(props.bucket, ruleArn)],
    });
    new CfnOutput(scope, "IntakeRuleSetName", {
      value: ruleSetName,
      description: `Activate once: aws ses set-active-receipt-rule-set --rule-set-name ${ruleSetName}`,
    });
  }
}
