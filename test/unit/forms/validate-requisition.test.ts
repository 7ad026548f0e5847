import { describe, expect, it } from "vitest";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import type { RequisitionForm } from "../../../shared/forms/schema.ts";
import { checkRequisition, validateRequisition } from "../../../shared/forms/validate.ts";
import {
  aldre2021,
  aldre2022,
  LUND,
  MALMO,
  pathsAndCodes,
  STOCKHOLM,
  valfard2018,
  withField,
} from "./helpers.ts";

const TODAY = "2022-06-01";
const lund = () => sampleRequisition(aldre2022(), LUND, "2022-03-15");

describe("validateRequisition (rules against programme and municipality)", () => {
  it("accepts Lund's full allocation", () => {
    // Prepare
    const form = lund();
    // Act
    const errors = validateRequisition(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(errors).toEqual([]);
  });

  it("accepts Lund's model extra requisitioned separately", () => {
    // Prepare
    const form: RequisitionForm = {
      ...lund(),
      grant: { ...lund().grant, kind: "model-extra", amount: 1_500_000 },
    };
    // Act
    const errors = validateRequisition(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(errors).toEqual([]);
  });

  it("refuses Lund's form sent unchanged by Malmö: the recipient must be the caller", () => {
    // Prepare
    const lundsForm = lund();
    // Act
    const errors = validateRequisition(lundsForm, aldre2022(), MALMO, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["recipient.name RECIPIENT_NOT_CALLER"]);
  });

  it("refuses an organisation number other than the one the contact register holds", () => {
    // Prepare
    const form = lund();
    // Act
    const errors = validateRequisition(form, aldre2022(), LUND, TODAY, { organisationNumber: "212000-1264" });
    const matching = validateRequisition(
      { ...form, recipient: { ...form.recipient, organisationNumber: "212000-1264" } },
      aldre2022(),
      LUND,
      TODAY,
      { organisationNumber: "212000-1264" },
    );
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["recipient.organisationNumber ORGANISATION_NUMBER_MISMATCH"]);
    expect(errors[0]?.message.sv).toContain("212000-1264");
    expect(matching).toEqual([]);
  });

  it("rejects amount above allocation with the exact message", () => {
    // Prepare
    const form: RequisitionForm = { ...lund(), grant: { ...lund().grant, amount: 2_000_000 } };
    // Act
    const errors = validateRequisition(form, aldre2022(), LUND, TODAY);
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

  it("rejects model-extra from Stockholm, which is not a model municipality", () => {
    // Prepare
    const base = sampleRequisition(aldre2022(), STOCKHOLM, "2022-03-15");
    const form: RequisitionForm = {
      ...base,
      grant: { ...base.grant, kind: "model-extra", amount: 1_500_000 },
    };
    // Act
    const errors = validateRequisition(form, aldre2022(), STOCKHOLM, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["grant.kind NOT_A_MODEL_MUNICIPALITY"]);
  });

  it("rejects a municipality code that is not in the programme", () => {
    // Prepare
    const form = lund();
    // Act
    const errors = validateRequisition(form, aldre2022(), "9999", TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([" UNKNOWN_RECIPIENT"]);
  });

  it("refuses a 2022 requisition without the survey commitment the agreement asks for", () => {
    // Prepare
    const { surveyCommitment: _left, ...grant } = lund().grant;
    const form: RequisitionForm = { ...lund(), grant };
    // Act
    const errors = validateRequisition(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["grant.surveyCommitment SURVEY_COMMITMENT_REQUIRED"]);
  });

  it("asks no survey commitment of the 2018 decision, which has none", () => {
    // Prepare
    const form = sampleRequisition(valfard2018(), LUND, "2018-06-01");
    // Act
    const errors = validateRequisition(form, valfard2018(), LUND, "2018-06-01");
    // Assess
    expect(valfard2018().survey.atRequisition).toBe(false);
    expect(form.grant.surveyCommitment).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("rejects the 2022 form checked against the 2021 programme: period and signature", () => {
    // Prepare: the agreement has the same title both years, so the title tells them apart no more
    const form = lund();
    // Act
    const errors = validateRequisition(form, aldre2021(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "grant.period.from PERIOD_OUTSIDE_PROGRAMME",
      "grant.period.to PERIOD_OUTSIDE_PROGRAMME",
      "signature.date SIGNATURE_AFTER_DEADLINE",
    ]);
  });

  it("rejects malformed diarienummer and a period that ends before it starts", () => {
    // Prepare
    const form: RequisitionForm = {
      ...lund(),
      grant: {
        ...lund().grant,
        agreementDiarienummer: "2022/1",
        period: { from: "2022-12-31", to: "2022-01-01" },
      },
    };
    // Act
    const errors = validateRequisition(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "grant.agreementDiarienummer INVALID_DIARIENUMMER",
      "grant.period.to PERIOD_ENDS_BEFORE_START",
    ]);
  });

  it("requires the programme's own diarienummer once officers have entered it", () => {
    // Prepare
    const programme = { ...aldre2022(), decisionDiarienummer: "S2022/04321/SOF" };
    // Act
    const errors = validateRequisition(lund(), programme, LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["grant.decisionDiarienummer DIARIENUMMER_MISMATCH"]);
  });

  it("rejects a signature dated in the future", () => {
    // Prepare
    const form: RequisitionForm = { ...lund(), signature: { ...lund().signature, date: "2022-06-02" } };
    // Act
    const errors = validateRequisition(form, aldre2022(), LUND, TODAY);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["signature.date SIGNATURE_DATE_IN_FUTURE"]);
  });
});

describe("checkRequisition (parse, then validate)", () => {
  it("returns the parsed form when everything holds", () => {
    // Prepare
    const input = sampleRequisition(valfard2018(), STOCKHOLM, "2018-05-02");
    // Act
    const result = checkRequisition(input, valfard2018(), STOCKHOLM, "2018-05-02");
    // Assess
    expect(result).toEqual({ ok: true, form: input });
  });

  it("returns shape errors without applying the rules", () => {
    // Prepare
    const input = withField(lund(), "grant.amount", "2 000 000");
    // Act
    const result = checkRequisition(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "grant.amount NOT_AN_INTEGER_AMOUNT",
    ]);
  });

  it("returns rule errors for a well-formed form", () => {
    // Prepare
    const input = withField(lund(), "grant.amount", 2_000_000);
    // Act
    const result = checkRequisition(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "grant.amount AMOUNT_EXCEEDS_ALLOCATION",
    ]);
  });
});
