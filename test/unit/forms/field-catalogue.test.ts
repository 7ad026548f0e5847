import { describe, expect, it } from "vitest";
import {
  FIELD_CATALOGUE,
  pdfLabel,
  SECTION_TITLES,
  sectionTitle,
  shortLabel,
} from "../../../shared/forms/field-catalogue.ts";
import { sampleReport, sampleRequisition } from "../../../shared/forms/samples.ts";
import { aldre2022, LUND } from "./helpers.ts";

/** The dotted paths of a form's values (not of the objects that hold them). */
function leafPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, v]) => leafPaths(v, prefix ? `${prefix}.${key}` : key));
}

describe("the Bilaga 2 field catalogue", () => {
  it("names every field of both forms, optional ones included", () => {
    // Prepare
    const requisition = sampleRequisition(aldre2022(), LUND);
    requisition.recipient.fax = "046-35 50 01";
    requisition.payment.reference = "Statsbidrag 2022";
    const report = sampleReport(aldre2022(), LUND);
    report.certification = { ...report.certification, deviations: "Avvikelse", measures: "Åtgärd" };
    // Act
    const missing = [...leafPaths(requisition), ...leafPaths(report)].filter((p) => !(p in FIELD_CATALOGUE));
    // Assess
    expect(missing).toEqual([]);
  });

  it("has every label in Swedish and English, and a title for each form's four sections", () => {
    // Prepare
    const labels = Object.values(FIELD_CATALOGUE).flatMap((e) =>
      "short" in e ? [e.label, e.short] : [e.label],
    );
    // Act
    const untranslated = labels.filter((l) => !l.sv.trim() || !l.en.trim());
    // Assess
    expect(untranslated).toEqual([]);
    for (const kind of ["requisition", "report"] as const)
      expect(Object.keys(SECTION_TITLES[kind])).toEqual(["1", "2", "3", "4"]);
  });

  it("gives the printed and the short wording where they differ, else the form's label", () => {
    // Act
    const printed = [
      pdfLabel("recipient.name"),
      pdfLabel("recipient.organisationNumber"),
      pdfLabel("grant.amount"),
    ];
    const short = [shortLabel("grant.amount").en, shortLabel("recipient.fax").en];
    // Assess
    expect(printed).toEqual(["Bidragsmottagare", "Organisationsnummer", "Belopp som rekvireras"]);
    expect(short).toEqual(["Amount", "Fax"]);
    expect(sectionTitle("report", 4).sv).toBe("4. Granskning och underskrift");
  });
});
