import { Aws, CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import type { UserPool, UserPoolClient } from "aws-cdk-lib/aws-cognito";
import { Table } from "aws-cdk-lib/aws-dynamodb";
import { Bucket } from "aws-cdk-lib/aws-s3";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { StageConfig } from "./config.ts";
import { Api } from "./constructs/api.ts";
import { Auth, signInOrigin } from "./constructs/auth.ts";
import { Functions, MAIL_EVENTS } from "./constructs/functions.ts";
import { Mail } from "./constructs/mail.ts";
import { MalwareScanning } from "./constructs/malware-scanning.ts";
import { Monitoring } from "./constructs/monitoring.ts";
import { Schedules } from "./constructs/schedules.ts";
import type { StatsbidragFunction } from "./constructs/statsbidrag-function.ts";
import { Triggers } from "./constructs/triggers.ts";
import { WebHosting } from "./constructs/web-hosting.ts";
import { apiPathPatterns, FUNCTIONS, type FunctionDef, ROUTES, type RouteDef } from "./routes.ts";
import { bucketName, TABLE, tableName } from "./table-definition.ts";

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  /**
   * The stateful table's stream, the one value taken across stacks. Table and bucket are
   * otherwise referenced by their deterministic names (table-definition.ts), which keeps
   * CloudFormation exports to a minimum and the IAM policies readable.
   */
  readonly tableStreamArn: string;
  /** The CloudFront web ACL (edge stack, us-east-1); the distribution's WebACLId. */
  readonly webAclArn: string;
  /** Defaults to FUNCTIONS from infra/routes.ts; tests pass other lists (e.g. without "daily"). */
  readonly functions?: readonly FunctionDef[];
  /** Defaults to ROUTES from infra/routes.ts. */
  readonly routes?: readonly RouteDef[];
  /** Overrides a function's handler path; for tests that add functions not yet written. */
  readonly entryFor?: (name: string) => string | undefined;
}

/**
 * Everything that can be recreated from code: API, auth, functions, triggers, malware scanning,
 * mail and alarms.
 * Functions and routes are generated from infra/routes.ts, so a new entry there appears here.
 * Each concern is a construct in infra/constructs/; this class only wires them together.
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
    const routes = props.routes ?? ROUTES;
    const table = Table.fromTableAttributes(this, "TableRef", {
      tableName: tableName(config.stage),
      tableStreamArn: props.tableStreamArn,
      globalIndexes: TABLE.indexes.map((i) => i.indexName),
    });
    // The bucket belongs to the stateful stack. Notifying a function of this stack through that
    // bucket object would make the stateful stack depend on this one (a cycle); a reference by
    // name puts the notification custom resource here instead.
    const bucket = Bucket.fromBucketName(this, "OriginalsRef", bucketName(config.stage, Aws.ACCOUNT_ID));

    const api = new Api(this, "HttpApi", { config });
    this.api = api.httpApi;
    this.web = new WebHosting(this, "Web", {
      apiOriginHost: api.originHost,
      webAclArn: props.webAclArn,
      apiPathPatterns: apiPathPatterns(routes),
      connectOrigins: [`https://${bucket.bucketRegionalDomainName}`, signInOrigin(config)],
      logRetentionDays: config.logRetentionDays,
      ...(config.webCertificateArn
        ? { domain: { name: new URL(config.webOrigin).host, certificateArn: config.webCertificateArn } }
        : {}),
    });
    const mail = new Mail(this, "Mail", { config });
    const functions = new Functions(this, "Functions", {
      config,
      defs: props.functions ?? FUNCTIONS,
      table,
      bucket,
      mail,
      webUrl: this.web.url,
      entryFor: props.entryFor,
    });
    this.functions = functions.byName;
    mail.sendEventsTo(functions.get(MAIL_EVENTS));
    const triggers = new Triggers(this, "Triggers", { table, bucket, functions });
    const schedules = new Schedules(this, "Schedules", { functions });
    // A stage without scanning accepts files unscanned (MALWARE_SCAN "none"): no plan, no verdicts.
    const malwareScanning =
      config.malwareScanning === "guardduty"
        ? new MalwareScanning(this, "MalwareScanning", { bucket, functions })
        : undefined;
    this.deadLetterQueues = [
      ...functions.deadLetterQueues,
      ...triggers.deadLetterQueues,
      ...schedules.deadLetterQueues,
      ...(malwareScanning?.deadLetterQueues ?? []),
    ];

    const auth = new Auth(this, "Auth", { config, webUrl: this.web.url });
    this.userPool = auth.userPool;
    this.userPoolClient = auth.userPoolClient;
    // The pages' run-time settings; nothing secret (a public client has no secret).
    this.web.deploy({
      apiBase: "",
      auth: { authority: auth.signInDomain.baseUrl(), clientId: this.userPoolClient.userPoolClientId },
    });
    api.addRoutes(routes, functions, auth);

    const monitoring = new Monitoring(this, "Monitoring", {
      config,
      functions: this.functions,
      deadLetterQueues: this.deadLetterQueues,
      api: this.api,
    });

    new CfnOutput(this, "ApiUrl", { value: api.url });
    if (api.domainTarget) new CfnOutput(this, "ApiDomainTarget", { value: api.domainTarget });
    new CfnOutput(this, "WebUrl", { value: this.web.url });
    new CfnOutput(this, "SignInDomain", { value: auth.signInDomain.baseUrl() });
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, "AlarmTopicArn", { value: monitoring.alarmTopic.topicArn });
    new CfnOutput(this, "MailConfigurationSetName", { value: mail.configurationSet.configurationSetName });
  }
}
