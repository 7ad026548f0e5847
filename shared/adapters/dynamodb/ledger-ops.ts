import type { LedgerRowCorrection } from "../../programmes/ports.ts";
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

/**
 * A corrected allocation on the municipality's ledger row, in the transaction that publishes the
 * programme's new version: conditional on the row as the correction read it (nothing reserved or
 * released since), or on there still being no row (it is then created on first use from the new
 * version). What remains (and, once the right has lapsed, what lapsed) moves by the difference.
 */
export function allocationCorrectionOp(programmeId: string, c: LedgerRowCorrection, at: string): TableOp {
  const Key = keys.allocation(programmeId, c.kommunkod);
  if (!c.read) return { ConditionCheck: { Key, ConditionExpression: "attribute_not_exists(PK)" } };
  const delta = c.to - c.read.allocated;
  const lapse = c.read.afterLapse;
  return {
    Update: {
      Key,
      ConditionExpression: `allocated = :from AND requisitioned = :req AND remaining = :rem AND ${lapse ? "attribute_exists(lapsedAt)" : "attribute_not_exists(lapsedAt)"}`,
      UpdateExpression: `SET allocated = :to, remaining = :rest, updatedAt = :at${lapse ? ", lapsedAmount = if_not_exists(lapsedAmount, :zero) + :delta" : ""}`,
      ExpressionAttributeValues: {
        ":from": c.read.allocated,
        ":req": c.read.requisitioned,
        ":rem": c.read.remaining,
        ":to": c.to,
        ":rest": c.read.remaining + delta,
        ":at": at,
        ...(lapse ? { ":zero": 0, ":delta": delta } : {}),
      },
    },
  };
}
