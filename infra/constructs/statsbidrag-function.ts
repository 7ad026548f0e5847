import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, LoggingFormat, Runtime } from "aws-cdk-lib/aws-lambda";
import { type ICommandHooks, NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { SERVICE_NAME } from "../../shared/metric-names.ts";
import { type FunctionDef, functionEntry } from "../routes.ts";
import { NODEJS_BUNDLING } from "./bundling.ts";

/** The repository root, so synth bundles the same files whatever the working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface StatsbidragFunctionProps {
  readonly def: FunctionDef;
  readonly stage: string;
  /** The typed runtime config (shared/config.ts), identical for every function. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  /** Path to the handler; defaults to functions/<name>/handler.ts. Tests point new names elsewhere. */
  readonly entry?: string;
  /** For asynchronously invoked functions (S3, SNS): where events go after Lambda's retries. */
  readonly deadLetterQueue?: IQueue;
  /** Commands run around bundling, e.g. copying the trust list into the bundle (trust-anchors.ts). */
  readonly commandHooks?: ICommandHooks;
}

/**
 * The props every function shares, written once: Node 22 on arm64, bundled SDK, source maps, a
 * log group with retention, and an own role that may only write to that log group (no managed
 * AWSLambdaBasicExecutionRole, which allows writing to every log group). Grants are added by the
 * stack from FunctionDef.needs.
 */
export class StatsbidragFunction extends NodejsFunction {
  readonly def: FunctionDef;
  readonly functionLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: StatsbidragFunctionProps) {
    const functionName = `statsbidrag-${props.stage}-${props.def.name}`;
    // Created beside the function (not inside it) because super() must run before `this` exists.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention,
      // Logs are diagnostics, not records; the records live in the table and the bucket.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${functionName}`,
    });
    super(scope, id, {
      functionName,
      entry: props.entry ?? join(PROJECT_ROOT, functionEntry(props.def.name)),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, "package-lock.json"),
      handler: "handler",
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.def.memoryMb,
      timeout: Duration.seconds(props.def.timeoutSeconds),
      environment: {
        ...props.environment,
        NODE_OPTIONS: "--enable-source-maps",
        // The same name the code gives Powertools, for anything that reads it from the environment.
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      },
      bundling: props.commandHooks
        ? { ...NODEJS_BUNDLING, commandHooks: props.commandHooks }
        : NODEJS_BUNDLING,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      role,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
    });
    logGroup.grantWrite(role);
    this.def = props.def;
    this.functionLogGroup = logGroup;
  }
}
