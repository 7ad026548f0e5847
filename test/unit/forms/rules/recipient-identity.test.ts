import { describe, expect, it } from "vitest";
import {
  type Caller,
  organisationNumberOfCallerProblem,
  recipientCaller,
  recipientIdentityErrors,
  recipientNameFor,
} from "../../../../shared/forms/rules/recipient-identity.ts";
import { pathsAndCodes } from "../helpers.ts";

function caller(kommunkod: string): Caller {
  const found = recipientCaller(kommunkod);
  if (!found) throw new Error(`test setup: no recipient ${kommunkod}`);
  return found;
}

const LUND_NUMBER = "212000-1264";
const identity = (name: string, organisationNumber = LUND_NUMBER) => ({ name, organisationNumber });

describe("the recipient is the caller: its name", () => {
  it.each([
    ["1281", "Lunds kommun"],
    ["1281", "Lund kommun"],
    ["1281", "  LUNDS   kommun "],
    ["0380", "Uppsala kommun"],
    ["0180", "Stockholms stad"],
    ["1280", "Malmö stad"],
    ["1280", "Malmö stad".normalize("NFD")],
    ["1490", "Borås stad"],
    ["1490", "Borås kommun"],
    ["0980", "Region Gotland"],
    ["0980", "Gotlands kommun"],
  ])("accepts %s named %j", (kommunkod, name) => {
    // Prepare: the input is the case
    // Act
    const errors = recipientIdentityErrors(identity(name), caller(kommunkod), undefined);
    // Assess
    expect(errors).toEqual([]);
  });

  it("refuses Lund's name on Malmö's form and names what Malmö should write", () => {
    // Prepare
    const lundsForm = identity("Lunds kommun");
    // Act
    const errors = recipientIdentityErrors(lundsForm, caller("1280"), undefined);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["recipient.name RECIPIENT_NOT_CALLER"]);
    expect(errors[0]?.message.sv).toContain("t.ex. Malmös kommun");
    expect(errors[0]?.message.en).toContain("e.g. Malmös kommun");
  });

  it.each([
    ["1490", "Boråss stad"],
    ["1281", "Region Lund"],
    ["1281", "Lunds kommunförbund"],
    ["1281", "Lund"],
    ["1281", "Region Skåne"],
  ])("refuses %s named %j", (kommunkod, name) => {
    // Prepare: the input is the case
    // Act
    const errors = recipientIdentityErrors(identity(name), caller(kommunkod), undefined);
    // Assess
    expect(pathsAndCodes(errors)).toEqual(["recipient.name RECIPIENT_NOT_CALLER"]);
  });

  it("suggests <Name>s kommun, and Region Gotland for Gotland", () => {
    // Act
    const names = ["1281", "1490", "0180", "0980"].map((k) => recipientNameFor(caller(k)));
    // Assess
    expect(names).toEqual(["Lunds kommun", "Borås kommun", "Stockholms kommun", "Region Gotland"]);
  });
});

describe("the recipient is the caller: its organisation number", () => {
  it.each(["232100-0255", "556036-0793"])("refuses %s, a valid number but not a municipality's", (number) => {
    // Prepare: a region's and a company's number
    const form = identity("Lunds kommun", number);
    // Act
    const errors = recipientIdentityErrors(form, caller("1281"), undefined);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "recipient.organisationNumber NOT_A_MUNICIPALITY_ORGANISATION_NUMBER",
    ]);
    expect(errors[0]?.message.sv).toContain("212000");
  });

  it("accepts the number the contact register holds, however the register wrote it", () => {
    // Prepare
    const form = identity("Lunds kommun");
    // Act
    const errors = recipientIdentityErrors(form, caller("1281"), "2120001264");
    // Assess
    expect(errors).toEqual([]);
  });

  it("refuses another municipal number than the register's and names the one on record", () => {
    // Prepare: Malmö sends Lund's form unchanged; the register holds Malmö's number
    const lundsForm = identity("Lunds kommun", LUND_NUMBER);
    const malmosNumber = "212000-1124";
    // Act
    const errors = recipientIdentityErrors(lundsForm, caller("1280"), malmosNumber);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([
      "recipient.name RECIPIENT_NOT_CALLER",
      "recipient.organisationNumber ORGANISATION_NUMBER_MISMATCH",
    ]);
    expect(errors[1]?.message.sv).toContain(malmosNumber);
  });
});

describe("a number the contact register may keep for a municipality", () => {
  it.each([
    ["212000-1264", undefined],
    ["2120001264", undefined],
    ["212000-1265", "INVALID_ORGANISATION_NUMBER"],
    ["1264", "INVALID_ORGANISATION_NUMBER"],
    ["232100-0255", "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER"],
  ])("%s → %s", (number, problem) => {
    // Prepare: the input is the case
    // Act
    const found = organisationNumberOfCallerProblem(caller("1281"), number);
    // Assess
    expect(found).toBe(problem);
  });
});

describe("regions and organisations are recipients of their own kind", () => {
  it.each([
    ["0012", "Region Skåne", "232100-0255"],
    ["0014", "Västra Götalandsregionen", "232100-0131"],
    ["9001", "Sveriges Kommuner och Regioner", "222000-0315"],
  ])("%s signs as %s with %s", (code, name, number) => {
    // Prepare: the registry's own name and number
    // Act
    const errors = recipientIdentityErrors(identity(name, number), caller(code), undefined);
    // Assess
    expect(errors).toEqual([]);
    expect(recipientNameFor(caller(code))).toBe(name);
  });

  it.each([
    ["0012", "Skånes kommun", "232100-0255", "recipient.name RECIPIENT_NOT_CALLER"],
    ["0012", "Region Skåne", "212000-1264", "recipient.organisationNumber NOT_A_REGION_ORGANISATION_NUMBER"],
    // Another region's number: a region's own number is on the register
    [
      "0012",
      "Region Skåne",
      "232100-0016",
      "recipient.organisationNumber NOT_THE_RECIPIENTS_ORGANISATION_NUMBER",
    ],
    [
      "1281",
      "Lunds kommun",
      "232100-0255",
      "recipient.organisationNumber NOT_A_MUNICIPALITY_ORGANISATION_NUMBER",
    ],
    [
      "9001",
      "Sveriges Kommuner och Regioner",
      "232100-0255",
      "recipient.organisationNumber NOT_THE_RECIPIENTS_ORGANISATION_NUMBER",
    ],
    ["9001", "Region Skåne", "222000-0315", "recipient.name RECIPIENT_NOT_CALLER"],
  ])("%s writing %s / %s is refused: %s", (code, name, number, expected) => {
    // Prepare: a name or number of another kind of body
    // Act
    const errors = recipientIdentityErrors(identity(name, number), caller(code), undefined);
    // Assess
    expect(pathsAndCodes(errors)).toEqual([expected]);
  });

  it("tells an organisation which number is its own", () => {
    // Prepare
    const skr = caller("9001");
    // Act
    const [error] = recipientIdentityErrors(identity("SKR", "232100-0255"), skr, undefined).filter(
      (e) => e.path === "recipient.organisationNumber",
    );
    // Assess
    expect(error?.message.sv).toContain("222000-0315");
  });
});
