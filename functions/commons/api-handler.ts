import middy, { type MiddlewareObj } from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { type Principal, requireOfficer, requirePrincipal } from "../../shared/auth/principal.ts";
import { AppError, ServiceUnavailableError } from "../../shared/errors.ts";
import { logger } from "../../shared/logger.ts";
import { parseJsonBody } from "./body.ts";
import { json } from "./responses.ts";

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type Access = "public" | "user" | "officer";

export interface ApiContext extends Context {
  principal: Principal;
  body: unknown;
}

type Request = middy.Request<ApiEvent, ApiResult, Error, ApiContext>;

const authenticate = (access: Access): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: (request: Request) => {
    if (access === "public") return;
    request.context.principal = requirePrincipal(request.event);
    if (access === "officer") requireOfficer(request.context.principal);
  },
});

const jsonBody = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: (request: Request) => {
    const { event } = request;
    if (event.requestContext.http.method !== "POST" && event.requestContext.http.method !== "PUT") return;
    // An empty POST (e.g. "give me a new upload slot") has no body to type-check; handlers that
    // need one reject `undefined` through their schema with a field error.
    if (event.body === undefined || event.body === "") return;
    request.context.body = parseJsonBody(event.headers, event.body, event.isBase64Encoded);
  },
});

/** Network failures and throttling of a dependency: the client may retry, so 503 rather than 500. */
const RETRYABLE = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "ServiceUnavailable",
  "InternalServerError",
  "TimeoutError",
  "ECONNREFUSED",
  "ECONNRESET",
]);

export function isRetryableDependencyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: string }).code;
  return RETRYABLE.has(error.name) || (code !== undefined && RETRYABLE.has(code));
}

/**
 * Errors become HTTP here and nowhere else. AppErrors carry their own status and a body meant
 * for the client; anything else is logged with the request id and answered without details.
 */
const errorHandler = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  onError: (request: Request) => {
    const error = request.error;
    const requestId = request.context.awsRequestId;
    const route = request.event.routeKey;
    if (error instanceof AppError) {
      logger.info("request refused", { requestId, route, status: error.status, code: error.code });
      request.response = json(error.status, { ...error.toBody(), requestId });
      return;
    }
    if (isRetryableDependencyError(error)) {
      logger.error("dependency unavailable", error, { requestId, route });
      const unavailable = new ServiceUnavailableError();
      request.response = json(503, { ...unavailable.toBody(), requestId }, { "retry-after": "5" });
      return;
    }
    logger.error("unhandled error", error, { requestId, route });
    request.response = json(500, {
      code: "INTERNAL_ERROR",
      message: { sv: "Internt fel.", en: "Internal error." },
      requestId,
    });
  },
});

/**
 * The one way an HTTP handler is built: normalise headers, authenticate, parse the JSON body,
 * run the handler, and map errors last.
 */
export function apiHandler(
  access: Access,
  handler: (event: ApiEvent, context: ApiContext) => Promise<ApiResult>,
): middy.MiddyfiedHandler<ApiEvent, ApiResult, Error, ApiContext> {
  return middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(errorHandler())
    .use(httpHeaderNormalizer())
    .use(authenticate(access))
    .use(jsonBody())
    .handler(handler);
}
