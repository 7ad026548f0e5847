import { describe, expect, it } from "vitest";
import { reminderSettings } from "../../../shared/deadlines/reminder-settings.ts";
import {
  dueCountdownOffset,
  dueOverdueOffset,
  markerKey,
  planDay,
  reclaimDue,
} from "../../../shared/deadlines/schedule.ts";
import { effectiveDeadlines } from "../../../shared/programmes/deadlines.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import type { AllocationState } from "../../../shared/submissions/model.ts";

const programme = seedProgramme("skr-aldreomsorg-2022") as Programme;
const DEADLINE = "2022-12-01";
const OPENED = "2022-09-01";
const TOTAL = 167_100_000 + 15_000_000;

/** A ledger row as createRequisition leaves it, for a full base (and optionally extra) requisition. */
function requisitioned(
  kommunkod: string,
  extra = false,
  overrides: Partial<AllocationState> = {},
): AllocationState {
  const a = programme.allocations.find((x) => x.kommunkod === kommunkod);
  if (!a) throw new Error(kommunkod);
  return {
    programmeId: programme.id,
    kommunkod,
    allocated: a.amount,
    requisitioned: a.amount,
    remaining: 0,
    modelExtra: a.modelExtra,
    modelExtraRequisitioned: extra ? a.modelExtra : 0,
    baseRequisitionId: `req-${kommunkod}`,
    ...(extra ? { extraRequisitionId: `x-${kommunkod}`, modelExtraRemaining: 0 } : {}),
    lapsed: false,
    ...overrides,
  };
}

const rowsOf = (...rows: AllocationState[]) => new Map(rows.map((r) => [r.kommunkod, r]));

describe("dueCountdownOffset", () => {
  it.each([
    ["2022-10-31", undefined],
    ["2022-11-01", 30],
    ["2022-11-10", 30],
    ["2022-11-17", 14],
    ["2022-11-28", 3],
    ["2022-12-01", 3],
    ["2022-12-02", undefined],
  ])("on %s the due offset is %s", (today, expected) => {
    expect(dueCountdownOffset(DEADLINE, [30, 14, 3], today, OPENED)).toBe(expected);
  });

  it("never counts down from a point before the programme was opened", () => {
    // Prepare: opened 21 days before the deadline
    const opened = "2022-11-10";
    // Act + Assess
    expect(dueCountdownOffset(DEADLINE, [30, 14, 3], "2022-11-10", opened)).toBeUndefined();
    expect(dueCountdownOffset(DEADLINE, [30, 14, 3], "2022-11-17", opened)).toBe(14);
  });
});

describe("dueOverdueOffset and reclaimDue", () => {
  const report = "2023-03-31";
  it.each([
    ["2023-03-31", undefined, false],
    ["2023-04-01", undefined, false],
    ["2023-04-07", 7, false],
    ["2023-04-13", 7, false],
    ["2023-04-20", 14, false],
    ["2023-04-30", 30, false],
    ["2023-05-01", undefined, true],
  ])("on %s: overdue offset %s, reclaim %s", (today, offset, reclaim) => {
    expect(dueOverdueOffset(report, [7, 14, 30], today)).toBe(offset);
    expect(reclaimDue(report, [7, 14, 30], today)).toBe(reclaim);
  });
});

