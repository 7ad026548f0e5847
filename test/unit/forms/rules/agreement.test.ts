import { describe, expect, it } from "vitest";
import { agreementErrors } from "../../../../shared/forms/rules/agreement.ts";
import { aldre2022, pathsAndCodes, valfard2018 } from "../helpers.ts";

/** The title as the 2022 agreement prints it (seed 000, section 5): no year after it. */
const PRINTED_TITLE =
  "Överenskommelse mellan staten och Sveriges Kommuner och Regioner om äldreomsorg – teknik, kvalitet och effektivitet med den äldre i fokus";

describe("the grant's basis: agreement and decision", () => {
  it("accepts the agreement's title as the agreement prints it, without the service's year", () => {
    // Prepare
    const grant = {
      agreementDiarienummer: "S2022/00001/SOF",
      decisionDiarienummer: "S2022/00002/SOF",
      agreementTitle: PRINTED_TITLE,
    };
    // Act
    const errors = agreementErrors(grant, aldre2022());
    // Assess
    expect(aldre2022().title).toMatch(/ 2022$/);
    expect(errors).toEqual([]);
  });

  it("refuses the service's display title, year and all, and names the agreement's own", () => {
    // Prepare
    const grant = {
      agreementDiarienummer: "S2022/00001/SOF",
      decisionDiarienummer: "S2022/00002/SOF",
      agreementTitle: aldre2022().title,
    };
    // Act
    const errors = agreementErrors(grant, aldre2022());
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["grant.agreementTitle TITLE_MISMATCH"]);
    expect(errors[0]?.message.sv).toContain(PRINTED_TITLE);
  });

  it("requires the agreement's title and case number where the programme has an agreement", () => {
    // Prepare
    const grant = { decisionDiarienummer: "S2022/00002/SOF", agreementTitle: "" };
    // Act
    const errors = agreementErrors(grant, aldre2022());
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "grant.agreementDiarienummer REQUIRED",
      "grant.agreementTitle REQUIRED",
    ]);
  });

  it("asks only for the decision's case number where the programme rests on a government decision", () => {
    // Prepare: seed 004 is a government decision, with no agreement to name
    const bare = { decisionDiarienummer: "S2018/00002/SOF" };
    const noted = { ...bare, agreementTitle: "Uppdrag att fördela medel" };
    // Act
    const errors = [...agreementErrors(bare, valfard2018()), ...agreementErrors(noted, valfard2018())];
    // Assess
    expect(valfard2018().agreementTitle).toBeNull();
    expect(errors).toEqual([]);
  });

  it("still refuses a malformed case number, and a missing decision number, without an agreement", () => {
    // Prepare
    const grant = { agreementDiarienummer: "2018/1", decisionDiarienummer: "S2018" };
    // Act
    const errors = agreementErrors(grant, valfard2018());
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "grant.agreementDiarienummer INVALID_DIARIENUMMER",
      "grant.decisionDiarienummer INVALID_DIARIENUMMER",
    ]);
  });
});
