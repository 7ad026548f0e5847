import { describe, expect, it } from "vitest";
import { decisionsFor } from "../../../web/src/officer-submission/decision-form.ts";

/** The officer's decision form offers what the lifecycle allows in the submission's state, and nothing else. */
describe("the decisions an officer is offered", () => {
  it.each([
    ["requisition", "received", ["approve", "return", "refuse"]],
    ["requisition", "returned", ["refuse"]],
    ["report", "received", ["approve", "return"]],
    ["report", "returned", []],
    ["requisition", "awaiting-original", []],
    ["requisition", "approved", []],
    ["requisition", "paid", []],
    ["requisition", "refused", []],
    ["requisition", "replaced", []],
    ["requisition", "lapsed", []],
  ] as const)("a %s %s: %j", (kind, status, decisions) => {
    // Act + Assess
    expect(decisionsFor({ kind, status })).toEqual(decisions);
  });
});
