import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../shared/audit.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { attachmentRequests, submissionDetailView } from "../../../shared/submissions/detail-view.ts";
import type { AllocationState, Attachment, Submission } from "../../../shared/submissions/model.ts";
import type { SubmissionDetail } from "../../../shared/submissions/ports.ts";
import { ownPosition, programmeSummary, programmeView } from "../../../shared/submissions/position-views.ts";
import { refusal } from "../../../shared/submissions/refusals.ts";
import { LUND, PROGRAMME_2022, STOCKHOLM, storedAttachment, storedSubmission } from "../../helpers/events.ts";

function programme(): Programme {
  const found = seedProgramme(PROGRAMME_2022);
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
      extraLapsed: false,
      paid: 0,
      repaymentDue: 0,
      repaid: 0,
      repayTo: null,
      requisitions: [],
      reports: [],
    });
  });

  it("tells the municipality where to repay once the programme names its account", () => {
    // Prepare
    const p = { ...programme(), repaymentAccount: { bankgiro: "5050-1055", referencePrefix: "2022" } };
    // Act
    const own = ownPosition(p, LUND, undefined, []);
    // Assess
    expect(own.repayTo).toEqual({ bankgiro: "5050-1055", reference: "202212817" });
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
  it("adds whether the programme is open for an officer, never for a municipality", () => {
    // Prepare
    const p = programme();
    const municipality = { kind: "municipality" as const, sub: "u", kommunkod: LUND };
    const officer = { kind: "officer" as const, sub: "o" };
    const opening = {
      programmeId: PROGRAMME_2022,
      openedAt: "2022-09-01T07:00:00.000Z",
      openedOn: "2022-09-01",
      openedBy: { sub: "o-1", email: "handlaggare@kammarkollegiet.example", kind: "officer" as const },
    };
    // Act
    const notOpen = programmeView(p, officer, "2022-06-01", undefined, []);
    const open = programmeView(p, officer, "2022-09-02", undefined, [], opening);
    const forMunicipality = programmeView(p, municipality, "2022-09-02", undefined, [], opening);
    // Assess
    expect(notOpen).toHaveProperty("opening", null);
    expect(open).toHaveProperty("opening", {
      openedAt: "2022-09-01T07:00:00.000Z",
      openedOn: "2022-09-01",
      openedBy: "handlaggare@kammarkollegiet.example",
    });
    expect(forMunicipality).not.toHaveProperty("opening");
  });

  it("says whether the requisition must commit to answering the survey", () => {
    // Act
    const summary = programmeSummary(programme(), "2022-06-01");
    // Assess
    expect(summary.survey).toEqual({ atRequisition: true });
  });

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

const RETURNED_AT = "2022-11-20T10:00:00.000Z";

/** R1 returned by an officer asking for `requested`, and what was uploaded to it. */
function returnedR1(requested: "bank-statement" | "original" | undefined, files: Partial<Attachment>[] = []) {
  const submission = storedSubmission({
    status: "returned",
    statusReason: "Kontoutdrag saknas.",
    decision: {
      decision: "return",
      by: { sub: "o-1", kind: "officer" },
      at: RETURNED_AT,
      reason: "Kontoutdrag saknas.",
      ...(requested ? { requestedAttachment: requested } : {}),
    },
  });
  const original = storedAttachment(submission, { status: "accepted" });
  return {
    submission,
    attachments: [
      original,
      ...files.map((f, i) => storedAttachment(submission, { id: `r1-${i}`, createdAt: RETURNED_AT, ...f })),
    ],
    audit: [],
  } satisfies SubmissionDetail;
}

/** R2, the correction of `r1`, and what was uploaded to it. */
function correctionR2(r1: SubmissionDetail, files: Partial<Attachment>[] = []): SubmissionDetail {
  const submission = storedSubmission({
    id: "r2",
    reference: "SB-2022-1281-R2",
    version: 2,
    replaces: r1.submission.id,
    createdAt: "2022-11-20T11:00:00.000Z",
  });
  r1.submission.replacedBy = submission.id;
  return {
    submission,
    attachments: files.map((f, i) =>
      storedAttachment(submission, { id: `r2-${i}`, createdAt: "2022-11-20T11:00:00.000Z", ...f }),
    ),
    audit: [],
  };
}

describe("attachmentRequests", () => {
  it("shows a bank statement asked for on return as not received while none has been accepted", () => {
    // Prepare
    const r1 = returnedR1("bank-statement");
    // Act
    const requests = attachmentRequests(r1);
    // Assess
    expect(requests).toEqual([
      {
        type: "bank-statement",
        requestedBy: { id: r1.submission.id, reference: "SB-2022-1281-R1" },
        requestedAt: RETURNED_AT,
        reason: "Kontoutdrag saknas.",
        received: false,
      },
    ]);
  });

  it("asks for nothing when the return requested no document", () => {
    // Prepare
    const r1 = returnedR1(undefined);
    // Act + Assess
    expect(attachmentRequests(r1)).toEqual([]);
  });

  it("counts a bank statement accepted on the returned version itself", () => {
    // Prepare
    const r1 = returnedR1("bank-statement", [{ type: "bank-statement", status: "accepted" }]);
    // Act + Assess
    expect(attachmentRequests(r1)[0]?.received).toBe(true);
  });

  it("counts a bank statement accepted on the correction, seen from either version", () => {
    // Prepare
    const r1 = returnedR1("bank-statement");
    const r2 = correctionR2(r1, [{ type: "bank-statement", status: "accepted" }]);
    // Act
    const fromR1 = attachmentRequests(r1, { next: r2 });
    const fromR2 = attachmentRequests(r2, { previous: r1 });
    // Assess
    expect(fromR1).toEqual([expect.objectContaining({ type: "bank-statement", received: true })]);
    expect(fromR2).toEqual(fromR1);
  });

  it("does not count a file of the type uploaded before the request", () => {
    // Prepare
    const r1 = returnedR1("bank-statement", [
      { type: "bank-statement", status: "accepted", createdAt: "2022-11-19T09:00:00.000Z" },
    ]);
    // Act + Assess
    expect(attachmentRequests(r1)[0]?.received).toBe(false);
  });

  it("tells why the latest bank statement was refused while none is accepted, in both languages", () => {
    // Prepare
    const r1 = returnedR1("bank-statement", [
      {
        type: "bank-statement",
        status: "refused",
        refusal: refusal("FILE_EMPTY"),
      },
      {
        type: "bank-statement",
        status: "refused",
        refusal: refusal("NOT_A_SCAN"),
        createdAt: "2022-11-20T10:30:00.000Z",
      },
    ]);
    // Act
    const [request] = attachmentRequests(r1);
    // Assess: the latest one
    expect(request?.received).toBe(false);
    expect(request?.lastRefusal).toEqual(refusal("NOT_A_SCAN"));
  });

  it("is met for a new original by the correction's accepted original", () => {
    // Prepare
    const r1 = returnedR1("original");
    const pending = correctionR2(r1, [{ type: "original", status: "pending" }]);
    const received = correctionR2(r1, [{ type: "original", status: "accepted" }]);
    // Act + Assess
    expect(attachmentRequests(pending, { previous: r1 })[0]?.received).toBe(false);
    expect(attachmentRequests(received, { previous: r1 })[0]?.received).toBe(true);
  });
});

describe("submissionDetailView", () => {
  it("leaves an officer's reason in the history as written", () => {
    // Prepare
    const r1 = returnedR1("bank-statement");
    const audit: AuditEvent = {
      at: RETURNED_AT,
      actor: { sub: "o-1", kind: "officer" },
      action: "submission.returned",
      submissionId: r1.submission.id,
      details: { reason: "the file is empty." },
    };
    // Act
    const view = submissionDetailView({ ...r1, audit: [audit] });
    // Assess
    expect(view.audit[0]).toEqual({ ...audit, actor: { kind: "officer" } });
    expect(view.requests).toHaveLength(1);
  });

  it("names who acted by name and role for the municipality, never by account id or an officer's address", () => {
    // Prepare
    const r1 = returnedR1("bank-statement");
    const audit: AuditEvent = {
      at: RETURNED_AT,
      actor: {
        sub: "o-1",
        kind: "officer",
        email: "handlaggare@kammarkollegiet.example",
        name: "Ola Handläggare",
        roles: ["attestant"],
      },
      action: "payment.attested",
      submissionId: r1.submission.id,
      details: {},
    };
    // Act
    const municipality = submissionDetailView({ ...r1, audit: [audit] });
    const officer = submissionDetailView({ ...r1, audit: [audit] }, {}, "officer");
    // Assess
    expect(municipality.audit[0]?.actor).toEqual({
      kind: "officer",
      name: "Ola Handläggare",
      roles: ["attestant"],
    });
    expect(officer.audit[0]).toEqual(audit);
  });

  it("carries the municipality's Bilaga 1 allocation, share and model extra, from the programme", () => {
    // Prepare
    const r1 = returnedR1("bank-statement");
    // Act
    const view = submissionDetailView(r1, {}, "officer", programme());
    // Assess: Lund, 2022 (Bilaga 1 and the model-municipality extra)
    expect(view.allocation).toEqual({ amount: 1_530_608, modelExtra: 1_500_000 });
  });

  it("shows the municipality who decided and paid by name and role, never the officers' ids or addresses", () => {
    // Prepare: an approved, paid requisition
    const officer = (sub: string, email: string) => ({
      sub,
      email,
      kind: "officer" as const,
      name: "Olle Ohlsson",
    });
    const paid = storedSubmission({
      status: "paid",
      decision: { decision: "approve", by: officer("o-1", "olle@agency.example"), at: RETURNED_AT },
      payment: {
        paidOn: "2022-12-01",
        amount: 1_530_608,
        proposalId: "p-1",
        proposedBy: officer("o-1", "olle@agency.example"),
        proposedAt: RETURNED_AT,
        attestedBy: officer("o-2", "attest@agency.example"),
        attestedAt: RETURNED_AT,
      },
    });
    const detail = { submission: paid, attachments: [], audit: [] };
    // Act
    const forMunicipality = JSON.stringify(submissionDetailView(detail, {}, "municipality").submission);
    const forOfficer = JSON.stringify(submissionDetailView(detail, {}, "officer").submission);
    // Assess
    expect(forMunicipality).toContain("Olle Ohlsson");
    for (const hidden of ["o-1", "o-2", "olle@agency.example", "attest@agency.example"]) {
      expect(forMunicipality).not.toContain(hidden);
      expect(forOfficer).toContain(hidden);
    }
  });

  it("has no allocation without the programme rather than a made-up zero", () => {
    // Act
    const view = submissionDetailView(returnedR1("bank-statement"));
    // Assess
    expect(view.allocation).toBeNull();
  });
});
