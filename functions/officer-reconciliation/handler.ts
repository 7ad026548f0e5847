import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { loadConfig } from "#shared/config";
import { recordPayment, recordRepayment } from "#shared/officer/payments";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps(loadConfig());

/**
 * POST /submissions/{id}/payment ({paidOn, amount}) and POST /programmes/{programmeId}/repayments
 * ({kommunkod, amount, date}; an Idempotency-Key makes a retry record nothing new).
 */
export const handler = apiHandler("officer", async (event, { principal, body }) => {
  if (event.routeKey.endsWith("/payment")) {
    const submission = await recordPayment(deps, principal, event.pathParameters?.id ?? "", body);
    return json(200, { submission });
  }
  const result = await recordRepayment(
    deps,
    principal,
    event.pathParameters?.programmeId ?? "",
    body,
    event.headers["idempotency-key"],
  );
  return json(result.replayed ? 200 : 201, result, result.replayed ? { "idempotent-replayed": "true" } : {});
});
