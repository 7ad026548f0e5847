import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aws } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { CachePolicy, OriginRequestPolicy } from "aws-cdk-lib/aws-cloudfront";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltApp, buildApp } from "../../../infra/app.ts";
import type { StageConfig } from "../../../infra/config.ts";
import { ROUTE_THROTTLES } from "../../../infra/constructs/api.ts";
import { pascal } from "../../../infra/constructs/construct-id.ts";
import { INFRA_FUNCTIONS } from "../../../infra/constructs/infra-functions.ts";
import { DAILY_CRON, DAILY_TIME_ZONE } from "../../../infra/constructs/schedules.ts";
import { PROJECT_ROOT } from "../../../infra/constructs/statsbidrag-function.ts";
import { WEB_ACL_RULES } from "../../../infra/constructs/web-acl.ts";
import { EDGE_REGION } from "../../../infra/edge-stack.ts";
import { EXPIRY_DAYS } from "../../../infra/originals-lifecycle.ts";
import {
  apiPathPatterns,
  FUNCTIONS,
  type FunctionDef,
  functionEntry,
  ROUTES,
  routeKey,
} from "../../../infra/routes.ts";
import { pageOrigins } from "../../../infra/stateful-stack.ts";
import { bucketName } from "../../../infra/table-definition.ts";
import { SCAN_RESULT_DETAIL_TYPE } from "../../../shared/submissions/guardduty-event.ts";
import { contentSecurityPolicy, SECURITY_HEADERS } from "../../../web/headers.ts";

/**
 * Synthesises the real app (all three stacks, cdk-nag as a validation plugin, NodejsFunction bundling
 * with the local esbuild) once, and asserts on the templates. Bundling dominates the time.
 */
const SYNTH_TIMEOUT_MS = 300_000;
const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdk.json"), "utf8")) as {
  context: Record<string, unknown>;
};

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
}

/** https://<the distribution's domain>, as CloudFormation writes it. */
const DISTRIBUTION_URL = {
  "Fn::Join": [
    "",
    ["https://", { "Fn::GetAtt": [Match.stringLikeRegexp("^WebDistribution"), "DomainName"] }],
  ],
} as const;

