import { describe, expect, it } from "vitest";
import { periodErrors } from "../../../../shared/forms/rules/period.ts";
import { pathsAndCodes } from "../helpers.ts";

const YEAR_2022 = { from: "2022-01-01", to: "2022-12-31" };

describe("period", () => {
  it("accepts the whole grant period and a part of it", () => {
    // Prepare
    const part = { from: "2022-03-01", to: "2022-06-30" };
    // Act
    const whole = periodErrors("grant.period", YEAR_2022, YEAR_2022);
    const partial = periodErrors("grant.period", part, YEAR_2022);
    // Assess
    expect([...whole, ...partial]).toEqual([]);
  });

  it("rejects a period that ends before it starts", () => {
    // Prepare
    const reversed = { from: "2022-06-30", to: "2022-03-01" };
    // Act
    const errors = periodErrors("grant.period", reversed, YEAR_2022);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["grant.period.to PERIOD_ENDS_BEFORE_START"]);
  });

  it("rejects each end outside the programme's period", () => {
    // Prepare
    const tooWide = { from: "2021-12-01", to: "2023-01-31" };
    // Act
    const errors = periodErrors("grant.period", tooWide, YEAR_2022);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "grant.period.from PERIOD_OUTSIDE_PROGRAMME",
      "grant.period.to PERIOD_OUTSIDE_PROGRAMME",
    ]);
    expect(errors[0]?.message.sv).toBe(
      "Perioden ska ligga inom överenskommelsens period 2022-01-01–2022-12-31.",
    );
  });
});
