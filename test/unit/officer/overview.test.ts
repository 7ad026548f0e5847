import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overview, positions } from "../../../shared/officer/overview.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import type { AllocationState, Submission } from "../../../shared/submissions/model.ts";

const programme = seedProgramme("skr-aldreomsorg-2022") as Programme;
const TOTAL = 182_100_000;
const LAPSED_AT = "2022-12-02T05:15:00.000Z";

function row(kommunkod: string, fields: Partial<AllocationState>): AllocationState {
  const a = programme.allocations.find((x) => x.kommunkod === kommunkod);
  if (!a) throw new Error(kommunkod);
  return {
    programmeId: programme.id,
    kommunkod,
    allocated: a.amount,
    requisitioned: 0,
    remaining: a.amount,
    modelExtra: a.modelExtra,
    modelExtraRequisitioned: 0,
    lapsed: false,
    ...fields,
  };
}

function report(id: string, kommunkod: string, amount: number, unspent: number): Submission {
  return {
    id,
    reference: `SB-2022-${kommunkod}-E1`,
    programmeId: programme.id,
    kommunkod,
    kommun: "x",
    kind: "report",
    amount,
    unspent,
    status: "received",
    form: { accounting: { received: amount, costs: amount - unspent, unspent } },
    revision: 1,
    createdAt: "2023-03-01T10:00:00.000Z",
    receivedAtLocal: "2023-03-01 11:00:00",
    receivedOn: "2023-03-01",
    late: false,
    createdBy: { sub: "k", kind: "municipality" },
    updatedAt: "2023-03-01T10:00:00.000Z",
  };
}

describe("overview", () => {
  it("is all not-yet-requisitioned before anyone acts", () => {
    // Act
    const o = overview(programme, positions(programme, [], []), "2022-09-01");
    // Assess
    expect(o.total).toBe(TOTAL);
    expect(o.allocated).toMatchObject({
      amount: TOTAL,
      municipalities: 290,
      base: 167_100_000,
      modelExtra: 15_000_000,
    });
    expect(o.notYetRequisitioned).toEqual({ amount: TOTAL, municipalities: 290 });
    expect(o.requisitioned.amount).toBe(0);
    expect(o.balanced).toBe(true);
  });

  it("adds requisitioned, lapsed and not-yet to the programme total, and sums the money trail", () => {
    // Prepare: Lund took everything and reported 100 000 unspent, repaid 40 000; Malmö requisitioned
    // 100 000 less than its allocation and the rest lapsed; Ale lapsed whole.
    const lund = programme.allocations.find((a) => a.kommunkod === "1281");
    const malmo = programme.allocations.find((a) => a.kommunkod === "1280");
    const ale = programme.allocations.find((a) => a.kommunkod === "1440");
    if (!lund || !malmo || !ale) throw new Error("data");
    const rows = [
      row("1281", {
        requisitioned: lund.amount,
        remaining: 0,
        modelExtraRequisitioned: lund.modelExtra,
        baseRequisitionId: "r1",
        extraRequisitionId: "m1",
        reportId: "e1",
        repaymentDue: 100_000,
        repaid: 40_000,
        paid: lund.amount + lund.modelExtra,
      }),
      row("1280", {
        requisitioned: malmo.amount - 100_000,
        remaining: 100_000,
        baseRequisitionId: "r2",
        lapsedAmount: 100_000,
        lapsedAt: "2022-12-02T05:15:00.000Z",
        reportOverdueAt: "2023-04-01T05:15:00.000Z",
      }),
      row("1440", { lapsed: true, lapsedAmount: ale.amount, lapsedAt: "2022-12-02T05:15:00.000Z" }),
    ];
    const submissions = [report("e1", "1281", lund.amount + lund.modelExtra, 100_000)];
    // Act
    const list = positions(programme, rows, submissions);
    const o = overview(programme, list, "2023-04-02");
    // Assess
    expect(o.requisitioned).toMatchObject({
      amount: lund.amount + lund.modelExtra + malmo.amount - 100_000,
      municipalities: 2,
      modelExtra: lund.modelExtra,
    });
    expect(o.lapsed).toMatchObject({ amount: 100_000 + ale.amount, municipalities: 2, whole: 1 });
    expect(o.requisitioned.amount + o.lapsed.amount + o.notYetRequisitioned.amount).toBe(TOTAL);
    expect(o.notYetRequisitioned.municipalities).toBe(287);
    expect(o.paid).toEqual({ amount: lund.amount + lund.modelExtra, municipalities: 1 });
    expect(o.reported).toEqual({ amount: lund.amount + lund.modelExtra, municipalities: 1 });
    expect(o.unspent).toEqual({ amount: 100_000, municipalities: 1 });
    expect(o.repaymentDue).toMatchObject({ amount: 60_000, municipalities: 1 });
    expect(o.repaid).toEqual({ amount: 40_000, municipalities: 1 });
    expect(o.owing).toEqual([{ kommunkod: "1281", kommun: "Lund", outstanding: 60_000 }]);
    expect(o.reportOverdue).toEqual({ amount: malmo.amount - 100_000, municipalities: 1 });
    expect(list.find((p) => p.kommunkod === "1281")?.status).toBe("repayment-due");
    expect(list.find((p) => p.kommunkod === "1280")?.status).toBe("report-overdue");
    expect(list.find((p) => p.kommunkod === "1440")?.status).toBe("lapsed");
    expect(o.balanced).toBe(true);
  });

  it("balances to the krona for any mix of requisitions and lapses (property)", () => {
    const choice = fc.array(
      fc.record({
        index: fc.nat({ max: 289 }),
        take: fc.double({ min: 0, max: 1, noNaN: true }),
        lapse: fc.boolean(),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(choice, (choices) => {
        const rows = new Map<string, AllocationState>();
        for (const c of choices) {
          const a = programme.allocations[c.index];
          if (!a || rows.has(a.kommunkod)) continue;
          const taken = Math.floor(a.amount * c.take);
          rows.set(
            a.kommunkod,
            taken > 0
              ? row(a.kommunkod, {
                  requisitioned: taken,
                  remaining: a.amount - taken,
                  baseRequisitionId: "r",
                  ...(c.lapse ? { lapsedAmount: a.amount - taken + a.modelExtra, lapsedAt: LAPSED_AT } : {}),
                })
              : row(
                  a.kommunkod,
                  c.lapse ? { lapsed: true, lapsedAmount: a.amount + a.modelExtra, lapsedAt: LAPSED_AT } : {},
                ),
          );
        }
        const o = overview(programme, positions(programme, [...rows.values()], []), "2022-12-02");
        expect(o.requisitioned.amount + o.lapsed.amount + o.notYetRequisitioned.amount).toBe(TOTAL);
        expect(o.balanced).toBe(true);
      }),
    );
  });
});