/** cdk.json's context with the default stage's entry changed (or, with undefined, a key removed). */
function contextWithStage(changes: Record<string, unknown>): Record<string, unknown> {
  const stage = String(cdkJson.context.stage);
  const stages = cdkJson.context.stages as Record<string, Record<string, unknown>>;
  const entry: Record<string, unknown> = { ...stages[stage], ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete entry[key];
  return { ...cdkJson.context, stages: { ...stages, [stage]: entry } };
}

const outdirs: string[] = [];
function synth(
  options: { functions?: readonly FunctionDef[]; bundle?: boolean; stage?: Record<string, unknown> } = {},
): {
  built: BuiltApp;
  stateful: Template;
  stateless: Template;
  edge: Template;
  ms: number;
} {
  const outdir = mkdtempSync(join(tmpdir(), "statsbidrag-cdk-"));
  outdirs.push(outdir);
  const started = performance.now();
  // A "daily" handler may not exist yet; the health handler stands in for it.
  const dailyEntry = join(PROJECT_ROOT, functionEntry("daily"));
  const context = options.stage ? contextWithStage(options.stage) : cdkJson.context;
  const built = buildApp({
    // Variants skip bundling (CDK's own switch, as `cdk synth --exclusively` uses): the first
    // synth already bundled every handler, and the variants only differ in wiring.
    context: options.bundle === false ? { ...context, "aws:cdk:bundling-stacks": [] } : context,
    outdir,
    ...(options.functions ? { functions: options.functions } : {}),
    entryFor: (name) =>
      name === "daily" && !existsSync(dailyEntry) ? join(PROJECT_ROOT, functionEntry("health")) : undefined,
  });
  // Throws "Validation failed" if cdk-nag reports any finding that is not acknowledged.
  built.app.synth();
  return {
    built,
    stateful: Template.fromStack(built.stateful),
    stateless: Template.fromStack(built.stateless),
    edge: Template.fromStack(built.edge),
    ms: performance.now() - started,
  };
}

function resources(template: Template): Resources {
  return (template.toJSON() as { Resources: Resources }).Resources;
}

/** Every Allow statement of every identity and resource policy in a template. */
function allowStatements(template: Template): { id: string; statement: Statement }[] {
  const out: { id: string; statement: Statement }[] = [];
  for (const [id, resource] of Object.entries(resources(template))) {
    const props = resource.Properties ?? {};
    const docs: unknown[] = [];
    // Identity policies, and resource policies of buckets, queues and topics.
    if ("PolicyDocument" in props) docs.push(props.PolicyDocument);
    if (resource.Type === "AWS::IAM::Role") {
      for (const p of (props.Policies as { PolicyDocument: unknown }[] | undefined) ?? [])
        docs.push(p.PolicyDocument);
    }
    for (const doc of docs) {
      for (const statement of (doc as { Statement: Statement[] }).Statement) {
        if (statement.Effect === "Allow") out.push({ id, statement });
      }
    }
  }
  return out;
}

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The statements of a function's own role policy (StatsbidragFunction: <Pascal>RoleDefaultPolicy…). */
function functionStatements(template: Template, name: string): Statement[] {
  return Object.entries(template.findResources("AWS::IAM::Policy"))
    .filter(([id]) => id.startsWith(`${pascal(name)}RoleDefaultPolicy`))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/**
 * What an S3 ARN of the originals bucket names: the key pattern after the bucket ("records/*"),
 * or "bucket" for the bucket itself. The bucket is referenced by name, so its ARN is a Fn::Join
 * whose last part is either "/<pattern>" or the account id.
 */
function s3Target(resource: unknown): string {
  const parts = (resource as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"]?.[1] ?? [];
  const last = parts[parts.length - 1];
  return typeof last === "string" && last.startsWith("/") ? last.slice(1) : "bucket";
}

/** Every S3 action a list of statements allows, by the key pattern it applies to, sorted. */
function s3ActionsByTarget(statements: readonly Statement[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const statement of statements) {
    const actions = list(statement.Action).filter((a) => a.startsWith("s3:"));
    if (statement.Effect !== "Allow" || actions.length === 0) continue;
    for (const resource of list(statement.Resource)) {
      const target = s3Target(resource);
      out[target] = [...new Set([...(out[target] ?? []), ...actions])].sort();
    }
  }
  return out;
}

describe("CDK app (stage from cdk.json)", () => {
  let app: ReturnType<typeof synth>;
  let config: StageConfig;
  const allFunctions = [...FUNCTIONS, ...INFRA_FUNCTIONS];

  beforeAll(() => {
    // STATSBIDRAG_SKIP_BUNDLING=1 for a quick local loop; bundling is then covered only by
    // bundle-report.test.ts (same esbuild settings).
    app = synth({ bundle: process.env.STATSBIDRAG_SKIP_BUNDLING !== "1" });
    config = app.built.config;
    console.info(`synth of the stacks (${allFunctions.length} functions): ${Math.round(app.ms)} ms`);
  }, SYNTH_TIMEOUT_MS);

  describe("cdk-nag AwsSolutions", () => {
    it("reports no unacknowledged finding (errors or warnings)", () => {
      // Prepare
      const pack = new AwsSolutionsChecks(undefined, { verbose: true });
      // Act
      const report = pack.validateScope(app.built.app);
      // Assess
      const findings = report.violations.map(
        (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(", ")}`,
      );
      expect(findings).toEqual([]);
    });

    it("has no error annotations in any stack", () => {
      // Prepare
      const assembly = app.built.app.synth();
      // Act
      const errors = assembly.stacks.flatMap((s) =>
        s.messages.filter((m) => m.level === "error").map((m) => `${m.id}: ${String(m.entry.data)}`),
      );
      // Assess
      expect(errors).toEqual([]);
    });
  });

  describe("stateful stack", () => {
    it("blocks public access on every bucket", () => {
      app.stateful.allResourcesProperties("AWS::S3::Bucket", {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      });
    });

    it("denies non-TLS access on every bucket", () => {
      const buckets = Object.keys(app.stateful.findResources("AWS::S3::Bucket"));
      for (const bucket of buckets) {
        app.stateful.hasResourceProperties("AWS::S3::BucketPolicy", {
          Bucket: { Ref: bucket },
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: "Deny",
                Action: "s3:*",
                Principal: { AWS: "*" },
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              }),
            ]),
          },
        });
      }
    });

    it("keeps originals versioned, under Object Lock without a default retention, encrypted, logged and retained", () => {
      app.stateful.hasResource("AWS::S3::Bucket", {
        DeletionPolicy: "Retain",
        Properties: Match.objectLike({
          VersioningConfiguration: { Status: "Enabled" },
          ObjectLockEnabled: true,
          // Records are locked per object when written (RECORD_RETENTION_DAYS); a bucket default
          // would also lock upload slots, inspected copies and quarantined files for years.
          ObjectLockConfiguration: Match.exact({ ObjectLockEnabled: "Enabled" }),
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
            ],
          },
          LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
          LifecycleConfiguration: {
            Rules: Match.arrayWith([
              Match.objectLike({
                Status: "Enabled",
                Prefix: "records/",
                Transitions: [
                  { StorageClass: "STANDARD_IA", TransitionInDays: config.transitionToInfrequentAccessDays },
                ],
              }),
            ]),
          },
          CorsConfiguration: {
            CorsRules: [
              Match.objectLike({ AllowedOrigins: pageOrigins(config), AllowedMethods: ["POST", "GET"] }),
            ],
          },
        }),
      });
    });

    it("expires upload slots, inspected copies, quarantine and intake previews, current and noncurrent, and never records", () => {
      // Prepare
      const [originals] = Object.values(
        app.stateful.findResources("AWS::S3::Bucket", { Properties: { ObjectLockEnabled: true } }),
      );
      const rules = (
        originals?.Properties?.LifecycleConfiguration as { Rules: Record<string, unknown>[] } | undefined
      )?.Rules;
      // Act
      const byPrefix = new Map((rules ?? []).map((r) => [r.Prefix, r]));
      const expires = (days: number) => ({
        ExpirationInDays: days,
        NoncurrentVersionExpiration: { NoncurrentDays: days },
      });
      // Assess
      expect(EXPIRY_DAYS).toEqual({ originals: 30, inspected: 7, quarantine: 90, intakePreview: 1 });
      expect(byPrefix.get("originals/")).toMatchObject(expires(EXPIRY_DAYS.originals));
      expect(byPrefix.get("inspected/")).toMatchObject(expires(EXPIRY_DAYS.inspected));
      expect(byPrefix.get("quarantine/")).toMatchObject(expires(EXPIRY_DAYS.quarantine));
      expect(byPrefix.get("intake-preview/")).toMatchObject(expires(EXPIRY_DAYS.intakePreview));
      const infrequentAccess = [
        { StorageClass: "STANDARD_IA", TransitionInDays: config.transitionToInfrequentAccessDays },
      ];
      expect(byPrefix.get("records/")).toEqual({
        Id: "RecordsToInfrequentAccess",
        Prefix: "records/",
        Status: "Enabled",
        Transitions: infrequentAccess,
        NoncurrentVersionTransitions: infrequentAccess,
      });
      // Only the five prefixes and the multipart clean-up; no rule that would reach records/ too.
      expect(rules).toHaveLength(6);
      const unprefixed = (rules ?? []).filter((r) => r.Prefix === undefined && r.Filter === undefined);
      expect(unprefixed).toEqual([
        {
          Id: "AbortIncompleteMultipartUploads",
          Status: "Enabled",
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
      ]);
    });

    it("has the table from TABLE with PITR, deletion protection, TTL and the outbox stream", () => {
      app.stateful.hasResource("AWS::DynamoDB::Table", {
        DeletionPolicy: "Retain",
        Properties: Match.objectLike({
          BillingMode: "PAY_PER_REQUEST",
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
          StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
          KeySchema: [
            { AttributeName: "PK", KeyType: "HASH" },
            { AttributeName: "SK", KeyType: "RANGE" },
          ],
          GlobalSecondaryIndexes: [
            Match.objectLike({ IndexName: "GSI1" }),
            Match.objectLike({ IndexName: "GSI2" }),
          ],
        }),
      });
    });
  });

  describe("functions", () => {
    it("creates one function per FUNCTIONS entry plus mail-events, arm64 on nodejs22.x", () => {
      for (const def of allFunctions) {
        app.stateless.hasResourceProperties("AWS::Lambda::Function", {
          FunctionName: `statsbidrag-${config.stage}-${def.name}`,
          Runtime: "nodejs22.x",
          Architectures: ["arm64"],
          MemorySize: def.memoryMb,
          Timeout: def.timeoutSeconds,
          Handler: "index.handler",
          Environment: {
            Variables: Match.objectLike({
              STATSBIDRAG_STAGE: config.stage,
              TABLE_NAME: `statsbidrag-${config.stage}`,
              BUCKET_NAME: Match.anyValue(),
              MAIL_FROM: config.senderAddress,
              UPLOAD_MAX_BYTES: String(config.uploadMaxBytes),
              UPLOAD_TTL_SECONDS: String(config.uploadTtlSeconds),
              MALWARE_SCAN: config.malwareScanning,
              RECORD_RETENTION_DAYS: String(config.originalsRetentionDays),
              SES_CONFIGURATION_SET: Match.anyValue(),
              // Links in mails point at the pages: the distribution unless configured otherwise.
              WEB_BASE_URL: config.webBaseUrl ?? DISTRIBUTION_URL,
              NODE_OPTIONS: "--enable-source-maps",
              POWERTOOLS_SERVICE_NAME: "statsbidrag",
            }),
          },
        });
      }
    });

    it("gives no function a trust list when the stage names none, and never the PEM text in the environment", () => {
      // Prepare
      const fns = Object.values(app.stateless.findResources("AWS::Lambda::Function"));
      // Act
      const variables = fns.map(
        (fn) =>
          (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
          {},
      );
      // Assess
      expect(config.trustAnchorsFile).toBeUndefined();
      for (const v of variables) {
        expect(v).not.toHaveProperty("STATSBIDRAG_TRUST_ANCHORS");
        expect(v).not.toHaveProperty("STATSBIDRAG_TRUST_ANCHORS_PEM");
        expect(v).not.toHaveProperty("STATSBIDRAG_TRUST_ANCHORS_PARAMETER");
      }
      expect(app.stateless.findResources("AWS::SSM::Parameter")).toEqual({});
    });

    it("runs every function on arm64 + nodejs22.x, except CDK's own deploy-time handler", () => {
      // Prepare: the S3 notification custom resource is CDK's, in Python; the cross-region reader
      // of the web ACL's ARN is CDK's too; nothing else may differ.
      const cdkHandlers =
        /^(BucketNotificationsHandler050a0587b7544547bf325f094a3db834|CustomCDKBucketDeployment|CustomS3AutoDeleteObjectsCustomResourceProviderHandler|CustomCrossRegionExportReaderCustomResourceProviderHandler)/;
      // Act
      const others = Object.entries(app.stateless.findResources("AWS::Lambda::Function")).filter(
        ([id]) => !cdkHandlers.test(id),
      );
      // Assess
      expect(others).toHaveLength(allFunctions.length);
      for (const [, fn] of others) {
        expect(fn.Properties).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"] });
      }
    });
  });

  describe("HTTP API", () => {
    it("has every route of ROUTES, JWT-authorised unless public (only GET /health)", () => {
      // Prepare
      const routes = Object.values(app.stateless.findResources("AWS::ApiGatewayV2::Route"));
      // Act
      const byKey = new Map(routes.map((r) => [r.Properties.RouteKey as string, r.Properties]));
      // Assess
      expect([...byKey.keys()].sort()).toEqual(ROUTES.map(routeKey).sort());
      for (const route of ROUTES) {
        const props = byKey.get(routeKey(route));
        if (route.access === "public") {
          expect(props?.AuthorizationType).toBe("NONE");
        } else {
          expect(props?.AuthorizationType).toBe("JWT");
          expect(props?.AuthorizerId).toEqual({ Ref: expect.stringMatching(/^ApiCognitoAuthorizer/) });
        }
      }
      expect(ROUTES.filter((r) => r.access === "public").map(routeKey)).toEqual(["GET /health"]);
    });

    it("uses a Cognito JWT authorizer for the web client", () => {
      app.stateless.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
        AuthorizerType: "JWT",
        IdentitySource: ["$request.header.Authorization"],
        JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
      });
    });

    it("throttles and access-logs the default stage", () => {
      app.stateless.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: config.apiRateLimit,
          ThrottlingBurstLimit: config.apiBurstLimit,
        },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("requestId") },
      });
    });
  });

  describe("Cognito", () => {
    it("has custom:recipient, custom:agency, custom:roles and custom:title, which the web client can read but not write", () => {
      app.stateless.hasResourceProperties("AWS::Cognito::UserPool", {
        Schema: Match.arrayWith([
          Match.objectLike({ Name: "recipient", AttributeDataType: "String", Mutable: true }),
          Match.objectLike({ Name: "agency", AttributeDataType: "String", Mutable: true }),
          Match.objectLike({ Name: "roles", AttributeDataType: "String", Mutable: true }),
          Match.objectLike({ Name: "title", AttributeDataType: "String", Mutable: true }),
        ]),
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
      app.stateless.hasResourceProperties("AWS::Cognito::UserPoolClient", {
        ReadAttributes: Match.arrayWith([
          "custom:agency",
          "custom:recipient",
          "custom:roles",
          "custom:title",
        ]),
        WriteAttributes: ["name"],
      });
    });

    it("has the officer group", () => {
      app.stateless.hasResourceProperties("AWS::Cognito::UserPoolGroup", { GroupName: "officer" });
    });

    it("requires a TOTP second factor of every user, officers included, and no SMS", () => {
      app.stateless.hasResourceProperties("AWS::Cognito::UserPool", {
        MfaConfiguration: "ON",
        EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      });
    });
  });

  describe("triggers", () => {
    it("notifies upload-check of objects created under originals/, and mail-intake of those under intake/ only", () => {
      app.stateless.hasResourceProperties("Custom::S3BucketNotifications", {
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ["s3:ObjectCreated:*"],
              Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "originals/" }] } },
              LambdaFunctionArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^UploadCheck"), "Arn"] },
            },
            {
              Events: ["s3:ObjectCreated:*"],
              Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "intake/" }] } },
              LambdaFunctionArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^MailIntake"), "Arn"] },
            },
          ],
        },
      });
    });

    it("feeds outbox-dispatch only stream INSERTs of OUTBOX# items, with bisect, partial failures and a DLQ", () => {
      app.stateless.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        FunctionName: { Ref: Match.stringLikeRegexp("^OutboxDispatch") },
        EventSourceArn: Match.anyValue(),
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        MaximumRetryAttempts: Match.anyValue(),
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ["INSERT"],
                dynamodb: { Keys: { PK: { S: [{ prefix: "OUTBOX#" }] } } },
              }),
            },
          ],
        },
      });
    });

    it("sweeps the outbox every 5 minutes", () => {
      app.stateless.hasResourceProperties("AWS::Scheduler::Schedule", {
        ScheduleExpression: "rate(5 minutes)",
        Target: Match.objectLike({
          Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^OutboxDispatch"), "Arn"] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: Match.anyValue(),
        }),
      });
    });

    it("creates the daily schedule if and only if FUNCTIONS has 'daily'", () => {
      const hasDaily = FUNCTIONS.some((f: FunctionDef) => f.name === "daily");
      app.stateless.resourcePropertiesCountIs(
        "AWS::Scheduler::Schedule",
        { ScheduleExpression: DAILY_CRON },
        hasDaily ? 1 : 0,
      );
    });

    it("routes SES bounces and complaints through SNS to mail-events", () => {
      app.stateless.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
        EventDestination: Match.objectLike({
          Enabled: true,
          MatchingEventTypes: ["bounce", "complaint"],
          SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp("^MailEventsTopic") } },
        }),
      });
      app.stateless.hasResourceProperties("AWS::SES::EmailIdentity", { EmailIdentity: config.senderAddress });
      app.stateless.hasResourceProperties("AWS::SNS::Subscription", {
        Protocol: "lambda",
        TopicArn: { Ref: Match.stringLikeRegexp("^MailEventsTopic") },
        Endpoint: { "Fn::GetAtt": [Match.stringLikeRegexp("^MailEvents"), "Arn"] },
      });
    });
  });

  describe("upload check, upload sweep and malware verdict", () => {
    const CHECKERS = ["upload-check", "upload-sweep", "scan-result"];

    it("has scan-result and upload-sweep with the check's memory, readWrite on the table and the check's bucket rights", () => {
      for (const name of ["scan-result", "upload-sweep"]) {
        const def = FUNCTIONS.find((f: FunctionDef) => f.name === name);
        // The sweep checks files like the check, so it reads the trust list; the verdict does not.
        const trustList = name === "upload-sweep" ? { trustList: true } : {};
        expect(def?.needs, name).toEqual({ table: "readWrite", bucket: "check", ...trustList });
        app.stateless.hasResourceProperties("AWS::Lambda::Function", {
          FunctionName: `statsbidrag-${config.stage}-${name}`,
          MemorySize: def?.memoryMb,
          Timeout: def?.timeoutSeconds,
        });
      }
    });

    it("grants the check exactly what it calls, per prefix: no record deleted, nothing tagged", () => {
      for (const name of CHECKERS) {
        // Act
        const byTarget = s3ActionsByTarget(functionStatements(app.stateless, name));
        // Assess
        expect(byTarget, name).toEqual({
          "originals/*": ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:GetObjectVersion"],
          bucket: ["s3:ListBucket"],
          "inspected/*": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
          "records/*": ["s3:GetObject", "s3:PutObject", "s3:PutObjectRetention"],
          "quarantine/*": ["s3:PutObject"],
        });
      }
    });

    it("lets the check list the bucket, so a HEAD of a removed upload is a 404, not a 403", () => {
      for (const name of CHECKERS) {
        // Act
        const listing = functionStatements(app.stateless, name).filter((st) =>
          list(st.Action).includes("s3:ListBucket"),
        );
        // Assess
        expect(listing, name).toHaveLength(1);
        expect(listing[0]?.Condition, name).toBeUndefined();
      }
    });

    it("grants no role a tagging right on the originals bucket", () => {
      // Prepare: CDK's BucketDeployment tags in the pages bucket, which is not ours to judge here.
      const onOriginals = (resource: unknown) =>
        JSON.stringify(resource).includes(`statsbidrag-${config.stage}-originals-`);
      // Act
      const tagging = allowStatements(app.stateless)
        .filter(({ statement }) => list(statement.Resource).some(onOriginals))
        .flatMap(({ id, statement }) =>
          list(statement.Action)
            .filter((a) => /Tagging/.test(a))
            .map((a) => `${id}: ${a}`),
        );
      // Assess
      expect(tagging).toEqual([]);
    });

    it("brings GuardDuty's scan results for the originals bucket to scan-result, with retries and a DLQ", () => {
      app.stateless.hasResourceProperties("AWS::Events::Rule", {
        EventPattern: {
          source: ["aws.guardduty"],
          "detail-type": [SCAN_RESULT_DETAIL_TYPE],
          detail: {
            s3ObjectDetails: {
              bucketName: [
                { "Fn::Join": ["", [`statsbidrag-${config.stage}-originals-`, { Ref: "AWS::AccountId" }]] },
              ],
            },
          },
        },
        Targets: [
          Match.objectLike({
            Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^ScanResult"), "Arn"] },
            RetryPolicy: {
              MaximumRetryAttempts: Match.anyValue(),
              MaximumEventAgeInSeconds: Match.anyValue(),
            },
            DeadLetterConfig: {
              Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^ScanResultRuleDlq"), "Arn"] },
            },
          }),
        ],
      });
      expect(SCAN_RESULT_DETAIL_TYPE).toBe("GuardDuty Malware Protection Object Scan Result");
      // A verdict the function itself fails on after Lambda's retries is kept too.
      app.stateless.hasResourceProperties("AWS::Lambda::Function", {
        FunctionName: `statsbidrag-${config.stage}-scan-result`,
        DeadLetterConfig: { TargetArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^ScanResultDlq"), "Arn"] } },
      });
    });

    it("protects originals/ only with a GuardDuty Malware Protection plan that does not tag", () => {
      app.stateless.hasResourceProperties("AWS::GuardDuty::MalwareProtectionPlan", {
        ProtectedResource: {
          S3Bucket: {
            BucketName: {
              "Fn::Join": ["", [`statsbidrag-${config.stage}-originals-`, { Ref: "AWS::AccountId" }]],
            },
            ObjectPrefixes: ["originals/"],
          },
        },
        Actions: { Tagging: { Status: "DISABLED" } },
        Role: { "Fn::GetAtt": [Match.stringLikeRegexp("^MalwareProtectionRole"), "Arn"] },
      });
      app.stateless.hasResourceProperties("AWS::IAM::Role", {
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Principal: { Service: "malware-protection-plan.guardduty.amazonaws.com" },
              Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
            }),
          ],
        },
      });
    });

    it("lets GuardDuty read uploads under originals/ only, and write nothing but its validation object", () => {
      // Prepare
      const [role] = Object.entries(app.stateless.findResources("AWS::IAM::Role")).filter(([id]) =>
        id.startsWith("MalwareProtectionRole"),
      );
      const statements = (
        (role?.[1].Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]) ?? []
      ).flatMap((p) => p.PolicyDocument.Statement);
      // Act
      const byTarget = s3ActionsByTarget(statements);
      // Assess
      expect(byTarget).toEqual({
        bucket: ["s3:GetBucketNotification", "s3:ListBucket", "s3:PutBucketNotification"],
        "malware-protection-resource-validation-object": ["s3:PutObject"],
        "originals/*": ["s3:GetObject", "s3:GetObjectVersion"],
      });
      const events = statements.filter((st) => list(st.Action).some((a) => a.startsWith("events:")));
      for (const st of events) {
        expect(JSON.stringify(st.Resource)).toContain(
          ":rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*",
        );
      }
      expect(events.find((st) => list(st.Action).includes("events:PutRule"))?.Condition).toEqual({
        StringLike: { "events:ManagedBy": "malware-protection-plan.guardduty.amazonaws.com" },
      });
    });

    it("sweeps uploads every 15 minutes, with retries and a DLQ", () => {
      app.stateless.hasResourceProperties("AWS::Scheduler::Schedule", {
        ScheduleExpression: "rate(15 minutes)",
        Target: Match.objectLike({
          Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^UploadSweep"), "Arn"] },
          DeadLetterConfig: {
            Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^UploadSweepScheduleDlq"), "Arn"] },
          },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 },
        }),
      });
    });
  });

  describe("queues and alarms", () => {
    it("gives every queue a DLQ or uses it as one", () => {
      // Prepare: every place a queue can serve as a dead-letter queue
      const dlqUses = [
        ...Object.values(app.stateless.findResources("AWS::Lambda::Function")).map(
          (r) => (r.Properties.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn,
        ),
        ...Object.values(app.stateless.findResources("AWS::Lambda::EventSourceMapping")).map(
          (r) =>
            (r.Properties.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)
              ?.OnFailure?.Destination,
        ),
        ...Object.values(app.stateless.findResources("AWS::Scheduler::Schedule")).map(
          (r) => (r.Properties.Target as { DeadLetterConfig?: { Arn?: unknown } }).DeadLetterConfig?.Arn,
        ),
        ...Object.values(app.stateless.findResources("AWS::Events::Rule")).flatMap((r) =>
          (r.Properties.Targets as { DeadLetterConfig?: { Arn?: unknown } }[]).map(
            (t) => t.DeadLetterConfig?.Arn,
          ),
        ),
      ].map((ref) => JSON.stringify(ref ?? null));
      // Act
      const queues = Object.entries(app.stateless.findResources("AWS::SQS::Queue"));
      // Assess
      expect(queues.length).toBeGreaterThan(0);
      for (const [id, queue] of queues) {
        const hasDlq = queue.Properties?.RedrivePolicy !== undefined;
        const isDlq = dlqUses.includes(JSON.stringify({ "Fn::GetAtt": [id, "Arn"] }));
        expect(hasDlq || isDlq, `${id} has a DLQ or is one`).toBe(true);
      }
    });

    it("alarms on each function's errors and throttles, each DLQ and the API 5xx rate, to the operator topic", () => {
      // Prepare
      const alarms = Object.values(app.stateless.findResources("AWS::CloudWatch::Alarm"));
      const queues = Object.keys(app.stateless.findResources("AWS::SQS::Queue"));
      // Act
      const metrics = alarms.map((a) => a.Properties.MetricName as string);
      // Assess
      expect(metrics.filter((m) => m === "Errors")).toHaveLength(allFunctions.length);
      expect(metrics.filter((m) => m === "Throttles")).toHaveLength(allFunctions.length);
      expect(metrics.filter((m) => m === "ApproximateNumberOfMessagesVisible")).toHaveLength(queues.length);
      expect(metrics.filter((m) => m === "5xx")).toHaveLength(1);
      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
      }
    });
  });

  describe("reconciliation drift", () => {
    it("alarms when the daily job's ReconciliationDrift reaches 1, by the day's maximum, to the operator topic", () => {
      app.stateless.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "Statsbidrag",
        MetricName: "ReconciliationDrift",
        // Powertools' default dimension, from POWERTOOLS_SERVICE_NAME.
        Dimensions: [{ Name: "service", Value: "statsbidrag" }],
        Statistic: "Maximum",
        Period: 86_400,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: [{ Ref: Match.stringLikeRegexp("^AlarmTopic") }],
      });
    });
  });

  describe("mail that failed for good", () => {
    it("alarms on the first MailFailed in five minutes, to the operator topic", () => {
      app.stateless.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "Statsbidrag",
        MetricName: "MailFailed",
        Dimensions: [{ Name: "service", Value: "statsbidrag" }],
        Statistic: "Sum",
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: [{ Ref: Match.stringLikeRegexp("^AlarmTopic") }],
      });
    });
  });

  describe("edge protection", () => {
    it("keeps the web ACL in us-east-1, where CloudFront reads it, and the other stacks in the stage's region", () => {
      // Act
      const regions = [app.built.edge, app.built.stateful, app.built.stateless].map((stack) => stack.region);
      // Assess
      expect(EDGE_REGION).toBe("us-east-1");
      expect(regions).toEqual(["us-east-1", config.region, config.region]);
    });

    it("blocks an IP over the rate limit first, then runs AWS's common rule set, counting only its 8 KB body rule", () => {
      app.edge.hasResourceProperties("AWS::WAFv2::WebACL", {
        Scope: "CLOUDFRONT",
        DefaultAction: { Allow: {} },
        Rules: [
          Match.objectLike({
            Name: WEB_ACL_RULES.rateLimit,
            Priority: 0,
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: { Limit: config.webRateLimitPerIp, AggregateKeyType: "IP" },
            },
          }),
          Match.objectLike({
            Name: WEB_ACL_RULES.common,
            Priority: 1,
            OverrideAction: { None: {} },
            Statement: {
              ManagedRuleGroupStatement: {
                VendorName: "AWS",
                Name: "AWSManagedRulesCommonRuleSet",
                RuleActionOverrides: [{ Name: "SizeRestrictions_BODY", ActionToUse: { Count: {} } }],
              },
            },
          }),
        ],
      });
    });

    it("attaches that web ACL to the distribution through CDK's cross-region export", () => {
      // Prepare
      const [distribution] = Object.values(app.stateless.findResources("AWS::CloudFront::Distribution"));
      const webAclId = (distribution?.Properties?.DistributionConfig as { WebACLId?: unknown } | undefined)
        ?.WebACLId;
      const [writer] = Object.values(app.edge.findResources("Custom::CrossRegionExportWriter"));
      const exports = (
        writer?.Properties?.WriterProps as { region: string; exports: Record<string, unknown> }
      )?.exports;
      // Act
      const exported = Object.entries(exports ?? {}).find(([, value]) =>
        JSON.stringify(value).includes('"WebAcl","Arn"'),
      );
      // Assess
      expect(exported).toBeDefined();
      expect(webAclId).toEqual({ "Fn::GetAtt": [expect.stringMatching(/^ExportsReader/), exported?.[0]] });
      expect((writer?.Properties?.WriterProps as { region: string } | undefined)?.region).toBe(config.region);
    });

    it("throttles the public GET /health tighter than the stage default, and no other route", () => {
      // Prepare
      const [stage] = Object.values(app.stateless.findResources("AWS::ApiGatewayV2::Stage"));
      const props = stage?.Properties as {
        DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
        RouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
      };
      // Assess
      expect(Object.keys(props.RouteSettings)).toEqual(["GET /health"]);
      expect(props.RouteSettings["GET /health"]).toEqual({
        ThrottlingRateLimit: ROUTE_THROTTLES["GET /health"]?.rateLimit,
        ThrottlingBurstLimit: ROUTE_THROTTLES["GET /health"]?.burstLimit,
      });
      expect(props.RouteSettings["GET /health"]?.ThrottlingRateLimit).toBeLessThan(
        props.DefaultRouteSettings.ThrottlingRateLimit,
      );
      expect(props.RouteSettings["GET /health"]?.ThrottlingBurstLimit).toBeLessThan(
        props.DefaultRouteSettings.ThrottlingBurstLimit,
      );
      // API Gateway refuses settings for a route it does not have yet.
      expect(stage?.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ApiGEThealth/)]));
    });

    it("keeps the execute-api endpoint, CloudFront's only way in, on a stage without apiDomain", () => {
      // Prepare
      const [distribution] = Object.values(app.stateless.findResources("AWS::CloudFront::Distribution"));
      const origins = JSON.stringify(distribution?.Properties?.DistributionConfig);
      // Assess
      expect(config.apiDomain).toBeUndefined();
      app.stateless.hasResourceProperties("AWS::ApiGatewayV2::Api", { DisableExecuteApiEndpoint: false });
      app.stateless.resourceCountIs("AWS::ApiGatewayV2::DomainName", 0);
      expect(origins).toMatch(/"Fn::GetAtt":\["Api\w+","ApiEndpoint"\]/);
    });
  });

  describe("web pages (S3 + CloudFront, Cognito hosted sign-in)", () => {
    it("serves the pages from a private bucket through origin access control, index.html at the root", () => {
      app.stateless.hasResourceProperties("AWS::CloudFront::Distribution", {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: "index.html",
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: "redirect-to-https",
            ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp("^WebSecurityHeaders") },
          }),
          Logging: Match.objectLike({ Prefix: "distribution/" }),
        }),
      });
      app.stateless.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
        OriginAccessControlConfig: Match.objectLike({
          OriginAccessControlOriginType: "s3",
          SigningBehavior: "always",
        }),
      });
    });

    it("puts the API on the pages' origin under every top-level path of ROUTES, uncached, with all viewer headers but Host", () => {
      // Prepare
      const [distribution] = Object.values(app.stateless.findResources("AWS::CloudFront::Distribution"));
      const distributionConfig = distribution?.Properties?.DistributionConfig as
        | {
            CacheBehaviors: {
              PathPattern: string;
              CachePolicyId: string;
              OriginRequestPolicyId: string;
              AllowedMethods: string[];
            }[];
          }
        | undefined;
      const behaviors = distributionConfig?.CacheBehaviors ?? [];
      // Assess
      expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(apiPathPatterns(ROUTES));
      for (const behavior of behaviors) {
        expect(behavior.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
        expect(behavior.OriginRequestPolicyId).toBe(
          OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        );
        expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(["POST", "PUT"]));
      }
    });

    it("sends the pages' CSP from web/headers.ts (S3 and the sign-in domain only) and the other security headers", () => {
      // Prepare
      const [policy] = Object.values(app.stateless.findResources("AWS::CloudFront::ResponseHeadersPolicy"));
      const resolved = JSON.stringify(policy?.Properties);
      const { web } = app.built.stateless;
      // Assess: the same policy text the local server sends, with AWS's connect-src origins
      expect(web.contentSecurityPolicy).toBe(
        contentSecurityPolicy([
          // The stage's region is known at synth (infra/app.ts), so the bucket's host is literal.
          `https://${bucketName(config.stage, Aws.ACCOUNT_ID)}.s3.${config.region}.amazonaws.com`,
          `https://statsbidrag-${config.stage}.auth.${Aws.REGION}.amazoncognito.com`,
        ]),
      );
      expect(resolved).not.toMatch(/unsafe-(inline|eval)/);
      expect(resolved).toContain("frame-ancestors 'none'");
      for (const [header, value] of Object.entries(SECURITY_HEADERS)) {
        expect(resolved.includes(value) || header === "x-content-type-options", header).toBe(true);
      }
      app.stateless.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
            ContentTypeOptions: { Override: true },
            ReferrerPolicy: { Override: true, ReferrerPolicy: "no-referrer" },
          }),
        }),
      });
    });

    it("lets the web client sign in only by authorization code, back to the sign-in page, with one-hour tokens", () => {
      app.stateless.hasResourceProperties("AWS::Cognito::UserPoolClient", {
        ClientName: "web",
        GenerateSecret: false,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ["openid", "email", "profile"],
        SupportedIdentityProviders: ["COGNITO"],
        CallbackURLs: [
          {
            "Fn::Join": [
              "",
              [DISTRIBUTION_URL["Fn::Join"][1][0], DISTRIBUTION_URL["Fn::Join"][1][1], "/index.html"],
            ],
          },
        ],
        LogoutURLs: [
          {
            "Fn::Join": [
              "",
              [DISTRIBUTION_URL["Fn::Join"][1][0], DISTRIBUTION_URL["Fn::Join"][1][1], "/index.html"],
            ],
          },
        ],
        IdTokenValidity: 60,
      });
      app.stateless.hasResourceProperties("AWS::Cognito::UserPoolDomain", {
        Domain: `statsbidrag-${config.stage}`,
      });
    });

    it("deploys config.json naming the sign-in domain and the client, hashed assets never pruned", () => {
      // Prepare
      const deployments = Object.values(app.stateless.findResources("Custom::CDKBucketDeployment")).map(
        (d) =>
          d.Properties as { Prune: boolean; Include?: string[]; Exclude?: string[]; SourceMarkers?: unknown },
      );
      // Assess
      const assets = deployments.find((d) => d.Include?.includes("assets/*"));
      const pages = deployments.find((d) => d.Exclude?.includes("assets/*"));
      expect(assets?.Prune).toBe(false);
      expect(pages?.Prune).toBe(true);
      const markers = JSON.stringify(pages?.SourceMarkers);
      expect(markers).toMatch(/"Ref":"UsersSignInDomain/);
      expect(markers).toMatch(/"Ref":"UsersWebClient/);
    });
  });

  describe("least privilege", () => {
    /**
     * The only Allow statements with Resource "*": AWS offers no resource-level permission
     * for these actions. Each has a matching cdk-nag acknowledgement with the same reason.
     */
    const RESOURCE_STAR_ALLOWED = [
      { policy: /^OutboxDispatchRoleDefaultPolicy/, action: "dynamodb:ListStreams" },
    ];

    it("has no Allow statement with Action '*' or a service-wide 'x:*'", () => {
      for (const template of [app.stateful, app.stateless, app.edge]) {
        for (const { id, statement } of allowStatements(template)) {
          for (const action of list(statement.Action)) {
            expect(action === "*" || action.endsWith(":*"), `${id}: ${action}`).toBe(false);
          }
        }
      }
    });

    it("has Resource '*' only in the explicit allow-list", () => {
      // Act
      const stars = [app.stateful, app.stateless, app.edge].flatMap((template) =>
        allowStatements(template)
          .filter(({ statement }) => list(statement.Resource).includes("*"))
          .map(({ id, statement }) => ({ id, actions: list(statement.Action) })),
      );
      // Assess
      expect(stars.length).toBe(RESOURCE_STAR_ALLOWED.length);
      for (const star of stars) {
        const allowed = RESOURCE_STAR_ALLOWED.find((a) => a.policy.test(star.id));
        expect(star.actions).toEqual([allowed?.action]);
      }
    });

    it("grants S3 and SES only to functions whose needs say so", () => {
      // Prepare
      const policies = Object.entries(app.stateless.findResources("AWS::IAM::Policy"));
      for (const def of allFunctions) {
        const prefix = def.name
          .split("-")
          .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
          .join("");
        // Act
        const actions = policies
          .filter(([id]) => id.startsWith(`${prefix}RoleDefaultPolicy`))
          .flatMap(([, p]) =>
            (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.flatMap((s) =>
              list(s.Action),
            ),
          );
        const needs: FunctionDef["needs"] = def.needs;
        // Assess
        expect(
          actions.some((a) => a.startsWith("s3:")),
          `${def.name} s3`,
        ).toBe(needs.bucket !== undefined);
        expect(
          actions.some((a) => a.startsWith("ses:")),
          `${def.name} ses`,
        ).toBe(needs.mail === true);
        expect(
          actions.some((a) => a === "dynamodb:PutItem"),
          `${def.name} write`,
        ).toBe(needs.table === "readWrite");
        if (needs.bucket === "presign")
          expect(actions.filter((a) => a.startsWith("s3:"))).toEqual(["s3:PutObject"]);
      }
    });
  });
});

