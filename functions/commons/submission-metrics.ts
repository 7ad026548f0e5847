import type { MiddlewareObj } from "@middy/core";
import { METRIC } from "#shared/metric-names";
import { AppError } from "../../shared/errors.ts";
import type { ApiContext, ApiEvent, ApiResult } from "./api-types.ts";
import { countMetric } from "./metrics.ts";

export type SubmissionKind = "requisition" | "report" | "correction";

/**
 * Counts what a submission route did with a submission: stored (201, not an idempotent replay)
 * or refused, by the error's stable code (VALIDATION_FAILED, DEADLINE_PASSED, …). Used innermost
 * (`apiHandler(…).use(countSubmissions(kind))`), so it sees the handler's answer before anything
 * else and the error before the error handler turns it into one. A 5xx is not a refusal: the
 * API's 5xx alarm covers it.
 */
export const countSubmissions = (
  kind: SubmissionKind,
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  after: (request) => {
    const response = request.response;
    if (response?.statusCode !== 201 || response.headers?.["idempotent-replayed"]) return;
    countMetric(METRIC.submissionAccepted, 1, { kind });
  },
  onError: (request) => {
    if (request.error instanceof AppError && request.error.status < 500) {
      countMetric(METRIC.submissionRefused, 1, { kind, code: request.error.code });
    }
  },
});
