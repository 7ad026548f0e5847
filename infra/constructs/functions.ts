import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { StageConfig } from "../config.ts";
import type { FunctionDef } from "../routes.ts";
import { pascal } from "./construct-id.ts";
import { deadLetterQueue } from "./dead-letter-queue.ts";
import { formFontsHooks, printsForms } from "./form-fonts.ts";
import { grantNeeds } from "./grant-needs.ts";
import { INFRA_FUNCTIONS } from "./infra-functions.ts";
import type { Mail } from "./mail.ts";
import { acknowledge } from "./nag.ts";
import { PROJECT_ROOT, StatsbidragFunction } from "./statsbidrag-function.ts";
import {
  readsTrustList,
  TRUST_ANCHORS_PARAMETER_ENV,
  trustAnchorsParameter,
  trustAnchorsParameterName,
  trustAnchorsSource,
} from "./trust-anchors.ts";

/** What a function's bundle carries besides its code: the form's fonts. */
function commandHooksFor(def: FunctionDef) {
  return printsForms(def) ? { commandHooks: formFontsHooks() } : {};
}

/**
 * Functions that something other than a route invokes: S3, GuardDuty's scan results, the outbox
 * stream and sweep, SNS, the schedules.
 */
export const UPLOAD_CHECK = "upload-check";
export const UPLOAD_SWEEP = "upload-sweep";
export const SCAN_RESULT = "scan-result";
export const OUTBOX_DISPATCH = "outbox-dispatch";
export const MAIL_INTAKE = "mail-intake";
export const MAIL_EVENTS = "mail-events";
export const DAILY = "daily";

export interface FunctionsProps {
  readonly config: StageConfig;
  /** The route table's functions; INFRA_FUNCTIONS are added after them. */
  readonly defs: readonly FunctionDef[];
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly mail: Mail;
  /** The pages, where links in mails point unless config.webBaseUrl says otherwise. */
  readonly webUrl: string;
  /** Overrides a function's handler path; for tests that add functions not yet written. */
  readonly entryFor?: (name: string) => string | undefined;
}

/**
 * One StatsbidragFunction per FunctionDef, all with the same environment, each granted exactly
 * what its `needs` says. The resources are added to `scope` (the stack), not under this
 * construct, so they keep the logical IDs they were deployed with.
 */
export class Functions extends Construct {
  readonly byName: ReadonlyMap<string, StatsbidragFunction>;
  /** The DLQs of the asynchronously invoked functions. */
  readonly deadLetterQueues: readonly Queue[];

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { config, table, bucket, mail } = props;
    const defs = [...props.defs, ...INFRA_FUNCTIONS];
    const names = new Set(defs.map((d) => d.name));
    if (names.size !== defs.length) throw new Error("Functions: function names must be unique");
    // Triggers (triggers.ts, schedules.ts, malware-scanning.ts) need these: fail here, with a
    // clear message. Without the sweep a lost upload event would never settle; without
    // scan-result a scanning stage would never accept a file.
    const required = [UPLOAD_CHECK, UPLOAD_SWEEP, OUTBOX_DISPATCH, MAIL_INTAKE];
    if (config.malwareScanning === "guardduty") required.push(SCAN_RESULT);
    for (const name of required) {
      if (!names.has(name)) throw new Error(`Functions: function "${name}" is required`);
    }

    const environment: Record<string, string> = {
      STATSBIDRAG_STAGE: config.stage,
      TABLE_NAME: table.tableName,
      BUCKET_NAME: bucket.bucketName,
      MAIL_FROM: config.senderAddress,
      UPLOAD_MAX_BYTES: String(config.uploadMaxBytes),
      UPLOAD_TTL_SECONDS: String(config.uploadTtlSeconds),
      MALWARE_SCAN: config.malwareScanning,
      // Accepted files are locked per object when written (there is no bucket default retention).
      RECORD_RETENTION_DAYS: String(config.originalsRetentionDays),
      SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
      WEB_BASE_URL: config.webBaseUrl ?? props.webUrl,
    };
    // The trust list for digital signatures goes into an SSM parameter, not into the environment
    // (4 KB in all): checked here, so a wrong path fails synth, not a cold start.
    const trustList = config.trustAnchorsFile
      ? trustAnchorsParameter(
          scope,
          config.stage,
          trustAnchorsSource(config.trustAnchorsFile, config.stage, PROJECT_ROOT).text,
        )
      : undefined;
    // Invoked asynchronously (S3, SNS, EventBridge): without a DLQ a failed event would be dropped
    // silently. EventBridge's own DLQ (malware-scanning.ts) only holds events it could not hand
    // to Lambda; a verdict the function fails on after Lambda's retries lands here.
    const asyncDlqs = new Map<string, Queue>();
    for (const [name, queueId] of [
      [UPLOAD_CHECK, "UploadCheckDlq"],
      [MAIL_INTAKE, "MailIntakeDlq"],
      [SCAN_RESULT, "ScanResultDlq"],
      [MAIL_EVENTS, "MailEventsDlq"],
    ] as const) {
      if (names.has(name)) asyncDlqs.set(name, deadLetterQueue(scope, queueId));
    }
    this.deadLetterQueues = [...asyncDlqs.values()];

    const byName = new Map<string, StatsbidragFunction>();
    for (const def of defs) {
      const entry = props.entryFor?.(def.name);
      const deadLetterQueue = asyncDlqs.get(def.name);
      const withTrustList = trustList && readsTrustList(def);
      const fn = new StatsbidragFunction(scope, pascal(def.name), {
        def,
        stage: config.stage,
        environment: withTrustList
          ? { ...environment, [TRUST_ANCHORS_PARAMETER_ENV]: trustAnchorsParameterName(config.stage) }
          : environment,
        ...commandHooksFor(def),
        logRetention: config.logRetentionDays as RetentionDays,
        ...(entry ? { entry } : {}),
        ...(deadLetterQueue ? { deadLetterQueue } : {}),
      });
      grantNeeds(fn, {
        table,
        bucket,
        mailIdentityArn: mail.senderIdentity.emailIdentityArn,
        mailConfigurationSetArn: mail.configurationSetArn,
        ...(trustList ? { trustList } : {}),
      });
      acknowledge(
        fn,
        "AwsSolutions-L1",
        "Pinned to nodejs22.x on purpose: the project, its tests and the local stack run on Node 22 " +
          "(package.json); moving to a newer runtime is a deliberate upgrade, not a drift.",
      );
      byName.set(def.name, fn);
    }
    this.byName = byName;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): StatsbidragFunction {
    const found = this.byName.get(name);
    if (!found) throw new Error(`Functions: no function "${name}"`);
    return found;
  }
}
