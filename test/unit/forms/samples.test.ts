import { describe, expect, it } from "vitest";
import { sampleReport, sampleRequisition } from "../../../shared/forms/samples.ts";
import { checkReport, checkRequisition } from "../../../shared/forms/validate.ts";
import { SEED_PROGRAMMES } from "../../../shared/programmes/seeds.ts";
import { aldre2022 } from "./helpers.ts";

describe("sample forms", () => {
  it("builds a valid requisition and report for every recipient in every programme", () => {
    // Prepare
    const cases = SEED_PROGRAMMES.flatMap((p) => p.allocations.map((a) => [p, a.kommunkod] as const));
    // Act
    const invalid = cases.flatMap(([programme, kommunkod]) => {
      const requisition = sampleRequisition(programme, kommunkod);
      const report = sampleReport(programme, kommunkod);
      const results = [
        checkRequisition(requisition, programme, kommunkod, requisition.signature.date),
        checkReport(report, programme, kommunkod, report.signature.date),
      ];
      return results.flatMap((r) =>
        r.ok ? [] : [`${programme.id} ${kommunkod}: ${JSON.stringify(r.errors)}`],
      );
    });
    // Assess
    expect(cases).toHaveLength(3 * 290 + 2); // and SKR in its two own shares
    expect(invalid).toEqual([]);
  });

  it("signs on the given day and requisitions the full allocation", () => {
    // Prepare
    const today = "2022-03-15";
    // Act
    const form = sampleRequisition(aldre2022(), "1281", today);
    // Assess
    expect(form.signature.date).toBe(today);
    expect(form.grant.amount).toBe(1_530_608);
    expect(form.grant.agreementTitle).toBe(
      "Överenskommelse mellan staten och Sveriges Kommuner och Regioner om äldreomsorg – teknik, kvalitet och effektivitet med den äldre i fokus",
    );
    expect(form.recipient.name).toBe("Lunds kommun");
  });

  it("refuses a municipality that is not in the programme", () => {
    // Prepare
    const kommunkod = "9999";
    // Act
    const build = () => sampleRequisition(aldre2022(), kommunkod);
    // Assess
    expect(build).toThrow(/9999/);
  });
});
