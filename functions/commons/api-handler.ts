import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import { type FunctionName, ROUTES, type RouteDef, routeKey } from "../../infra/routes.ts";
import {
  type Claims,
  principalFromClaims,
  requireOfficer,
  requireRoles,
} from "../../shared/auth/principal.ts";
import { NotFoundError, UnauthorizedError } from "../../shared/errors.ts";
import { powertoolsLogger } from "../../shared/logger.ts";
import type { ApiContext, ApiEvent, ApiResult, RouteHandler } from "./api-types.ts";
import { parseJsonBody } from "./body.ts";
import { errorHandler } from "./error-handler.ts";

type Request = middy.Request<ApiEvent, ApiResult, Error, ApiContext>;
type Middleware = MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;

/** "POST /submissions/{id}/payment" for each route routes.ts gives a function, and nothing else. */
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string }
  ? `${M} ${P}`
  : never;
export type RouteKeyOf<F extends FunctionName> = KeyOf<Extract<(typeof ROUTES)[number], { function: F }>>;

export function requirePrincipal(event: ApiEvent) {
  const principal = principalFromClaims(event.requestContext.authorizer?.jwt?.claims as Claims | undefined);
  if (!principal) throw new UnauthorizedError();
  return principal;
}

/** Access is the route's, as routes.ts declares it: the table CDK and the local gateway deploy. */
const authenticate = (routes: ReadonlyMap<string, RouteDef>): Middleware => ({
  before: (request: Request) => {
    const route = routes.get(request.event.routeKey);
    if (!route) throw new NotFoundError();
    if (route.access === "public") return;
    request.context.principal = requirePrincipal(request.event);
    if (route.access === "officer") requireOfficer(request.context.principal);
    if (route.roles) requireRoles(request.context.principal, route.roles);
  },
});

/**
 * API Gateway's request id on every log line of the invocation (correlation_id), the id its
 * access log has too. Set here rather than through Powertools' correlationIdPath, which would
 * bundle a JMESPath engine for one property.
 */
const correlationId = (): Middleware => ({
  before: (request: Request) => {
    powertoolsLogger.setCorrelationId(request.event.requestContext.requestId);
  },
});

const jsonBody = (): Middleware => ({
  before: (request: Request) => {
    const { event } = request;
    const method = event.requestContext.http.method;
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return;
    // An empty POST (e.g. "give me a new upload slot") has no body to type-check; handlers that
    // need one reject `undefined` through their schema with a field error.
    if (event.body === undefined || event.body === "") return;
    request.context.body = parseJsonBody(event.headers, event.body, event.isBase64Encoded);
  },
});

/**
 * An HTTP function over the given routes: put the Lambda context and the request id on the logs,
 * normalise headers, authenticate by the route's access, parse the JSON body, dispatch to the
 * route's own handler by API Gateway's route key, and map errors last.
 */
export function httpHandler(
  routes: readonly RouteDef[],
  handlers: Readonly<Record<string, RouteHandler>>,
): middy.MiddyfiedHandler<ApiEvent, ApiResult, Error, ApiContext> {
  const byKey = new Map(routes.map((r) => [routeKey(r), r]));
  const missing = [...byKey.keys()].filter((k) => !handlers[k]);
  const extra = Object.keys(handlers).filter((k) => !byKey.has(k));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`routes and handlers disagree: missing ${missing.join(", ")}; extra ${extra.join(", ")}`);
  }
  // The log context goes outermost, so the error handler's lines still carry it; keys are reset
  // after each request, and the event (bodies, claims with e-mail addresses) is never logged,
  // whatever POWERTOOLS_LOGGER_LOG_EVENT says.
  return middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(injectLambdaContext(powertoolsLogger, { resetKeys: true, logEvent: false }))
    .use(correlationId())
    .use(errorHandler())
    .use(httpHeaderNormalizer())
    .use(authenticate(byKey))
    .use(jsonBody())
    .handler((event, context) => {
      const handler = handlers[event.routeKey];
      if (!handler) throw new NotFoundError();
      return handler(event, context);
    });
}

/** The function's handler: one handler per route of `name` in routes.ts (checked by the compiler too). */
export function apiHandler<F extends FunctionName>(
  name: F,
  handlers: Readonly<Record<RouteKeyOf<F>, RouteHandler>>,
) {
  return httpHandler(
    ROUTES.filter((r) => r.function === name),
    handlers,
  );
}

/** A path parameter API Gateway always sets for the route; absent means the route table is wrong. */
export function pathParam(event: ApiEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined) throw new NotFoundError();
  return value;
}
