import { describe, expect, it } from "vitest";
import { parseRequisition, sampleRequisition, validateRequisition } from "../../../shared/forms/index.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { parseAmount } from "../../../web/src/form-kit/amount.ts";
import { liveErrors } from "../../../web/src/form-kit/live-errors.ts";
import { setPath } from "../../../web/src/form-kit/paths.ts";
import { validationProgramme } from "../../../web/src/programme.ts";
import { sessionFromToken } from "../../../web/src/session.ts";
import type { ProgrammeView } from "../../../web/src/types.ts";

const programme = seedProgramme("skr-aldreomsorg-2022");
if (!programme) throw new Error("programme missing");
const TODAY = "2022-11-20";
const sample = sampleRequisition(programme, "1281", TODAY);
const rules = (form: Parameters<typeof validateRequisition>[0]) =>
  validateRequisition(form, programme, "1281", TODAY);
const codes = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path}:${e.code}`).sort();

describe("amounts as typed in the web forms", () => {
  it("reads Swedish-grouped kronor and passes anything else on for the shared rule to name", () => {
    expect(parseAmount("1 530 608")).toBe(1_530_608);
    expect(parseAmount("1530608")).toBe(1_530_608);
    expect(parseAmount("1\u00a0530\u00a0608 kr")).toBe(1_530_608);
    expect(parseAmount("  ")).toBeUndefined();
    expect(parseAmount("-5")).toBe(-5);
    expect(parseAmount("12,50")).toBe("12,50");
  });

  it("reads the ways Swedes write whole kronor: dotted thousands, :-, zero öre", () => {
    // Prepare, Act, Assess
    expect(parseAmount("1.200.000")).toBe(1_200_000);
    expect(parseAmount("1 200 000:-")).toBe(1_200_000);
    expect(parseAmount("1 200 000,00")).toBe(1_200_000);
    expect(parseAmount("1200000 SEK")).toBe(1_200_000);
  });

  it("never reads a dot that is not a thousands separator as one", () => {
    // Prepare, Act, Assess: passed on as text, so the shared rule refuses it
    expect(parseAmount("1.5")).toBe("1.5");
    expect(parseAmount("1.2000")).toBe("1.2000");
    expect(parseAmount("1.200,50")).toBe("1.200,50");
    expect(parseAmount("12,5")).toBe("12,5");
  });
});

describe("live validation with the API's own schema and rules", () => {
  it("shows a rule error (amount above the allocation) while another field is still wrong", () => {
    // Prepare
    const input = structuredClone(sample) as unknown as Record<string, unknown>;
    setPath(input, "recipient.email", "anna@");
    setPath(input, "grant.amount", 2_000_000);
    // Act
    const errors = liveErrors(input, sample, parseRequisition, rules);
    // Assess
    expect(codes(errors)).toEqual([
      "grant.amount:AMOUNT_EXCEEDS_ALLOCATION",
      "recipient.email:INVALID_EMAIL",
    ]);
    expect(errors.find((e) => e.path === "grant.amount")?.message.sv).toContain(
      "överstiger Lunds tilldelning",
    );
  });

  it("drops rule errors that depend on a field with a shape error", () => {
    // Prepare: an invalid start date must not make the (stood-in) period look wrong
    const input = structuredClone(sample) as unknown as Record<string, unknown>;
    setPath(input, "grant.period.from", "2022-13-01");
    setPath(input, "grant.period.to", "2021-01-01");
    // Act
    const errors = liveErrors(input, sample, parseRequisition, rules, {
      "grant.period.to": ["grant.period.from"],
    });
    // Assess
    expect(codes(errors)).toEqual(["grant.period.from:INVALID_DATE"]);
  });

  it("gives exactly the API's errors for a form that parses", () => {
    // Prepare
    const input = structuredClone(sample) as unknown as Record<string, unknown>;
    setPath(input, "signature.date", "2022-11-21");
    // Act
    const errors = liveErrors(input, sample, parseRequisition, rules);
    // Assess
    const parsed = parseRequisition(input);
    if (!parsed.ok) throw new Error("should parse");
    expect(errors).toEqual(rules(parsed.form));
    expect(codes(errors)).toEqual(["signature.date:SIGNATURE_DATE_IN_FUTURE"]);
  });
});

describe("the programme the pages validate against", () => {
  it("is built from the API's answer: its terms and the municipality's own allocation, nothing bundled", () => {
    // Prepare
    const view = {
      id: programme.id,
      year: programme.year,
      title: programme.title,
      grantingAgency: programme.grantingAgency,
      receivingAgency: programme.receivingAgency,
      agreementDiarienummer: "S2022/04567/SOF",
      decisionDiarienummer: null,
      grantPeriod: programme.grantPeriod,
      deadlines: { ...programme.deadlines, requisition: "2022-12-15" },
      totalBase: programme.totalBase,
      modelExtraTotal: 15_000_000,
      agreementTitle: "Överenskommelse som API:t anger",
      survey: { atRequisition: false },
      own: { kommunkod: "1281", kommun: "Lund", allocation: 1_530_608, modelExtra: 1_500_000 },
    } as unknown as ProgrammeView;
    // Act
    const p = validationProgramme(view);
    // Assess
    expect(p.allocations).toEqual([
      { kommunkod: "1281", kommun: "Lund", amount: 1_530_608, modelExtra: 1_500_000 },
    ]);
    expect(p.agreementDiarienummer).toBe("S2022/04567/SOF");
    expect(p.deadlines.requisition).toBe("2022-12-15");
    expect(p.agreementTitle).toBe("Överenskommelse som API:t anger");
    expect(p.survey).toEqual({ atRequisition: false });
  });
});

describe("the session kept by the pages", () => {
  const token = (claims: Record<string, unknown>) =>
    `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

  it("reads the role and expiry from the token's claims", () => {
    expect(
      sessionFromToken(token({ exp: 2_000_000_000, "custom:recipient": "1281", email: "a@b.se" })),
    ).toEqual({
      token: token({ exp: 2_000_000_000, "custom:recipient": "1281", email: "a@b.se" }),
      exp: 2_000_000_000,
      role: "municipality",
      kommunkod: "1281",
      email: "a@b.se",
      roles: [],
    });
    expect(sessionFromToken(token({ exp: 1, "cognito:groups": ["officer"] }))?.role).toBe("officer");
    expect(sessionFromToken(token({ exp: 1, "cognito:groups": "[officer]" }))?.role).toBe("officer");
  });

  it("refuses tokens without a role or that are not JWTs", () => {
    expect(sessionFromToken(token({ exp: 2_000_000_000 }))).toBeUndefined();
    expect(sessionFromToken("not-a-token")).toBeUndefined();
    expect(sessionFromToken("a.%%%.c")).toBeUndefined();
  });
});