describe("planDay: requisition reminders", () => {
  it("reminds every municipality that has not requisitioned, and only those, 30 days before", () => {
    // Prepare: Lund took base and extra, Malmö its base
    const rows = rowsOf(requisitioned("1281", true), requisitioned("1280"));
    // Act
    const plan = planDay(programme, rows, new Set(), OPENED, "2022-11-01");
    // Assess
    const to = plan.reminders.map((r) => r.kommunkod);
    expect(to).toHaveLength(288);
    expect(to).not.toContain("1281");
    expect(to).not.toContain("1280");
    expect(
      plan.reminders.every((r) => r.kind === "requisition" && r.offset === 30 && r.daysLeft === 30),
    ).toBe(true);
  });

  it("reminds a model municipality of its extra once its base is in", () => {
    // Prepare: Borås (1490) requisitioned its base only
    const rows = rowsOf(requisitioned("1490"));
    // Act
    const plan = planDay(programme, rows, new Set(), OPENED, "2022-11-17");
    // Assess
    expect(plan.reminders.find((r) => r.kommunkod === "1490")).toMatchObject({
      base: 0,
      extra: 1_500_000,
      offset: 14,
    });
    expect(plan.reminders.find((r) => r.kommunkod === "0114")).toMatchObject({ base: 542_261, extra: 0 });
  });

  it("sends nothing already sent: the second run of a day plans no reminder", () => {
    // Prepare
    const first = planDay(programme, new Map(), new Set(), OPENED, "2022-11-17");
    const done = new Set(first.reminders.map((r) => markerKey(r.kommunkod, r.kind, r.offset)));
    // Act
    const second = planDay(programme, new Map(), done, OPENED, "2022-11-17");
    // Assess
    expect(first.reminders).toHaveLength(290);
    expect(second.reminders).toHaveLength(0);
  });

  it("catches up a missed reminder once, and never several stale ones at once", () => {
    // Prepare: the job did not run between 31 Oct and 29 Nov
    const today = "2022-11-29";
    // Act
    const plan = planDay(programme, new Map(), new Set(), OPENED, today);
    // Assess: only the latest point reached (3 days), one per municipality
    expect(plan.reminders).toHaveLength(290);
    expect(new Set(plan.reminders.map((r) => r.offset))).toEqual(new Set([3]));
    expect(plan.reminders[0]?.daysLeft).toBe(2);
  });

  it("catches up the 14-day reminder when it was missed but the 30-day one was sent", () => {
    // Prepare
    const done = new Set(programme.allocations.map((a) => markerKey(a.kommunkod, "requisition", 30)));
    // Act
    const plan = planDay(programme, new Map(), done, OPENED, "2022-11-20");
    // Assess
    expect(new Set(plan.reminders.map((r) => r.offset))).toEqual(new Set([14]));
  });

  it("also counts down to a preferred date, with configurable offsets", () => {
    // Prepare
    const preferred: Programme = {
      ...programme,
      deadlines: { ...programme.deadlines, preferredRequisition: "2022-10-01" },
      reminders: { daysBefore: [21, 7] },
    };
    // Act
    const plan = planDay(preferred, new Map(), new Set(), "2022-08-01", "2022-09-10");
    const later = planDay(preferred, new Map(), new Set(), "2022-08-01", "2022-11-10");
    // Assess
    expect(new Set(plan.reminders.map((r) => `${r.kind}:${r.offset}`))).toEqual(new Set(["preferred:21"]));
    expect(new Set(later.reminders.map((r) => `${r.kind}:${r.offset}`))).toEqual(new Set(["requisition:21"]));
    expect(reminderSettings(preferred).daysAfterReportDeadline).toEqual([7, 14, 30]);
  });
});

