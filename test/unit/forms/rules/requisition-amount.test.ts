import { describe, expect, it } from "vitest";
import { requisitionAmountErrors } from "../../../../shared/forms/rules/requisition-amount.ts";
import { aldre2022, allocation, BORAS, codesOf, LUND, STOCKHOLM } from "../helpers.ts";

describe("requisitioned amount", () => {
  it("accepts Lund's full allocation", () => {
    // Prepare
    const lund = allocation(aldre2022(), LUND);
    // Act
    const errors = requisitionAmountErrors(1_530_608, "base", lund);
    // Assess
    expect(errors).toEqual([]);
  });

  it("rejects amount above allocation, naming Lund's allocation", () => {
    // Prepare
    const lund = allocation(aldre2022(), LUND);
    // Act
    const errors = requisitionAmountErrors(2_000_000, "base", lund);
    // Assess
    expect(errors).toEqual([
      {
        path: "grant.amount",
        code: "AMOUNT_EXCEEDS_ALLOCATION",
        message: {
          sv: "Beloppet 2 000 000 kr överstiger Lunds tilldelning 1 530 608 kr",
          en: "The amount 2 000 000 kr exceeds Lund's allocation of 1 530 608 kr",
        },
      },
    ]);
  });

  it("uses the genitive without an extra s for Borås", () => {
    // Prepare
    const boras = allocation(aldre2022(), BORAS);
    // Act
    const errors = requisitionAmountErrors(boras.amount + 1, "base", boras);
    // Assess
    expect(errors[0]?.message.sv).toMatch(/överstiger Borås tilldelning 1 757 752 kr$/);
  });

  it("rejects an amount of 0 kr", () => {
    // Prepare
    const lund = allocation(aldre2022(), LUND);
    // Act
    const errors = requisitionAmountErrors(0, "base", lund);
    // Assess
    expect(codesOf(errors)).toEqual(["AMOUNT_NOT_POSITIVE"]);
  });

  it("accepts a model municipality's extra 1 500 000 kr", () => {
    // Prepare
    const lund = allocation(aldre2022(), LUND);
    // Act
    const errors = requisitionAmountErrors(1_500_000, "model-extra", lund);
    // Assess
    expect(errors).toEqual([]);
  });

  it("rejects more than the model extra", () => {
    // Prepare
    const lund = allocation(aldre2022(), LUND);
    // Act
    const errors = requisitionAmountErrors(1_530_608, "model-extra", lund);
    // Assess
    expect(codesOf(errors)).toEqual(["AMOUNT_EXCEEDS_MODEL_EXTRA"]);
    expect(errors[0]?.message.sv).toBe(
      "Beloppet 1 530 608 kr överstiger Lunds extra medel som modellkommun 1 500 000 kr",
    );
  });

  it("rejects model-extra from a municipality that is not a model municipality", () => {
    // Prepare
    const stockholm = allocation(aldre2022(), STOCKHOLM);
    // Act
    const errors = requisitionAmountErrors(100_000, "model-extra", stockholm);
    // Assess
    expect(errors.map((e) => `${e.path} ${e.code}`)).toEqual(["grant.kind NOT_A_MODEL_MUNICIPALITY"]);
  });
});
