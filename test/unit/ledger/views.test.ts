import { describe, expect, it } from "vitest";
import type { AllocationState, Submission } from "../../../shared/ledger/model.ts";
import { ownPosition, programmeSummary, programmeView } from "../../../shared/ledger/views.ts";
import { findProgramme } from "../../../shared/programmes/catalogue.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { LUND, PROGRAMME_2022, STOCKHOLM, storedSubmission } from "../../helpers/events.ts";

function programme(): Programme {
  const found = findProgramme(PROGRAMME_2022);
  if (!found) throw new Error("programme data missing");
  return found;
}

function state(overrides: Partial<AllocationState> = {}): AllocationState {
  return {
    programmeId: PROGRAMME_2022,
    kommunkod: LUND,
    allocated: 1_530_608,
    requisitioned: 1_530_608,
    remaining: 0,
    modelExtra: 1_500_000,
    modelExtraRequisitioned: 500_000,
    lapsed: false,
    baseRequisitionId: "r",
    ...overrides,
  };
}

describe("ownPosition", () => {
  it("starts from the programme's allocation when the ledger has no row yet", () => {
    // Prepare
    const p = programme();
    // Act
    const own = ownPosition(p, LUND, undefined, []);
    // Assess
    expect(own).toEqual({
      kommunkod: LUND,
      kommun: "Lund",
      allocation: 1_530_608,
      modelExtra: 1_500_000,
      requisitioned: 0,
      remaining: 1_530_608,
      modelExtraRequisitioned: 0,
      lapsed: false,
      repaymentDue: 0,
      requisitions: [],
      reports: [],
    });
  });

  it("takes requisitioned, remaining, extra and repayment figures from the ledger row", () => {
    // Prepare
    const row = state({ repaymentDue: 303_061, lapsed: false });
    // Act
    const own = ownPosition(programme(), LUND, row, []);
    // Assess
    expect(own).toMatchObject({
      allocation: 1_530_608,
      requisitioned: 1_530_608,
      remaining: 0,
      modelExtraRequisitioned: 500_000,
      repaymentDue: 303_061,
    });
  });

  it("reports a lapsed right to the grant", () => {
    // Prepare
    const row = state({ requisitioned: 0, remaining: 1_530_608, lapsed: true, baseRequisitionId: undefined });
    // Act
    const own = ownPosition(programme(), LUND, row, []);
    // Assess
    expect(own.lapsed).toBe(true);
  });

  it("splits submissions into requisitions (with grant kind) and reports (with unspent), in brief", () => {
    // Prepare
    const base = storedSubmission({ id: "r1", grantKind: "base" });
    const extra = storedSubmission({
      id: "m1",
      reference: "SB-2022-1281-M1",
      grantKind: "model-extra",
      amount: 500_000,
    });
    const report: Submission = storedSubmission({
      id: "e1",
      kind: "report",
      reference: "SB-2022-1281-E1",
      grantKind: undefined,
      amount: 3_030_608,
      unspent: 303_061,
    });
    // Act
    const own = ownPosition(programme(), LUND, state(), [base, extra, report]);
    // Assess
    expect(own.requisitions).toEqual([
      {
        id: "r1",
        reference: "SB-2022-1281-R1",
        status: "awaiting-original",
        amount: 1_530_608,
        createdAt: base.createdAt,
        grantKind: "base",
      },
      {
        id: "m1",
        reference: "SB-2022-1281-M1",
        status: "awaiting-original",
        amount: 500_000,
        createdAt: extra.createdAt,
        grantKind: "model-extra",
      },
    ]);
    expect(own.reports).toEqual([
      {
        id: "e1",
        reference: "SB-2022-1281-E1",
        status: "awaiting-original",
        amount: 3_030_608,
        createdAt: report.createdAt,
        unspent: 303_061,
      },
    ]);
    expect(own.requisitions[0]).not.toHaveProperty("form");
  });

  it("gives zero figures and no name for a municipality without an allocation", () => {
    // Prepare
    const kommunkod = "9999";
    // Act
    const own = ownPosition(programme(), kommunkod, undefined, []);
    // Assess
    expect(own).toMatchObject({ kommunkod, kommun: undefined, allocation: 0, modelExtra: 0, remaining: 0 });
  });
});

describe("programmeSummary", () => {
  it.each([
    ["2022-11-21", 10],
    ["2022-12-01", 0],
    ["2022-12-02", -1],
    ["2023-06-01", -1],
  ])("on %s counts %i days left to requisition (never below -1)", (today, days) => {
    // Prepare: today's Stockholm date
    // Act
    const summary = programmeSummary(programme(), today);
    // Assess
    expect(summary.daysLeftToRequisition).toBe(days);
  });

  it("shows the terms and totals, not the allocation table", () => {
    // Prepare
    const p = programme();
    // Act
    const summary = programmeSummary(p, "2022-06-01");
    // Assess
    expect(summary).toMatchObject({
      id: PROGRAMME_2022,
      year: 2022,
      totalBase: p.totalBase,
      modelExtraTotal: 15_000_000,
    });
    expect(summary).not.toHaveProperty("allocations");
    expect(summary).not.toHaveProperty("officerEmails");
  });
});

describe("programmeView", () => {
  it("adds the caller's own position for a municipality only", () => {
    // Prepare
    const p = programme();
    const municipality = { kind: "municipality" as const, sub: "u", kommunkod: STOCKHOLM };
    const officer = { kind: "officer" as const, sub: "o" };
    // Act
    const forMunicipality = programmeView(p, municipality, "2022-06-01", undefined, []);
    const forOfficer = programmeView(p, officer, "2022-06-01", undefined, []);
    // Assess
    expect(forMunicipality).toHaveProperty("own.kommun", "Stockholm");
    expect(forOfficer).not.toHaveProperty("own");
  });
});
