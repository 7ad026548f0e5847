import { officerDeps } from "#shared/composition-root";
import { attestPayment, proposePayment } from "#shared/officer/payments";
import { attestRepayment, proposedRepayments, proposeRepayment } from "#shared/officer/repayments";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps();

/** Four eyes on money: one officer proposes, another (an attestant) attests; only attested money counts. */
export const handler = apiHandler("officer-reconciliation", {
  /** {paidOn, amount}: proposes what the agency pays out on an approved requisition. */
  "POST /submissions/{id}/payment": async (event, { principal, body }) =>
    json(200, { submission: await proposePayment(deps, principal, pathParam(event, "id"), body) }),
  /** {proposalId}: attests the current proposal; the requisition is paid. */
  "POST /submissions/{id}/payment/attest": async (event, { principal, body }) =>
    json(200, { submission: await attestPayment(deps, principal, pathParam(event, "id"), body) }),
  /** {kommunkod, amount, date}; an Idempotency-Key makes a retry propose nothing new. */
  "POST /programmes/{programmeId}/repayments": async (event, { principal, body }) => {
    const result = await proposeRepayment(
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
  /** The repayments proposed and waiting for an attestant. */
  "GET /programmes/{programmeId}/repayments": async (event, { principal }) =>
    json(200, { repayments: await proposedRepayments(deps, principal, pathParam(event, "programmeId")) }),
  /** {kommunkod, id}: attests a proposed repayment; now it counts as repaid. */
  "POST /programmes/{programmeId}/repayments/attest": async (event, { principal, body }) =>
    json(200, await attestRepayment(deps, principal, pathParam(event, "programmeId"), body)),
});
