import { Duration, RemovalPolicy } from "aws-cdk-lib";
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
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { StageConfig } from "../config.ts";
import type { RouteDef } from "../routes.ts";
import type { Auth } from "./auth.ts";
import { pascal } from "./construct-id.ts";
import type { Functions } from "./functions.ts";
import { acknowledge } from "./nag.ts";

export interface ApiProps {
  readonly config: StageConfig;
}

/**
 * The HTTP API with its throttled, access-logged default stage. Routes are added later
 * (addRoutes), once the functions and the user pool exist. The resources are added to `scope`
 * (the stack), not under this construct, so they keep the logical IDs they were deployed with.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config } = props;
    this.httpApi = new HttpApi(scope, "Api", {
      apiName: `statsbidrag-${config.stage}`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [config.webOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ["authorization", "content-type", "idempotency-key"],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(scope, "ApiAccessLogs", {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(scope, "DefaultStage", {
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
      if (isPublic && httpRoute) {
        acknowledge(
          httpRoute,
          "AwsSolutions-APIG4",
          `${route.method} ${route.path} is public in infra/routes.ts by design (liveness check, returns no data).`,
        );
      }
    }
  }
}
