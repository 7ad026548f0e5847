import { Duration, Fn, RemovalPolicy } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  ApiMapping,
  type CfnStage,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { StageConfig } from "../config.ts";
import { type RouteDef, routeKey } from "../routes.ts";
import type { Auth } from "./auth.ts";
import { pascal } from "./construct-id.ts";
import type { Functions } from "./functions.ts";
import { acknowledge } from "./nag.ts";

export interface ApiProps {
  readonly config: StageConfig;
}

/** A route's own throttle, over the stage default every other route gets. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * Routes throttled tighter than the stage default. GET /health is public and unauthenticated:
 * a flood of it is cut at 5 req/s instead of using up the account's request quota that the
 * submission routes need on deadline day. A liveness check needs no more.
 */
export const ROUTE_THROTTLES: Readonly<Record<string, RouteThrottle>> = {
  "GET /health": { rateLimit: 5, burstLimit: 10 },
};

/**
 * The HTTP API with its throttled, access-logged default stage. Routes are added later
 * (addRoutes), once the functions and the user pool exist. The resources are added to `scope`
 * (the stack), not under this construct, so they keep the logical IDs they were deployed with.
 *
 * With config.apiDomain the execute-api endpoint is disabled and the API answers only on that
 * custom domain, which CloudFront uses as its origin; without one, the execute-api host is the
 * origin and stays open (an HTTP API has no resource policy to restrict it to CloudFront).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The host CloudFront forwards API paths to. */
  readonly originHost: string;
  /** https://<the API's own host>, for the ApiUrl output. */
  readonly url: string;
  /** Where the custom domain's CNAME must point; undefined without config.apiDomain. */
  readonly domainTarget: string | undefined;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config } = props;
    this.httpApi = new HttpApi(scope, "Api", {
      apiName: `statsbidrag-${config.stage}`,
      createDefaultStage: false,
      disableExecuteApiEndpoint: config.apiDomain !== undefined,
      corsPreflight: {
        allowOrigins: [config.webOrigin],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: ["authorization", "content-type", "idempotency-key"],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(scope, "ApiAccessLogs", {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(scope, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
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

    if (config.apiDomain) {
      const domain = new DomainName(scope, "ApiDomain", {
        domainName: config.apiDomain.name,
        certificate: Certificate.fromCertificateArn(scope, "ApiCertificate", config.apiDomain.certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(scope, "ApiMapping", { api: this.httpApi, domainName: domain, stage: this.stage });
      this.originHost = config.apiDomain.name;
      this.url = `https://${config.apiDomain.name}`;
      this.domainTarget = domain.regionalDomainName;
    } else {
      // https://<id>.execute-api.<region>.amazonaws.com → the host name CloudFront connects to.
      this.originHost = Fn.select(2, Fn.split("/", this.httpApi.apiEndpoint));
      this.url = this.httpApi.apiEndpoint;
      this.domainTarget = undefined;
    }
  }

  /** One route per RouteDef, JWT-authorised by the user pool unless the route is public. */
  addRoutes(routes: readonly RouteDef[], functions: Functions, auth: Auth): void {
    for (const route of routes) {
      if (!functions.has(route.function)) {
        throw new Error(
          `Api: route ${route.method} ${route.path} names unknown function "${route.function}"`,
        );
      }
    }
    const authorizer = new HttpUserPoolAuthorizer("CognitoAuthorizer", auth.userPool, {
      userPoolClients: [auth.userPoolClient],
    });
    const integrations = new Map<string, HttpLambdaIntegration>();
    const created = new Map<string, HttpRoute>();
    for (const route of routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${pascal(route.function)}Integration`,
          functions.get(route.function),
        );
        integrations.set(route.function, integration);
      }
      const isPublic = route.access === "public";
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        // "officer" routes use the same authorizer; the handler checks the cognito:groups claim.
        authorizer: isPublic ? new HttpNoneAuthorizer() : authorizer,
      });
      if (httpRoute) created.set(routeKey(route), httpRoute);
      if (isPublic && httpRoute) {
        acknowledge(
          httpRoute,
          "AwsSolutions-APIG4",
          `${route.method} ${route.path} is public in infra/routes.ts by design (liveness check, returns no data).`,
        );
      }
    }
    this.throttleRoutes(created);
  }

  /**
   * The stage's RouteSettings for ROUTE_THROTTLES (the L2 stage has no per-route setting). The
   * stage must wait for those routes: API Gateway refuses settings for a route it does not have.
   */
  private throttleRoutes(routes: ReadonlyMap<string, HttpRoute>): void {
    // RouteSettings is untyped JSON in the L1, so CloudFormation's own spelling.
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const [key, throttle] of Object.entries(ROUTE_THROTTLES)) {
      const route = routes.get(key);
      if (!route) continue;
      settings[key] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
      this.stage.node.addDependency(route);
    }
    if (Object.keys(settings).length === 0) return;
    (this.stage.node.defaultChild as CfnStage).routeSettings = settings;
  }
}
