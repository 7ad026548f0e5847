import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeekday,
  stockholmDate,
  stockholmDateTime,
} from "../../../shared/dates.ts";

describe("stockholmDate", () => {
  it.each([
    ["the last second of 1 December in winter (CET, UTC+1)", "2022-12-01T22:59:59Z", "2022-12-01"],
    ["midnight of 2 December in winter", "2022-12-01T23:00:00Z", "2022-12-02"],
    ["the last second of 30 June in summer (CEST, UTC+2)", "2022-06-30T21:59:59Z", "2022-06-30"],
    ["midnight of 1 July in summer", "2022-06-30T22:00:00Z", "2022-07-01"],
    ["New Year's Eve 23:30 local", "2022-12-31T22:30:00Z", "2022-12-31"],
    ["New Year 00:30 local", "2022-12-31T23:30:00Z", "2023-01-01"],
    ["the night summer time starts", "2022-03-26T23:30:00Z", "2022-03-27"],
    ["the night summer time ends", "2022-10-29T22:30:00Z", "2022-10-30"],
  ])("gives the Stockholm date at %s", (_, instant, date) => {
    // Prepare: the instant
    // Act
    const day = stockholmDate(new Date(instant));
    // Assess
    expect(day).toBe(date);
  });
});

describe("stockholmDateTime", () => {
  it.each([
    ["winter", "2022-11-30T13:05:09Z", "2022-11-30 14:05:09"],
    ["summer", "2022-06-15T13:05:09Z", "2022-06-15 15:05:09"],
    ["just after midnight", "2022-11-30T23:00:01Z", "2022-12-01 00:00:01"],
  ])("formats an instant in %s as Stockholm local time for receipts", (_, instant, local) => {
    // Prepare: the instant
    // Act
    const text = stockholmDateTime(new Date(instant));
    // Assess
    expect(text).toBe(local);
  });
});

describe("addDays", () => {
  it.each([
    ["2022-01-31", 1, "2022-02-01"],
    ["2022-02-28", 1, "2022-03-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2022-12-31", 1, "2023-01-01"],
    ["2023-01-01", -1, "2022-12-31"],
    ["2022-03-01", -1, "2022-02-28"],
    ["2022-12-01", 0, "2022-12-01"],
    ["2022-12-01", 365, "2023-12-01"],
    ["2022-03-26", 1, "2022-03-27"],
    ["2022-10-30", 1, "2022-10-31"],
  ])("%s plus %i days is %s", (date, days, expected) => {
    // Prepare: date and days
    // Act
    const result = addDays(date, days);
    // Assess
    expect(result).toBe(expected);
  });

  it("is undone by daysBetween for any date and offset (property)", () => {
    // Prepare
    const dates = fc
      .date({
        min: new Date("2000-01-01T00:00:00Z"),
        max: new Date("2099-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const offsets = fc.integer({ min: -2000, max: 2000 });
    // Act + Assess
    fc.assert(
      fc.property(dates, offsets, (date, days) => {
        const later = addDays(date, days);
        return isIsoDate(later) && daysBetween(date, later) === days;
      }),
    );
  });
});

describe("daysBetween", () => {
  it("counts whole calendar days, positive when the second date is later", () => {
    // Prepare
    const pairs = [
      ["2022-11-21", "2022-12-01"],
      ["2022-12-01", "2022-11-21"],
      ["2022-03-26", "2022-03-28"],
    ] as const;
    // Act
    const days = pairs.map(([from, to]) => daysBetween(from, to));
    // Assess
    expect(days).toEqual([10, -10, 2]);
  });
});

describe("isIsoDate", () => {
  it.each(["2022-12-01", "2024-02-29", "2000-02-29", "1999-12-31"])("accepts %s", (text) => {
    // Prepare: the text
    // Act
    const valid = isIsoDate(text);
    // Assess
    expect(valid).toBe(true);
  });

  it.each([
    "2022-02-30",
    "2023-02-29",
    "1900-02-29",
    "2022-13-01",
    "2022-00-10",
    "2022-04-31",
    "2022-2-3",
    "22-12-01",
    "2022-12-01T00:00:00Z",
    " 2022-12-01",
    "2022/12/01",
    "",
  ])("refuses %j", (text) => {
    // Prepare: the text
    // Act
    const valid = isIsoDate(text);
    // Assess
    expect(valid).toBe(false);
  });

  it("agrees with the calendar of `Date` for every shape of YYYY-MM-DD", () => {
    // Prepare: what isIsoDate decided with a Date round trip before it became arithmetic
    const viaDate = (text: string) => {
      const [y, m, d] = text.split("-").map(Number) as [number, number, number];
      const probe = new Date(Date.UTC(y, m - 1, d));
      return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    const text = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    // Act
    const agrees = (t: string) => isIsoDate(t) === viaDate(t);
    // Assess
    fc.assert(fc.property(text, agrees), { numRuns: 5000 });
    expect(["0099-01-01", "0100-02-29", "0400-02-29"].map(isIsoDate)).toEqual([false, false, true]);
  });
});

describe("isoWeekday", () => {
  it("numbers Monday 1 to Sunday 7", () => {
    // Prepare
    const week = [
      "2022-11-28",
      "2022-11-29",
      "2022-11-30",
      "2022-12-01",
      "2022-12-02",
      "2022-12-03",
      "2022-12-04",
    ];
    // Act
    const days = week.map(isoWeekday);
    // Assess
    expect(days).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
