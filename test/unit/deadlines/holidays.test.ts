import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isoWeekday } from "../../../shared/dates.ts";
import {
  easterSunday,
  holidayName,
  isBusinessDay,
  nextBusinessDay,
  swedishHolidays,
} from "../../../shared/holidays.ts";

describe("easterSunday", () => {
  it.each([
    [2018, "2018-04-01"],
    [2019, "2019-04-21"],
    [2022, "2022-04-17"],
    [2023, "2023-04-09"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
  ])("%i → %s", (year, expected) => {
    // Act + Assess
    expect(easterSunday(year)).toBe(expected);
  });
});

describe("swedishHolidays", () => {
  it("has the Easter-based days and the moving Saturdays of 2022", () => {
    // Act
    const days = swedishHolidays(2022);
    // Assess
    expect(days.get("2022-04-15")).toBe("långfredagen");
    expect(days.get("2022-04-17")).toBe("påskdagen");
    expect(days.get("2022-04-18")).toBe("annandag påsk");
    expect(days.get("2022-05-26")).toBe("Kristi himmelsfärdsdag");
    expect(days.get("2022-06-05")).toBe("pingstdagen");
    expect(days.get("2022-06-24")).toBe("midsommarafton");
    expect(days.get("2022-06-25")).toBe("midsommardagen");
    expect(days.get("2022-11-05")).toBe("alla helgons dag");
  });

  it("has the Easter-based days and the moving Saturdays of 2023", () => {
    // Act
    const days = swedishHolidays(2023);
    // Assess
    expect(days.get("2023-04-07")).toBe("långfredagen");
    expect(days.get("2023-04-10")).toBe("annandag påsk");
    expect(days.get("2023-05-18")).toBe("Kristi himmelsfärdsdag");
    expect(days.get("2023-05-28")).toBe("pingstdagen");
    expect(days.get("2023-06-23")).toBe("midsommarafton");
    expect(days.get("2023-06-24")).toBe("midsommardagen");
    expect(days.get("2023-11-04")).toBe("alla helgons dag");
  });

  it("has the fixed days and the eves that are not business days", () => {
    // Act
    const names = [
      "2023-01-01",
      "2023-01-06",
      "2023-05-01",
      "2023-06-06",
      "2023-12-24",
      "2023-12-25",
      "2023-12-26",
      "2023-12-31",
    ].map(holidayName);
    // Assess
    expect(names).toEqual([
      "nyårsdagen",
      "trettondedag jul",
      "första maj",
      "nationaldagen",
      "julafton",
      "juldagen",
      "annandag jul",
      "nyårsafton",
    ]);
  });

  it("puts midsommardagen on the Saturday 20–26 June and alla helgons dag on the Saturday 31 Oct–6 Nov (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const byName = new Map([...swedishHolidays(year)].map(([date, name]) => [name, date]));
        const midsommar = byName.get("midsommardagen") ?? "";
        const allaHelgon = byName.get("alla helgons dag") ?? "";
        expect(isoWeekday(midsommar)).toBe(6);
        expect(midsommar >= `${year}-06-20` && midsommar <= `${year}-06-26`).toBe(true);
        expect(isoWeekday(allaHelgon)).toBe(6);
        expect(allaHelgon >= `${year}-10-31` && allaHelgon <= `${year}-11-06`).toBe(true);
        expect(isoWeekday(easterSunday(year))).toBe(7);
      }),
    );
  });
});

describe("isBusinessDay and nextBusinessDay", () => {
  it("treats weekends, holidays and julafton/nyårsafton as non-business days", () => {
    // Act + Assess
    expect(isBusinessDay("2022-12-01")).toBe(true); // Thursday
    expect(isBusinessDay("2022-12-03")).toBe(false); // Saturday
    expect(isBusinessDay("2024-12-24")).toBe(false); // julafton, a Tuesday
    expect(isBusinessDay("2024-12-31")).toBe(false); // nyårsafton, a Tuesday
    expect(isBusinessDay("2023-04-07")).toBe(false); // långfredagen
  });

  it.each([
    ["2023-04-07", "2023-04-11"], // långfredagen → after annandag påsk
    ["2022-12-24", "2022-12-27"], // julafton (Sat) → past annandag jul (Mon)
    ["2024-12-31", "2025-01-02"], // nyårsafton → past nyårsdagen
    ["2022-06-24", "2022-06-27"], // midsommarafton → Monday
    ["2023-03-31", "2023-03-31"], // a Friday stays
  ])("%s → %s", (date, expected) => {
    expect(nextBusinessDay(date)).toBe(expected);
  });

  it("returns the first business day on or after the date (property)", () => {
    const date = fc
      .date({
        min: new Date("2000-01-01T00:00:00Z"),
        max: new Date("2100-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, (d) => {
        const next = nextBusinessDay(d);
        expect(next >= d).toBe(true);
        expect(isBusinessDay(next)).toBe(true);
        for (let day = d; day < next; day = addDays(day, 1)) expect(isBusinessDay(day)).toBe(false);
      }),
    );
  });
});
