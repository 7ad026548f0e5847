import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, TimeZone } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
} from "aws-cdk-lib/aws-cognito";
import { type ITable, Table } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Bucket, EventType, type IBucket } from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription, LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { pageFile } from "../web/src/pages.ts";
import type { StageConfig } from "./config.ts";
import { INFRA_FUNCTIONS } from "./constructs/infra-functions.ts";
import { acknowledge, iam5ResourceFinding } from "./constructs/nag.ts";
import { StatsbidragFunction } from "./constructs/statsbidrag-function.ts";
import { WebHosting } from "./constructs/web-hosting.ts";
import { apiPathPatterns, FUNCTIONS, type FunctionDef, ROUTES, type RouteDef } from "./routes.ts";
import { BUCKET_PREFIXES, bucketName, TABLE, tableName } from "./table-definition.ts";

/** What the schedules send, so handlers can tell a scheduled run from a stream batch. */
export const SCHEDULE_INPUT = {
  outboxRetry: { source: "statsbidrag.schedule", action: "dispatch-due-mail" },
  daily: { source: "statsbidrag.schedule", action: "daily" },
} as const;

export const DAILY_CRON = "cron(15 6 * * ? *)";
export const DAILY_TIME_ZONE = "Europe/Stockholm";

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  /**
   * The stateful table's stream, the one value taken across stacks. Table and bucket are
   * otherwise referenced by their deterministic names (table-definition.ts), which keeps
   * CloudFormation exports to a minimum and the IAM policies readable.
   */
  readonly tableStreamArn: string;
  /** Defaults to FUNCTIONS from infra/routes.ts; tests pass other lists (e.g. with "daily"). */
  readonly functions?: readonly FunctionDef[];
  /** Defaults to ROUTES from infra/routes.ts. */
  readonly routes?: readonly RouteDef[];
  /** Overrides a function's handler path; for tests that add functions not yet written. */
  readonly entryFor?: (name: string) => string | undefined;
}

/** Where each API-less trigger comes from; the stack refuses to synth without these functions. */
const UPLOAD_CHECK = "upload-check";
const OUTBOX_DISPATCH = "outbox-dispatch";
const MAIL_EVENTS = "mail-events";
const DAILY = "daily";

/**
 * Everything that can be recreated from code: API, auth, functions, triggers, mail and alarms.
 * Functions and routes are generated from infra/routes.ts, so a new entry there appears here.
 */
export class StatelessStack extends Stack {
  readonly functions: ReadonlyMap<string, StatsbidragFunction>;
  readonly api: HttpApi;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** The web pages (S3 + CloudFront) in front of the API. */
  readonly web: WebHosting;
  /** Every SQS dead-letter queue, each with an alarm. */
  readonly deadLetterQueues: readonly Queue[];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const table = Table.fromTableAttributes(this, "TableRef", {
      tableName: tableName(config.stage),
      tableStreamArn: props.tableStreamArn,
      globalIndexes: TABLE.indexes.map((i) => i.indexName),
    });
    // The bucket belongs to the stateful stack. Notifying a function of this stack through that
    // bucket object would make the stateful stack depend on this one (a cycle); a reference by
    // name puts the notification custom resource here instead.
    const bucket = Bucket.fromBucketName(this, "OriginalsRef", bucketName(config.stage, Aws.ACCOUNT_ID));
    const defs = [...(props.functions ?? FUNCTIONS), ...INFRA_FUNCTIONS];
    const routes = props.routes ?? ROUTES;
    const names = new Set(defs.map((d) => d.name));
    if (names.size !== defs.length) throw new Error("StatelessStack: function names must be unique");
    for (const route of routes) {
      if (!names.has(route.function)) {
        throw new Error(
          `StatelessStack: route ${route.method} ${route.path} names unknown function "${route.function}"`,
        );
      }
    }
    for (const required of [UPLOAD_CHECK, OUTBOX_DISPATCH]) {
      if (!names.has(required)) throw new Error(`StatelessStack: function "${required}" is required`);
    }