describe("daily schedule, driven by the function list", () => {
  const daily: FunctionDef = {
    name: "daily",
    memoryMb: 512,
    timeoutSeconds: 300,
    needs: { table: "readWrite" },
  };
  const withoutDaily = FUNCTIONS.filter((f: FunctionDef) => f.name !== "daily");

  it(
    "appears with Europe/Stockholm time zone, retries and a DLQ when 'daily' is in the list",
    () => {
      // Prepare + Act
      const { stateless } = synth({ functions: [...withoutDaily, daily], bundle: false });
      // Assess
      stateless.hasResourceProperties("AWS::Scheduler::Schedule", {
        ScheduleExpression: DAILY_CRON,
        ScheduleExpressionTimezone: DAILY_TIME_ZONE,
        Target: Match.objectLike({
          Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^Daily"), "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^DailyScheduleDlq"), "Arn"] } },
        }),
      });
      expect(DAILY_TIME_ZONE).toBe("Europe/Stockholm");
      expect(DAILY_CRON).toBe("cron(15 6 * * ? *)");
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    "is absent when 'daily' is not in the list",
    () => {
      // Prepare + Act
      const { stateless } = synth({ functions: withoutDaily, bundle: false });
      // Assess
      stateless.resourcePropertiesCountIs("AWS::Scheduler::Schedule", { ScheduleExpression: DAILY_CRON }, 0);
      // The outbox retry and the upload sweep.
      stateless.resourceCountIs("AWS::Scheduler::Schedule", 2);
      // No daily job, no drift metric to alarm on.
      stateless.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", { MetricName: "ReconciliationDrift" }, 0);
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe("the API's own domain, driven by the stage's apiDomain", () => {
  const apiDomain = {
    name: "api.statsbidrag.example.se",
    certificateArn: "arn:aws:acm:eu-north-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
  };

  it(
    "disables the execute-api endpoint and sends CloudFront to the API's own domain instead",
    () => {
      // Prepare + Act
      const { stateless } = synth({ stage: { apiDomain }, bundle: false });
      // Assess
      stateless.hasResourceProperties("AWS::ApiGatewayV2::Api", { DisableExecuteApiEndpoint: true });
      stateless.hasResourceProperties("AWS::ApiGatewayV2::DomainName", {
        DomainName: apiDomain.name,
        DomainNameConfigurations: [
          Match.objectLike({
            CertificateArn: apiDomain.certificateArn,
            EndpointType: "REGIONAL",
            SecurityPolicy: "TLS_1_2",
          }),
        ],
      });
      stateless.hasResourceProperties("AWS::ApiGatewayV2::ApiMapping", {
        DomainName: { Ref: Match.stringLikeRegexp("^ApiDomain") },
        ApiId: { Ref: Match.stringLikeRegexp("^Api") },
        Stage: "$default",
      });
      stateless.hasResourceProperties("AWS::CloudFront::Distribution", {
        DistributionConfig: Match.objectLike({
          Origins: Match.arrayWith([Match.objectLike({ DomainName: apiDomain.name })]),
        }),
      });
      stateless.hasOutput("ApiDomainTarget", {
        Value: { "Fn::GetAtt": [Match.stringLikeRegexp("^ApiDomain"), "RegionalDomainName"] },
      });
      stateless.hasOutput("ApiUrl", { Value: `https://${apiDomain.name}` });
    },
    SYNTH_TIMEOUT_MS,
  );

  it("refuses a certificate outside the stage's region, where a regional API cannot use it", () => {
    // Prepare
    const elsewhere = {
      ...apiDomain,
      certificateArn: apiDomain.certificateArn.replace("eu-north-1", "us-east-1"),
    };
    // Act
    const build = () => buildApp({ context: contextWithStage({ apiDomain: elsewhere }) });
    // Assess
    expect(build).toThrow(
      /apiDomain\.certificateArn" is in us-east-1; a regional API needs one in eu-north-1/,
    );
  });
});

describe("malware scanning, driven by the stage's malwareScanning", () => {
  it(
    'has no GuardDuty plan and no scan-result rule with "none", and tells the functions so',
    () => {
      // Prepare + Act
      const { stateless } = synth({ stage: { malwareScanning: "none" }, bundle: false });
      // Assess
      stateless.resourceCountIs("AWS::GuardDuty::MalwareProtectionPlan", 0);
      stateless.resourceCountIs("AWS::Events::Rule", 0);
      stateless.resourcePropertiesCountIs(
        "AWS::IAM::Role",
        {
          AssumeRolePolicyDocument: {
            Statement: [
              Match.objectLike({ Principal: { Service: "malware-protection-plan.guardduty.amazonaws.com" } }),
            ],
          },
        },
        0,
      );
      stateless.hasResourceProperties("AWS::Lambda::Function", {
        FunctionName: Match.stringLikeRegexp("-upload-check$"),
        Environment: { Variables: Match.objectLike({ MALWARE_SCAN: "none" }) },
      });
      // The sweep does not depend on scanning.
      stateless.resourcePropertiesCountIs(
        "AWS::Scheduler::Schedule",
        { ScheduleExpression: "rate(15 minutes)" },
        1,
      );
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'has the plan and the rule with "guardduty"',
    () => {
      // Prepare + Act
      const { stateless } = synth({ stage: { malwareScanning: "guardduty" }, bundle: false });
      // Assess
      stateless.resourceCountIs("AWS::GuardDuty::MalwareProtectionPlan", 1);
      stateless.resourcePropertiesCountIs(
        "AWS::Events::Rule",
        { EventPattern: Match.objectLike({ source: ["aws.guardduty"] }) },
        1,
      );
      stateless.hasResourceProperties("AWS::Lambda::Function", {
        FunctionName: Match.stringLikeRegexp("-upload-check$"),
        Environment: { Variables: Match.objectLike({ MALWARE_SCAN: "guardduty" }) },
      });
    },
    SYNTH_TIMEOUT_MS,
  );

  it("refuses a stage that does not say whether it scans", () => {
    // Act
    const build = () => buildApp({ context: contextWithStage({ malwareScanning: undefined }) });
    // Assess
    expect(build).toThrow(/"stages\.\w+\.malwareScanning": must be "guardduty" or "none"/);
  });
});

describe("trust list for digital signatures, driven by the stage's trustAnchorsFile", () => {
  const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  it(
    "puts the file in an SSM parameter that the check functions, and only they, are pointed at and may read",
    () => {
      // Prepare
      const dir = mkdtempSync(join(tmpdir(), "statsbidrag-trust-"));
      outdirs.push(dir);
      const file = join(dir, "trust-anchors.pem");
      writeFileSync(file, PEM);
      // Act
      const { stateless } = synth({ stage: { trustAnchorsFile: file }, bundle: false });
      // Assess
      const name = Match.stringLikeRegexp("^/statsbidrag/[a-z0-9-]+/trust-anchors$");
      stateless.hasResourceProperties("AWS::SSM::Parameter", { Name: name, Type: "String", Value: PEM });
      const readers = ["upload-check", "upload-sweep"];
      for (const def of [...FUNCTIONS, ...INFRA_FUNCTIONS]) {
        const reads = readers.includes(def.name);
        stateless.hasResourceProperties("AWS::Lambda::Function", {
          FunctionName: Match.stringLikeRegexp(`-${def.name}$`),
          Environment: {
            Variables: reads
              ? Match.objectLike({ STATSBIDRAG_TRUST_ANCHORS_PARAMETER: name })
              : Match.not(Match.objectLike({ STATSBIDRAG_TRUST_ANCHORS_PARAMETER: Match.anyValue() })),
          },
        });
      }
      // ssm:GetParameter on that parameter alone, in the readers' policies and no other.
      const [parameterId] = Object.keys(stateless.findResources("AWS::SSM::Parameter"));
      const policies = Object.values(stateless.findResources("AWS::IAM::Policy"));
      const granting = policies.filter((p) => JSON.stringify(p).includes("ssm:GetParameter"));
      expect(granting).toHaveLength(readers.length);
      for (const policy of granting) {
        const statements = (policy.Properties?.PolicyDocument?.Statement ?? []) as {
          Action: string | string[];
          Resource: unknown;
        }[];
        const ssm = statements.filter((st) => JSON.stringify(st.Action).includes("ssm:"));
        expect(ssm).toHaveLength(1);
        expect(ssm[0]?.Action).toBe("ssm:GetParameter");
        expect(JSON.stringify(ssm[0]?.Resource)).toContain(`{"Ref":"${parameterId}"}`);
      }
      // The PEM text lives in the parameter only, never in a function's environment.
      for (const fn of Object.values(stateless.findResources("AWS::Lambda::Function"))) {
        expect(JSON.stringify(fn)).not.toContain("BEGIN CERTIFICATE");
      }
    },
    SYNTH_TIMEOUT_MS,
  );

  it("fails synth, naming the key, when the file cannot be read", () => {
    // Act
    const build = () =>
      buildApp({ context: contextWithStage({ trustAnchorsFile: "no/such/trust-anchors.pem" }) });
    // Assess
    expect(build).toThrow(/"stages\.\w+\.trustAnchorsFile": cannot read .*no\/such\/trust-anchors\.pem/);
  });
});