describe("planDay: forfeiture", () => {
  it("lapses every unrequisitioned right the day after the deadline, so the parts add up to the total", () => {
    // Prepare: Lund took everything, Borås its base only, Malmö 100 000 kr less than its allocation
    const malmo = requisitioned("1280");
    const rows = rowsOf(requisitioned("1281", true), requisitioned("1490"), {
      ...malmo,
      requisitioned: malmo.allocated - 100_000,
      remaining: 100_000,
    });
    // Act
    const onDeadline = planDay(programme, rows, new Set(), OPENED, DEADLINE);
    const plan = planDay(programme, rows, new Set(), OPENED, "2022-12-02");
    // Assess
    expect(onDeadline.lapses).toHaveLength(0);
    expect(plan.reminders).toHaveLength(0);
    const lapsed = plan.lapses.reduce((s, l) => s + l.lapsedAmount, 0);
    const taken = [...rows.values()].reduce((s, r) => s + r.requisitioned + r.modelExtraRequisitioned, 0);
    expect(lapsed + taken).toBe(TOTAL);
    expect(plan.lapses.find((l) => l.kommunkod === "1490")).toMatchObject({
      whole: false,
      extra: true,
      lapsedAmount: 1_500_000,
    });
    expect(plan.lapses.find((l) => l.kommunkod === "1280")).toMatchObject({
      whole: false,
      lapsedAmount: 100_000,
    });
    expect(plan.lapses.find((l) => l.kommunkod === "1281")).toBeUndefined();
    expect(plan.lapses.filter((l) => l.whole)).toHaveLength(287);
  });

  it("does not lapse a right twice", () => {
    // Prepare
    const rows = rowsOf({
      ...requisitioned("0114"),
      baseRequisitionId: undefined,
      requisitioned: 0,
      lapsed: true,
      lapsedAt: "2022-12-02T05:15:00Z",
    });
    // Act
    const plan = planDay(programme, rows, new Set(), OPENED, "2022-12-03");
    // Assess
    expect(plan.lapses.map((l) => l.kommunkod)).not.toContain("0114");
  });

  it("moves a deadline on a holiday to the next business day when the programme says so", () => {
    // Prepare: a deadline on julafton
    const moved: Programme = {
      ...programme,
      deadlines: { ...programme.deadlines, requisition: "2022-12-24" },
      nonBusinessDayDeadlines: "next-business-day",
    };
    // Act
    const deadlines = effectiveDeadlines(moved);
    const onTuesday = planDay(moved, new Map(), new Set(), OPENED, "2022-12-27");
    const asWritten = effectiveDeadlines({ ...moved, nonBusinessDayDeadlines: "as-written" });
    // Assess
    expect(deadlines.requisition).toBe("2022-12-27");
    expect(deadlines.report).toBe("2023-03-31");
    expect(onTuesday.lapses).toHaveLength(0);
    expect(onTuesday.reminders.every((r) => r.offset === 3 && r.daysLeft === 0)).toBe(true);
    expect(asWritten.requisition).toBe("2022-12-24");
  });
});

describe("planDay: reports and repayments", () => {
  const rows = () =>
    rowsOf(
      requisitioned("1281", true),
      requisitioned("1280", false, { reportId: "rep-1280", repaymentDue: 50_000 }),
      requisitioned("0114"),
    );

  it("reminds those who requisitioned but have not reported, before the report deadline", () => {
    // Act
    const plan = planDay(programme, rows(), new Set(), OPENED, "2023-03-01");
    // Assess
    expect(plan.reminders.map((r) => `${r.kommunkod}:${r.kind}:${r.offset}`).sort()).toEqual([
      "0114:report:30",
      "1281:report:30",
    ]);
  });

  it("marks missing reports overdue the day after, then sends overdue reminders and lists for reclaim", () => {
    // Act
    const dayAfter = planDay(programme, rows(), new Set(), OPENED, "2023-04-01");
    const week = planDay(programme, rows(), new Set(), OPENED, "2023-04-07");
    const reclaim = planDay(programme, rows(), new Set(), OPENED, "2023-05-01");
    // Assess
    expect(dayAfter.reportOverdue.sort()).toEqual(["0114", "1281"]);
    expect(dayAfter.reminders).toHaveLength(0);
    expect(dayAfter.repaymentOverdue).toEqual(["1280"]);
    expect(week.reminders.map((r) => `${r.kind}:${r.offset}:${r.daysLeft}`)).toEqual([
      "overdue:7:-7",
      "overdue:7:-7",
    ]);
    expect(reclaim.reminders).toHaveLength(0);
    expect(reclaim.reclaims.sort()).toEqual(["0114", "1281"]);
  });

  it("does not flag a repayment that has been made", () => {
    // Prepare
    const paid = rowsOf(
      requisitioned("1280", false, { reportId: "rep", repaymentDue: 50_000, repaid: 50_000 }),
    );
    // Act
    const plan = planDay(programme, paid, new Set(), OPENED, "2023-04-01");
    // Assess
    expect(plan.repaymentOverdue).toEqual([]);
  });
});
