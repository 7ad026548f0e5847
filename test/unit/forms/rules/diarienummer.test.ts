import { describe, expect, it } from "vitest";
import { diarienummerErrors } from "../../../../shared/forms/rules/diarienummer.ts";
import { codesOf } from "../helpers.ts";

describe("diarienummer", () => {
  it("accepts a well-formed number when the programme has none yet", () => {
    // Prepare
    const given = "S2022/01234/SOF";
    // Act
    const errors = diarienummerErrors("grant.agreementDiarienummer", given, null);
    // Assess
    expect(errors).toEqual([]);
  });

  it.each(["2022/01234/SOF", "S22/1/SOF", "S2022/01234", "s2022/01234/sof"])(
    "rejects the format of %j",
    (given) => {
      // Prepare: the input is the case
      // Act
      const errors = diarienummerErrors("grant.agreementDiarienummer", given, null);
      // Assess
      expect(codesOf(errors)).toEqual(["INVALID_DIARIENUMMER"]);
    },
  );

  it("requires the programme's own number where it has one", () => {
    // Prepare
    const expected = "S2021/08765/SOF";
    // Act
    const matching = diarienummerErrors("grant.decisionDiarienummer", expected, expected);
    const other = diarienummerErrors("grant.decisionDiarienummer", "S2021/00001/SOF", expected);
    // Assess
    expect(matching).toEqual([]);
    expect(other).toEqual([
      {
        path: "grant.decisionDiarienummer",
        code: "DIARIENUMMER_MISMATCH",
        message: {
          sv: "Diarienumret ska vara S2021/08765/SOF.",
          en: "The case reference (diarienummer) must be S2021/08765/SOF.",
        },
      },
    ]);
  });
});
