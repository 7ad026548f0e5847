import type { MiddlewareObj } from "@middy/core";
import { AppError, ServiceUnavailableError } from "../../shared/errors.ts";
import { logger } from "../../shared/logger.ts";
import type { ApiContext, ApiEvent, ApiResult } from "./api-types.ts";
import { json } from "./responses.ts";

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
export const errorHandler = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  onError: (request) => {
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
