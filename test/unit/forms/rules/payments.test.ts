import { describe, expect, it } from "vitest";
import { paymentErrors } from "../../../../shared/forms/rules/payments.ts";
import { pathsAndCodes } from "../helpers.ts";

describe("received ≤ paid ≤ grant", () => {
  it("accepts equal sums and a partly paid grant", () => {
    // Prepare
    const grant = 1_530_608;
    // Act
    const full = paymentErrors(grant, grant, grant);
    const partial = paymentErrors(1_000_000, 1_000_000, grant);
    // Assess
    expect([...full, ...partial]).toEqual([]);
  });

  it("rejects more paid than granted and more received than paid", () => {
    // Prepare
    const grant = 1_530_608;
    // Act
    const overpaid = paymentErrors(grant, grant + 1, grant);
    const overReceived = paymentErrors(grant, 1_000_000, grant);
    // Assess
    expect(pathsAndCodes(overpaid)).toEqual(["grant.totalPaid PAID_EXCEEDS_GRANT"]);
    expect(pathsAndCodes(overReceived)).toEqual(["accounting.received RECEIVED_EXCEEDS_PAID"]);
  });
});
