import type { AttachmentTransition, SubmissionTransition } from "../../submissions/lifecycle.ts";
import { gsi2, keys } from "./keys.ts";
import type { Item, TableOp } from "./table.ts";

/**
 * The only writes of a status: a lifecycle transition becomes one update, conditional on the
 * state and revision it was computed from, that moves the state and bumps the revision. `set`
 * adds fields written in the same update (the decision, the payment, the accepted original …);
 * `remove` drops fields.
 */
export function submissionTransitionOp(
  t: SubmissionTransition,
  set: Item = {},
  remove: readonly string[] = [],
): TableOp {
  const names: Record<string, string> = { "#status": "status", "#revision": "revision" };
  const values: Item = {
    ":from": t.from,
    ":to": t.to,
    ":revision": t.revision,
    ":one": 1,
    ":g2": gsi2.sort(t.to, t.createdAt, t.id),
    ":at": t.at,
  };
  const sets = ["#status = :to", "#revision = #revision + :one", "GSI2SK = :g2", "updatedAt = :at"];
  Object.entries(set).forEach(([field, value], i) => {
    names[`#s${i}`] = field;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  const removes = remove.map((field, i) => {
    names[`#r${i}`] = field;
    return `#r${i}`;
  });
  return {
    Update: {
      Key: keys.submission(t.id),
      ConditionExpression: "#status = :from AND #revision = :revision",
      UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export function attachmentTransitionOp(t: AttachmentTransition, set: Item = {}): TableOp {
  const names: Record<string, string> = { "#status": "status", "#revision": "revision" };
  const values: Item = { ":from": t.from, ":to": t.to, ":revision": t.revision, ":one": 1, ":at": t.at };
  const sets = ["#status = :to", "#revision = #revision + :one", "updatedAt = :at"];
  Object.entries(set).forEach(([field, value], i) => {
    names[`#s${i}`] = field;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  return {
    Update: {
      Key: keys.attachment(t.submissionId, t.id),
      ConditionExpression: "#status = :from AND #revision = :revision",
      UpdateExpression: `SET ${sets.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** A check, without a write, that the submission is still where a use case read it. */
export function submissionUnchangedOp(s: { id: string; status: string; revision: number }): TableOp {
  return {
    ConditionCheck: {
      Key: keys.submission(s.id),
      ConditionExpression: "#status = :status AND #revision = :revision",
      ExpressionAttributeNames: { "#status": "status", "#revision": "revision" },
      ExpressionAttributeValues: { ":status": s.status, ":revision": s.revision },
    },
  };
}