    const deadLetterQueues: Queue[] = [];
    const dlq = (queueId: string): Queue => {
      const queue = new Queue(this, queueId, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // The longest SQS allows, so operators have two weeks to inspect and redrive.
        retentionPeriod: Duration.days(14),
      });
      deadLetterQueues.push(queue);
      return queue;
    };

    const logRetention = config.logRetentionDays as RetentionDays;

    // --- HTTP API (routes are added once the authorizer exists) ---------------------------
    this.api = new HttpApi(this, "Api", {
      apiName: `statsbidrag-${config.stage}`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [config.webOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ["authorization", "content-type", "idempotency-key"],
        maxAge: Duration.hours(1),
      },
    });
    const apiAccessLogs = new LogGroup(this, "ApiAccessLogs", {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, "DefaultStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiAccessLogs),
        // No e-mail or IP-derived identity beyond the source IP; sub identifies the user.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            requestTime: "$context.requestTime",
            routeKey: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            responseLength: "$context.responseLength",
            sourceIp: "$context.identity.sourceIp",
            sub: "$context.authorizer.claims.sub",
            integrationError: "$context.integrationErrorMessage",
          }),
        ),
      },
    });
    // --- Web pages: S3 + CloudFront, the API on the same origin ------------------------------
    const authDomainPrefix = config.authDomainPrefix ?? `statsbidrag-${config.stage}`;
    // Known before the domain exists, so the pages' CSP can name it.
    const authority = `https://${authDomainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;
    this.web = new WebHosting(this, "Web", {
      api: this.api,
      apiPathPatterns: apiPathPatterns(routes),
      connectOrigins: [`https://${bucket.bucketRegionalDomainName}`, authority],
      logRetentionDays: config.logRetentionDays,
      ...(config.webCertificateArn
        ? { domain: { name: new URL(config.webOrigin).host, certificateArn: config.webCertificateArn } }
        : {}),
    });

    // --- Mail: sender identity, configuration set, bounce/complaint events -----------------
    const configurationSet = new ConfigurationSet(this, "MailConfigurationSet", {
      configurationSetName: `statsbidrag-${config.stage}`,
      reputationMetrics: true,
    });
    const senderIdentity = new EmailIdentity(this, "SenderIdentity", {
      identity: Identity.email(config.senderAddress),
      // Default set: events are published even for a send that forgets to name the set.
      configurationSet,
    });
    const mailEventsTopic = new Topic(this, "MailEventsTopic", { enforceSSL: true });
    configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: EventDestination.snsTopic(mailEventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    const configurationSetArn = this.formatArn({
      service: "ses",
      resource: "configuration-set",
      resourceName: configurationSet.configurationSetName,
    });

    // --- Functions -------------------------------------------------------------------------
    const environment: Record<string, string> = {
      STATSBIDRAG_STAGE: config.stage,
      TABLE_NAME: table.tableName,
      BUCKET_NAME: bucket.bucketName,
      MAIL_FROM: config.senderAddress,
      UPLOAD_MAX_BYTES: String(config.uploadMaxBytes),
      UPLOAD_TTL_SECONDS: String(config.uploadTtlSeconds),
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      WEB_BASE_URL: config.webBaseUrl ?? this.web.url,
    };
    // Invoked asynchronously (S3, SNS): without a DLQ a failed event would be dropped silently.
    const asyncDlqs = new Map<string, Queue>([
      [UPLOAD_CHECK, dlq("UploadCheckDlq")],
      [MAIL_EVENTS, dlq("MailEventsDlq")],
    ]);

    const functions = new Map<string, StatsbidragFunction>();
    for (const def of defs) {
      const entry = props.entryFor?.(def.name);
      const deadLetterQueue = asyncDlqs.get(def.name);
      const fn = new StatsbidragFunction(this, pascal(def.name), {
        def,
        stage: config.stage,
        environment,
        logRetention,
        ...(entry ? { entry } : {}),
        ...(deadLetterQueue ? { deadLetterQueue } : {}),
      });
      grantNeeds(fn, table, bucket, senderIdentity.emailIdentityArn, configurationSetArn);
      acknowledge(
        fn,
        "AwsSolutions-L1",
        "Pinned to nodejs22.x on purpose: the project, its tests and the local stack run on Node 22 " +
          "(package.json); moving to a newer runtime is a deliberate upgrade, not a drift.",
      );
      functions.set(def.name, fn);
    }
    this.functions = functions;
    const fn = (name: string): StatsbidragFunction => {
      const found = functions.get(name);
      if (!found) throw new Error(`StatelessStack: no function "${name}"`);
      return found;
    };

    mailEventsTopic.addSubscription(new LambdaSubscription(fn(MAIL_EVENTS)));

    // --- Upload check: S3 ObjectCreated under originals/ -----------------------------------
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn(UPLOAD_CHECK)), {
      prefix: BUCKET_PREFIXES.originals,
    });

    // --- Outbox: stream inserts of OUTBOX# items, plus a 5-minute sweep for retries -----------
    const outbox = fn(OUTBOX_DISPATCH);
    outbox.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        retryAttempts: 3,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(dlq("OutboxStreamDlq")),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual("INSERT"),
            dynamodb: { Keys: { PK: { S: FilterRule.beginsWith("OUTBOX#") } } },
          }),
        ],
      }),
    );
    new Schedule(this, "OutboxRetrySchedule", {
      description: "Retries outbox mail whose earlier attempt failed",
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: new LambdaInvoke(outbox, {
        input: ScheduleTargetInput.fromObject(SCHEDULE_INPUT.outboxRetry),
        retryAttempts: 2,
        // A sweep older than the next sweep is pointless.
        maxEventAge: Duration.minutes(5),
        deadLetterQueue: dlq("OutboxScheduleDlq"),
      }),
    });

    // --- Daily job, only once a "daily" function exists in the route table ------------------
    if (names.has(DAILY)) {
      new Schedule(this, "DailySchedule", {
        description: "Daily reminders and deadline checks, 06:15 Swedish time",
        schedule: ScheduleExpression.expression(DAILY_CRON, TimeZone.of(DAILY_TIME_ZONE)),
        target: new LambdaInvoke(fn(DAILY), {
          input: ScheduleTargetInput.fromObject(SCHEDULE_INPUT.daily),
          retryAttempts: 3,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: dlq("DailyScheduleDlq"),
        }),
      });
    }
    this.deadLetterQueues = deadLetterQueues;

    // --- Cognito ---------------------------------------------------------------------------
    this.userPool = new UserPool(this, "Users", {
      userPoolName: `statsbidrag-${config.stage}`,
      // Administrators create every account (see README): a municipality must not pick its own.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { kommunkod: new StringAttribute({ minLen: 4, maxLen: 4, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      // Users and their kommunkod are not in code; losing the pool means re-inviting everyone.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      "AwsSolutions-COG2",
      "MFA (TOTP) is offered, not forced: Cognito cannot require it per group, and municipality staff " +
        "sign in rarely (twice a year per grant); revisit when the web client has an MFA enrolment flow.",
    );
    acknowledge(
      this.userPool,
      "AwsSolutions-COG8",
      "Essentials tier: accounts are created by administrators only (no self sign-up), MFA is " +
        "available; Plus-tier threat protection is billed per MAU and is a product decision, not a default.",
    );
    const signInPage = `${this.web.url}/${pageFile("sign-in")}`;
    this.userPoolClient = this.userPool.addClient("WebClient", {
      userPoolClientName: "web",
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes("kommunkod"),
      // An unspecified write list lets a user write every attribute, including
      // custom:kommunkod, which decides whose data they see. Only the name is theirs to change.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      // The pages sign in through the hosted UI: authorization code with PKCE (no client
      // secret, no implicit grant), back to the sign-in page, which is also where sign-out ends.
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [signInPage],
        logoutUrls: [signInPage],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Sessions expire: the pages keep the ID token only and sign out when it does.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      enableTokenRevocation: true,
    });
    const signInDomain = this.userPool.addDomain("SignInDomain", {
      cognitoDomain: { domainPrefix: authDomainPrefix },
    });
    // The pages' run-time settings; nothing secret (a public client has no secret).
    this.web.deploy({
      apiBase: "",
      auth: { authority: signInDomain.baseUrl(), clientId: this.userPoolClient.userPoolClientId },
    });
    new UserPoolGroup(this, "OfficerGroup", {
      userPool: this.userPool,
      groupName: "officer",
      description: "Agency officers: may read and decide on every municipality's submissions",
    });

    const authorizer = new HttpUserPoolAuthorizer("CognitoAuthorizer", this.userPool, {
      userPoolClients: [this.userPoolClient],
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascal(route.function)}Integration`, fn(route.function));
        integrations.set(route.function, integration);
      }
      const isPublic = route.access === "public";
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        // "officer" routes use the same authorizer; the handler checks the cognito:groups claim.
        authorizer: isPublic ? new HttpNoneAuthorizer() : authorizer,
      });
      if (isPublic && httpRoute) {
        acknowledge(
          httpRoute,
          "AwsSolutions-APIG4",
          `${route.method} ${route.path} is public in infra/routes.ts by design (liveness check, returns no data).`,
        );
      }
    }

    // --- Alarms ----------------------------------------------------------------------------
    const alarmTopic = new Topic(this, "AlarmTopic", {
      displayName: `statsbidrag ${config.stage} alarms`,
      enforceSSL: true,
    });
    if (config.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    const alarmAction = new SnsAction(alarmTopic);
    const alarmOn = (alarmId: string, metric: IMetric, threshold: number, description: string): Alarm => {
      const alarm = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(alarmAction);
      return alarm;
    };
    const fiveMinutes = Duration.minutes(5);
    for (const [name, f] of functions) {
      alarmOn(
        `${pascal(name)}Errors`,
        f.metricErrors({ period: fiveMinutes, statistic: "Sum" }),
        0,
        `${name} threw`,
      );
      alarmOn(
        `${pascal(name)}Throttles`,
        f.metricThrottles({ period: fiveMinutes, statistic: "Sum" }),
        0,
        `${name} was throttled`,
      );
    }
    for (const queue of deadLetterQueues) {
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
      this.api.metricServerError({ period: fiveMinutes, statistic: "Average" }),
      0.05,
      "More than 5% of API requests failed with 5xx",
    );

    this.acknowledgeCdkInternals();

    new CfnOutput(this, "ApiUrl", { value: this.api.apiEndpoint });
    new CfnOutput(this, "WebUrl", { value: this.web.url });
    new CfnOutput(this, "SignInDomain", { value: signInDomain.baseUrl() });
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, "AlarmTopicArn", { value: alarmTopic.topicArn });
    new CfnOutput(this, "MailConfigurationSetName", { value: configurationSet.configurationSetName });
  }
  /** Suppressions for what CDK itself creates, where we do not choose the policy. */
  private acknowledgeCdkInternals(): void {
    const outbox = this.functions.get(OUTBOX_DISPATCH);
    if (outbox?.role) {
      acknowledge(
        outbox.role,
        "AwsSolutions-IAM5[Resource::*]",
        'dynamodb:ListStreams has no resource-level permissions, so AWS requires Resource "*" ' +
          "(added by the DynamoDB event source); the other stream actions are on this table's stream ARN only.",
      );
    }
    for (const child of this.node.findAll()) {
      // aws-scheduler-targets: one role per target, allowed lambda:InvokeFunction on <fn> and <fn>:*.
      if (/^SchedulerRoleForTarget-/.test(child.node.id)) {
        for (const fn of this.functions.values()) {
          acknowledge(
            child,
            iam5ResourceFinding(this, `${fn.functionArn}:*`),
            "Created by aws-scheduler-targets: lambda:InvokeFunction on the target function's qualified ARNs (versions/aliases) only.",
          );
        }
      }
    }
    for (const queueId of ["OutboxStreamDlq", "OutboxScheduleDlq", "DailyScheduleDlq"]) {
      const queue = this.node.tryFindChild(queueId);
      if (queue) {
        acknowledge(
          queue,
          "AwsSolutions-SQS3",
          "This queue is itself a dead-letter queue (on-failure destination of a stream event source or a " +
            "scheduler target), which cdk-nag only recognises for SQS redrive policies and Lambda DLQs.",
        );
      }
    }
    // The S3 notification custom resource CDK creates for the referenced originals bucket.
    const notifications = this.node.tryFindChild(
      "BucketNotificationsHandler050a0587b7544547bf325f094a3db834",
    );
    if (notifications) {
      acknowledge(
        notifications,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "CDK's BucketNotificationsHandler custom resource (run by CloudFormation at deploy time only) uses the " +
          "basic execution managed policy; its own s3:PutBucketNotification grant is scoped to the originals bucket.",
      );
    }
  }
}

/** Exactly the access FunctionDef.needs asks for, nothing by default. */
function grantNeeds(
  fn: StatsbidragFunction,
  table: ITable,
  bucket: IBucket,
  identityArn: string,
  configurationSetArn: string,
): void {
  const { needs } = fn.def;
  const role = fn.role;
  if (!role) throw new Error(`StatelessStack: ${fn.def.name} has no role`);
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
  const quarantineObjects = bucket.arnForObjects(`${BUCKET_PREFIXES.quarantine}*`);
  const recordObjects = bucket.arnForObjects(`${BUCKET_PREFIXES.records}*`);
  const objectKeysReason =
    "Object keys are generated per upload at run time, so the grant is on the key prefix the function owns.";
  // Explicit actions instead of bucket.grantPut/grantRead/grantDelete: those add wildcard
  // actions (s3:Abort*, s3:GetObject*, s3:DeleteObject* incl. DeleteObjectVersion) and
  // s3:PutObjectRetention, none of which a function here needs.
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
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [
          "s3:GetObject",
          "s3:GetObjectVersion",
          // GuardDuty Malware Protection reports its verdict as object tags.
          "s3:GetObjectTagging",
          "s3:GetObjectVersionTagging",
          "s3:PutObject",
          "s3:PutObjectTagging",
          // Adds a delete marker only: the locked version stays, as Object Lock intends.
          "s3:DeleteObject",
        ],
        resources: [originalsObjects],
      }),
    );
    // Bad files are copied here before the original key is deleted.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["s3:PutObject", "s3:PutObjectTagging"],
        resources: [quarantineObjects],
      }),
    );
    // Accepted scans are copied to records/, which no presigned upload can reach.
    fn.addToRolePolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: [recordObjects] }));
    acknowledge(role, iam5ResourceFinding(fn, originalsObjects), objectKeysReason);
    acknowledge(role, iam5ResourceFinding(fn, quarantineObjects), objectKeysReason);
    acknowledge(role, iam5ResourceFinding(fn, recordObjects), objectKeysReason);
  }
  if (needs.mail) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [identityArn, configurationSetArn],
      }),
    );
  }
}

/** "upload-check" → "UploadCheck", for construct ids. */
function pascal(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
