import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sampleOrganisationNumber } from "../../../shared/forms/samples.ts";
import { checkReport, checkRequisition } from "../../../shared/forms/validate.ts";
import { aldre2022, LUND, MALMO, pathsAndCodes } from "./helpers.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/forms/${name}`, import.meta.url), "utf8"));
const TODAY = "2023-06-01";

describe("form fixtures (test/fixtures/forms)", () => {
  it("accepts the requisition for Lund 2022", () => {
    // Prepare
    const input = fixture("requisition-lund-2022.json");
    // Act
    const result = checkRequisition(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok).toBe(true);
  });

  it("accepts the requisition for Lund 2022 against the number the contact register holds", () => {
    // Prepare
    const input = fixture("requisition-lund-2022.json");
    // Act
    const result = checkRequisition(input, aldre2022(), LUND, TODAY, { organisationNumber: "212000-1264" });
    // Assess
    expect(result.ok).toBe(true);
  });

  it("refuses Lund's requisition sent unchanged by Malmö", () => {
    // Prepare
    const input = fixture("requisition-lund-2022.json");
    // Act
    const result = checkRequisition(input, aldre2022(), MALMO, TODAY, {
      organisationNumber: sampleOrganisationNumber(MALMO),
    });
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "recipient.name RECIPIENT_NOT_CALLER",
      "recipient.organisationNumber ORGANISATION_NUMBER_MISMATCH",
    ]);
  });

  it("accepts the report for Lund 2022", () => {
    // Prepare
    const input = fixture("report-lund-2022.json");
    // Act
    const result = checkReport(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok).toBe(true);
  });

  it("rejects the invalid requisition for its rule errors", () => {
    // Prepare
    const input = fixture("requisition-lund-2022-invalid.json");
    // Act
    const result = checkRequisition(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "grant.agreementTitle TITLE_MISMATCH",
      "grant.amount AMOUNT_EXCEEDS_ALLOCATION",
      "signature.date SIGNATURE_AFTER_DEADLINE",
    ]);
  });

  it("rejects the invalid report for its rule errors", () => {
    // Prepare
    const input = fixture("report-lund-2022-invalid.json");
    // Act
    const result = checkReport(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "accounting.unspent UNSPENT_MISMATCH",
      "certification.deviations DEVIATIONS_REQUIRED",
    ]);
  });

  it("rejects the malformed requisition for its shape errors", () => {
    // Prepare
    const input = fixture("requisition-malformed.json");
    // Act
    const result = checkRequisition(input, aldre2022(), LUND, TODAY);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "recipient.organisationNumber INVALID_ORGANISATION_NUMBER",
      "recipient.postalAddress.postalCode INVALID_POSTAL_CODE",
      "grant.amount NOT_AN_INTEGER_AMOUNT",
      "payment.account INVALID_BANKGIRO",
      "signature.date INVALID_DATE",
      "signature.signed UNKNOWN_FIELD",
    ]);
  });
});
