import { describe, expect, it } from "vitest";
import { signatureDateErrors } from "../../../../shared/forms/rules/signature-date.ts";
import { codesOf } from "../helpers.ts";

describe("signature date", () => {
  it("accepts today and the deadline day itself", () => {
    // Prepare
    const today = "2022-12-01";
    // Act
    const errors = signatureDateErrors("signature.date", "2022-12-01", today, "2022-12-01");
    // Assess
    expect(errors).toEqual([]);
  });

  it("rejects a date after today", () => {
    // Prepare
    const today = "2022-06-01";
    // Act
    const errors = signatureDateErrors("signature.date", "2022-06-02", today);
    // Assess
    expect(codesOf(errors)).toEqual(["SIGNATURE_DATE_IN_FUTURE"]);
  });

  it("rejects a date after the requisition deadline", () => {
    // Prepare
    const today = "2022-12-10";
    // Act
    const errors = signatureDateErrors("signature.date", "2022-12-02", today, "2022-12-01");
    // Assess
    expect(codesOf(errors)).toEqual(["SIGNATURE_AFTER_DEADLINE"]);
    expect(errors[0]?.message.sv).toContain("2022-12-01");
  });
});
