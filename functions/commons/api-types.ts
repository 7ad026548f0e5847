import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import type { Principal } from "../../shared/auth/principal.ts";

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What the middleware hands a route handler besides the event. */
export interface ApiContext extends Context {
  principal: Principal;
  body: unknown;
}

export type RouteHandler = (event: ApiEvent, context: ApiContext) => Promise<ApiResult>;
