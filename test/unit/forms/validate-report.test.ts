import { describe, expect, it } from "vitest";
import { sampleReport } from "../../../shared/forms/samples.ts";
import type { ReportForm } from "../../../shared/forms/schema.ts";
import { checkReport, validateReport } from "../../../shared/forms/validate.ts";
import { aldre2022, LUND, pathsAndCodes, STOCKHOLM, valfard2018, withField } from "./helpers.ts";

const TODAY = "2023-03-31";
const lund = () => sampleReport(aldre2022(), LUND, "2023-03-20");

function lundWith(change: (form: ReportForm) => void): ReportForm {
  const form = lund();
  change(form);
  return form;
}

describe("validateReport (rules against programme and municipality)", () => {
  it("accepts Lund's report of base + model extra", () => {
    // Prepare
    const form = lund();
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(errors).toEqual([]);
  });

  it("accepts Lund's report of the base only, fully spent", () => {
    // Prepare
    const form = lundWith((f) => {
      f.grant.totalGrant = 1_530_608;
      f.grant.totalPaid = 1_530_608;
      f.accounting = { received: 1_530_608, costs: 1_600_000, unspent: 0, surveyAnswered: true };
    });
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(errors).toEqual([]);
  });

  it("refuses a report naming another municipality, or another number than the register's", () => {
    // Prepare: Lund's report, sent by Stockholm, whose number on record is Stockholms stad's
    const form = lund();
    // Act
    const errors = validateReport(form, aldre2022(), STOCKHOLM, TODAY, { organisationNumber: "212000-0142" });
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "recipient.name RECIPIENT_NOT_CALLER",
      "recipient.organisationNumber ORGANISATION_NUMBER_MISMATCH",
      "grant.totalGrant TOTAL_GRANT_MISMATCH",
    ]);
  });

  it("rejects a total grant that is neither base nor base + extra", () => {
    // Prepare
    const form = lundWith((f) => {
      f.grant.totalGrant = 3_030_609;
    });
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["grant.totalGrant TOTAL_GRANT_MISMATCH"]);
  });

  it("rejects more paid than granted and more received than paid", () => {
    // Prepare
    const form = lundWith((f) => {
      f.grant.totalGrant = 1_530_608;
      f.grant.totalPaid = 1_530_609;
      f.accounting.received = 1_600_000;
      f.accounting.costs = 1_600_000;
      f.accounting.unspent = 0;
    });
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "grant.totalPaid PAID_EXCEEDS_GRANT",
      "accounting.received RECEIVED_EXCEEDS_PAID",
    ]);
  });

  it("rejects unspent funds that are not received − costs", () => {
    // Prepare
    const form = lundWith((f) => {
      f.accounting.unspent = 0;
    });
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["accounting.unspent UNSPENT_MISMATCH"]);
    expect(errors[0]?.message.sv).toContain("303 061 kr");
  });

  it("accepts a report whose survey is not answered, and keeps the answer for the officer", () => {
    // Prepare: the 2022 agreement makes the survey a condition, but of requisitioning
    const form = lundWith((f) => {
      f.accounting.surveyAnswered = false;
    });
    // Act
    const result = checkReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(aldre2022().survey.atRequisition).toBe(true);
    expect(result.ok && result.form.accounting.surveyAnswered).toBe(false);
  });

  it("rejects alternative 2 without deviations", () => {
    // Prepare
    const form = lundWith((f) => {
      f.certification.alternative = 2;
    });
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["certification.deviations DEVIATIONS_REQUIRED"]);
  });

  it("accepts alternative 2 with deviations and no measures", () => {
    // Prepare
    const form = lundWith((f) => {
      f.certification = { ...f.certification, alternative: 2, deviations: "Kostnader bokförda 2023." };
    });
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(errors).toEqual([]);
  });

  it("rejects a signature dated in the future but accepts one after the report deadline", () => {
    // Prepare
    const future = lundWith((f) => {
      f.signature.date = "2023-04-01";
    });
    // Act
    const errors = validateReport(future, aldre2022(), LUND, TODAY);
    const late = validateReport(future, aldre2022(), LUND, "2023-04-15");
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["signature.date SIGNATURE_DATE_IN_FUTURE"]);
    expect(late).toEqual([]);
  });

  it("applies the title, diarienummer and period rules as for requisitions", () => {
    // Prepare
    const form = lundWith((f) => {
      f.grant.agreementTitle = "Välfärdsteknik";
      f.grant.decisionDiarienummer = "S2022-00002-SOF";
      f.grant.period = { from: "2022-01-01", to: "2023-01-31" };
    });
    // Act
    const errors = validateReport(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "grant.decisionDiarienummer INVALID_DIARIENUMMER",
      "grant.agreementTitle TITLE_MISMATCH",
      "grant.period.to PERIOD_OUTSIDE_PROGRAMME",
    ]);
  });

  it("rejects a municipality code that is not in the programme", () => {
    // Prepare
    const form = lund();
    // Act
    const errors = validateReport(form, aldre2022(), "0000", TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([" UNKNOWN_RECIPIENT"]);
  });
});

describe("checkReport (parse, then validate)", () => {
  it("accepts Stockholm's 2018 report (a programme without report deadline or model extra)", () => {
    // Prepare
    const input = sampleReport(valfard2018(), STOCKHOLM);
    // Act
    const result = checkReport(input, valfard2018(), STOCKHOLM, "2019-01-15");
    // Assess
    expect(result).toEqual({ ok: true, form: input });
  });

  it("returns shape errors first", () => {
    // Prepare
    const input = withField(lund(), "accounting.surveyAnswered", "ja");
    // Act
    const result = checkReport(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "accounting.surveyAnswered INVALID_TYPE",
    ]);
  });
});
