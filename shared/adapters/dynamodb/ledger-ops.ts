import type { LedgerRelease } from "../../submissions/ports.ts";
import { keys } from "./keys.ts";
import type { TableOp } from "./table.ts";

/** The allocation row's fields for the municipality's own share and for the model-municipality extra. */
export function reservationFields(grantKind: "base" | "model-extra") {
  return grantKind === "model-extra"
    ? { idField: "extraRequisitionId", sumField: "modelExtraRequisitioned", restField: "modelExtraRemaining" }
    : { idField: "baseRequisitionId", sumField: "requisitioned", restField: "remaining" };
}

/**
 * Gives a requisition's reservation back, conditional on the row still naming it and on the
 * lapse the domain saw: before the deadline the right is restored (a new requisition may follow);
 * after it, the amount lapses, and a released base leaves nothing requisitioned (the right lapsed).
 */
export function releaseOp(r: LedgerRelease): TableOp {
  const { idField, sumField, restField } = reservationFields(r.grantKind);
  const sets = [
    `${sumField} = ${sumField} - :amount`,
    `${restField} = ${restField} + :amount`,
    "updatedAt = :at",
  ];
  if (r.afterLapse) {
    sets.push("lapsedAmount = if_not_exists(lapsedAmount, :zero) + :amount");
    sets.push(r.grantKind === "base" ? "lapsed = :true" : "extraLapsed = :true");
  }
  return {
    Update: {
      Key: keys.allocation(r.programmeId, r.kommunkod),
      ConditionExpression: `${idField} = :id AND ${r.afterLapse ? "attribute_exists(lapsedAt)" : "attribute_not_exists(lapsedAt)"}`,
      UpdateExpression: `SET ${sets.join(", ")} REMOVE ${idField}`,
      ExpressionAttributeValues: {
        ":id": r.submissionId,
        ":amount": r.amount,
        ":at": r.at,
        ...(r.afterLapse ? { ":zero": 0, ":true": true } : {}),
      },
    },
  };
}
