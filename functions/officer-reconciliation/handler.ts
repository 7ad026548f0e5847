import { officerDeps } from "#shared/composition-root";
import { recordPayment, recordRepayment } from "#shared/officer/payments";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps();

export const handler = apiHandler("officer-reconciliation", {
  /** {paidOn, amount}: what the agency paid out on an approved requisition. */
  "POST /submissions/{id}/payment": async (event, { principal, body }) =>
    json(200, { submission: await recordPayment(deps, principal, pathParam(event, "id"), body) }),
  /** {kommunkod, amount, date}; an Idempotency-Key makes a retry record nothing new. */
  "POST /programmes/{programmeId}/repayments": async (event, { principal, body }) => {
    const result = await recordRepayment(
      deps,
      principal,
      pathParam(event, "programmeId"),
      body,
      event.headers["idempotency-key"],
    );
    return json(
      result.replayed ? 200 : 201,
      result,
      result.replayed ? { "idempotent-replayed": "true" } : {},
    );
  },
});
