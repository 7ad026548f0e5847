import { describe, expect, it } from "vitest";
import type { Value } from "../../../web/src/form-kit/types.ts";
import { extraCounts, extraLeft } from "../../../web/src/model-extra.ts";
import { awaitingPayment, recordedPaymentValues } from "../../../web/src/report/recorded-payment.ts";
import { unspentOf } from "../../../web/src/report/values.ts";
import { stands } from "../../../web/src/standing.ts";

/** What the municipality's pages take from its own position in a programme (GET /programmes/{id}). */
describe("the model municipality extra", () => {
  it("is offered and counted while it can be requisitioned", () => {
    // Prepare
    const own = { modelExtra: 1_500_000, modelExtraRequisitioned: 500_000, extraLapsed: false };
    // Act + Assess
    expect(extraCounts(own)).toBe(true);
    expect(extraLeft(own)).toBe(1_000_000);
  });

  it("is neither offered nor counted once it lapsed", () => {
    // Prepare
    const own = { modelExtra: 1_500_000, modelExtraRequisitioned: 0, extraLapsed: true };
    // Act + Assess
    expect(extraCounts(own)).toBe(false);
    expect(extraLeft(own)).toBe(0);
  });

  it("does not exist for a municipality without one", () => {
    // Act + Assess
    expect(extraCounts({ modelExtra: 0, extraLapsed: false })).toBe(false);
  });
});

describe("the financial report and the payment on record", () => {
  it("states the recorded payment as both paid and received, and computes unspent as paid − costs", () => {
    // Prepare
    const values: Record<string, Value> = {
      ...recordedPaymentValues({ paid: 1_530_608 }),
      "accounting.costs": "1 400 000",
    };
    // Act + Assess
    expect(values["grant.totalPaid"]).toBe("1 530 608");
    expect(values["accounting.received"]).toBe("1 530 608");
    expect(unspentOf(values)).toBe(130_608);
    expect(unspentOf({ ...values, "accounting.costs": "2 000 000" })).toBe(0);
  });

  it("has to wait until a payment is recorded", () => {
    // Act + Assess
    expect(awaitingPayment({ paid: 0 })).toBe(true);
    expect(awaitingPayment({ paid: 1 })).toBe(false);
  });
});

describe("which submissions still stand for their part of the grant", () => {
  it.each([
    ["awaiting-original", true],
    ["received", true],
    ["returned", true],
    ["approved", true],
    ["paid", true],
    ["replaced", false],
    ["refused", false],
    ["lapsed", false],
  ] as const)("%s: %s", (status, standing) => {
    // Act + Assess
    expect(stands({ status })).toBe(standing);
  });
});
