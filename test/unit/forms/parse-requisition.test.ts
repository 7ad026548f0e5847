import { describe, expect, it } from "vitest";
import { parseRequisition } from "../../../shared/forms/parse.ts";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { aldre2022, LUND, pathsAndCodes, withField, withoutField } from "./helpers.ts";

const lund = () => sampleRequisition(aldre2022(), LUND, "2022-03-15");

describe("parseRequisition (shape)", () => {
  it("accepts Lund's sample requisition unchanged", () => {
    // Prepare
    const input = lund();
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result).toEqual({ ok: true, form: input });
  });

  it("trims text and normalises organisation number, postal code and bankgiro", () => {
    // Prepare
    const input = withField(
      withField(
        withField(lund(), "recipient.name", "  Lunds kommun "),
        "recipient.organisationNumber",
        "2120000142",
      ),
      "recipient.postalAddress.postalCode",
      "22100",
    );
    const withGiro = withField(input, "payment.account", "5050 1055");
    // Act
    const result = parseRequisition(withGiro);
    // Assess
    expect(result.ok && result.form.recipient).toMatchObject({
      name: "Lunds kommun",
      organisationNumber: "212000-0142",
      postalAddress: { postalCode: "221 00" },
    });
    expect(result.ok && result.form.payment.account).toBe("5050-1055");
  });

  it("accepts a plusgiro account and normalises it", () => {
    // Prepare
    const input = withField(lund(), "payment", { method: "plusgiro", account: "4 47 51-6" });
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result.ok && result.form.payment).toEqual({ method: "plusgiro", account: "44751-6" });
  });

  it("accepts an empty fax and no payment reference", () => {
    // Prepare
    const input = withoutField(withField(lund(), "recipient.fax", ""), "payment.reference");
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result.ok).toBe(true);
  });

  it.each([
    ["grant.amount", "1 234 567", "NOT_AN_INTEGER_AMOUNT"],
    ["grant.amount", 1234.5, "NOT_AN_INTEGER_AMOUNT"],
    ["grant.amount", -1, "NEGATIVE_AMOUNT"],
    ["grant.amount", null, "REQUIRED"],
    ["grant.kind", "extra", "INVALID_VALUE"],
    ["grant.period.from", "2022-02-30", "INVALID_DATE"],
    ["grant.period.to", "31/12/2022", "INVALID_DATE"],
    ["signature.date", 20220315, "INVALID_TYPE"],
    ["recipient.name", "   ", "REQUIRED"],
    ["recipient.contactPerson", "x".repeat(201), "TOO_LONG"],
    ["recipient.postalAddress.city", "x".repeat(101), "TOO_LONG"],
    ["payment.reference", "x".repeat(51), "TOO_LONG"],
    ["recipient.organisationNumber", "212000-0143", "INVALID_ORGANISATION_NUMBER"],
    ["recipient.postalAddress.postalCode", "021 00", "INVALID_POSTAL_CODE"],
    ["recipient.phone", "35 50 00", "INVALID_PHONE"],
    ["recipient.fax", "12", "INVALID_PHONE"],
    ["recipient.email", "statsbidrag.lund.se", "INVALID_EMAIL"],
    ["payment.account", "5050-1056", "INVALID_BANKGIRO"],
    ["payment.method", "swish", "INVALID_VALUE"],
  ])("rejects %s = %j with %s", (path, value, code) => {
    // Prepare
    const input = withField(lund(), path, value);
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([`${path} ${code}`]);
  });

  it("reports a plusgiro account by plusgiro rules", () => {
    // Prepare
    const input = withField(lund(), "payment", { method: "plusgiro", account: "4 47 51-5" });
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual(["payment.account INVALID_PLUSGIRO"]);
  });

  it("reports missing fields as REQUIRED at their path", () => {
    // Prepare
    const input = withoutField(withoutField(lund(), "recipient.postalAddress.postalCode"), "signature");
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "recipient.postalAddress.postalCode REQUIRED",
      "signature REQUIRED",
    ]);
  });

  it("rejects unknown fields at every level with UNKNOWN_FIELD", () => {
    // Prepare
    const input = withField(withField(lund(), "grant.note", "x"), "extra", 1);
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([
      "grant.note UNKNOWN_FIELD",
      "extra UNKNOWN_FIELD",
    ]);
  });

  it("rejects a body that is not an object", () => {
    // Prepare
    const inputs = ["rekvisition", [], 42];
    // Act
    const results = inputs.map(parseRequisition);
    // Assess
    for (const result of results) {
      expect(result.ok === false && pathsAndCodes(result.errors)).toEqual([" INVALID_TYPE"]);
    }
  });

  it("reports every problem at once, each with a Swedish and an English message", () => {
    // Prepare
    const input = withField(withField(lund(), "grant.amount", "1 530 608"), "recipient.email", "x");
    // Act
    const result = parseRequisition(input);
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    for (const error of result.errors) {
      expect(error.message.sv).not.toBe("");
      expect(error.message.en).not.toBe("");
    }
  });
});
