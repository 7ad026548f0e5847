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

  it("has every label in Swedish and English, and a title for each of Bilaga 2's sections", () => {
    // Prepare
    const labels = Object.values(FIELD_CATALOGUE).flatMap((e) =>
      "short" in e ? [e.label, e.short] : [e.label],
    );
    // Act
    const untranslated = labels.filter((l) => !l.sv.trim() || !l.en.trim());
    // Assess
    expect(untranslated).toEqual([]);
    expect(Object.keys(SECTION_TITLES.requisition)).toEqual(["1", "2", "3", "4"]);
    expect(Object.keys(SECTION_TITLES.report)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("gives the printed and the short wording where they differ, else the form's label", () => {
    // Act
    const printed = [
      pdfLabel("requisition", "recipient.name"),
      pdfLabel("requisition", "recipient.organisationNumber"),
      pdfLabel("requisition", "grant.amount"),
      pdfLabel("report", "recipient.phone"),
    ];
    const short = [shortLabel("grant.amount").en, shortLabel("recipient.fax").en];
    // Assess
    expect(printed).toEqual([
      "Bidragsmottagare",
      "Organisationsnummer",
      "Belopp som rekvireras",
      "Telefon inkl. riktnummer",
    ]);
    expect(short).toEqual(["Amount", "Fax"]);
    expect(sectionTitle("report", 4).sv).toBe("4. Granskning");
  });

  it("prints what Bilaga 2 words differently on the two forms in each form's own words", () => {
    // Act
    const decision = [
      pdfLabel("requisition", "grant.decisionDiarienummer"),
      pdfLabel("report", "grant.decisionDiarienummer"),
    ];
    const period = [pdfLabel("requisition", "grant.period"), pdfLabel("report", "grant.period")];
    // Assess
    expect(decision).toEqual([
      "Regeringskansliets diarienummer för regeringsbeslut avseende utbetalning",
      "Regeringskansliets diarienummer avseende regeringsbeslut för utbetalning",
    ]);
    expect(period).toEqual(["Rekvisitionen avser perioden", "Period som den ekonomiska redovisningen avser"]);
  });

  it("heads the signature sections as Bilaga 2 does, each with its own declaration", () => {
    // Act
    const requisition = sectionTitle("requisition", 4);
    const report = sectionTitle("report", 5);
    // Assess
    expect(requisition.pdf).toBe("4. Underskrift i original av behörig företrädare");
    expect(requisition.declaration).toBe(
      "Bidragstagaren intygar att lämnade uppgifter är riktiga samt försäkrar att bidraget kommer att användas enligt den gemensamma överenskommelsen.",
    );
    expect(report.pdf).toBe("5. Underskrift i original av behörig företrädare");
    expect(report.declaration).toBe("Bidragstagaren intygar att lämnade uppgifter är riktiga.");
    expect(sectionTitle("report", 4).declaration).toBeUndefined();
  });
});
