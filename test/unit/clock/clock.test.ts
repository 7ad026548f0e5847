import { afterEach, describe, expect, it, vi } from "vitest";
import { clockFromEnv, fixedClock, shiftedClock, systemClock, today } from "../../../shared/clock.ts";
import { stockholmDate } from "../../../shared/dates.ts";
import { pinSystemTime } from "../../helpers/events.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("fixedClock", () => {
  it("always answers the same instant, and a caller cannot move it by mutating the Date", () => {
    // Prepare
    const clock = fixedClock("2022-12-01T22:59:59Z");
    // Act
    clock.now().setUTCFullYear(1999);
    // Assess
    expect(clock.now().toISOString()).toBe("2022-12-01T22:59:59.000Z");
  });

  it("gives 2022-12-01 at 22:59:59Z and 2022-12-02 at 23:00:00Z as today (CET)", () => {
    // Prepare
    const before = fixedClock("2022-12-01T22:59:59Z");
    const after = fixedClock(new Date("2022-12-01T23:00:00Z"));
    // Act
    const days = [today(before), today(after)];
    // Assess
    expect(days).toEqual(["2022-12-01", "2022-12-02"]);
  });

  it("gives the summer date by UTC+2 (CEST)", () => {
    // Prepare
    const before = fixedClock("2022-06-30T21:59:59Z");
    const after = fixedClock("2022-06-30T22:00:00Z");
    // Act
    const days = [today(before), today(after)];
    // Assess
    expect(days).toEqual(["2022-06-30", "2022-07-01"]);
  });
});

describe("shiftedClock", () => {
  it("moves a winter midday to the requested day, keeping the time of day", () => {
    // Prepare
    const base = fixedClock("2026-01-15T11:00:00Z");
    // Act
    const clock = shiftedClock("2022-12-01", base);
    // Assess
    expect(today(clock)).toBe("2022-12-01");
    expect(clock.now().toISOString()).toBe("2022-12-01T11:00:00.000Z");
  });

  it("keeps running in real time from the shifted start", () => {
    // Prepare
    let now = Date.parse("2026-01-15T11:00:00Z");
    const base = { now: () => new Date(now) };
    const clock = shiftedClock("2022-12-01", base);
    // Act
    now += 90_000;
    // Assess
    expect(clock.now().toISOString()).toBe("2022-12-01T11:01:30.000Z");
  });

  it.each([
    ["from summer midday to a winter day", "2026-07-15T10:00:00Z", "2022-12-01"],
    ["from winter midday to a summer day", "2026-01-15T11:00:00Z", "2022-06-01"],
  ])("lands on the requested day %s", (_, real, target) => {
    // Prepare
    const base = fixedClock(real);
    // Act
    const day = today(shiftedClock(target, base));
    // Assess
    expect(day).toBe(target);
  });

  // BUG (shared/clock.ts, shiftedClock): the offset is whole 24-hour days, so when real time and
  // the target date differ in daylight saving, the target's Stockholm day is off by one within an
  // hour of midnight. Real 2026-06-16 00:30 CEST (2026-06-15T22:30Z) shifted to "2022-12-01" gives
  // 2022-11-30 23:30 CET, so today() is "2022-11-30", not "2022-12-01" (and from a winter 23:30 to a
  // summer date it gives the next day). STATSBIDRAG_TODAY=2022-12-01 on stage "test" can thus make
  // a deadline-day requisition pass or fail depending on when the tests run.
  it("lands on the requested day from summer real time just after midnight", () => {
    // Prepare
    const base = fixedClock("2026-06-15T22:30:00Z");
    // Act
    const day = today(shiftedClock("2022-12-01", base));
    // Assess
    expect(stockholmDate(base.now())).toBe("2026-06-16");
    expect(day).toBe("2022-12-01");
  });
});

describe("clockFromEnv", () => {
  it("refuses STATSBIDRAG_TODAY on stage prod at cold start", () => {
    // Prepare
    const env = { STATSBIDRAG_STAGE: "prod", STATSBIDRAG_TODAY: "2022-12-01" };
    // Act
    const create = () => clockFromEnv(env);
    // Assess
    expect(create).toThrow(/STATSBIDRAG_TODAY is only allowed on a local stage, not on "prod"/);
  });

  it("gives the system clock on prod without an override", () => {
    // Prepare
    const env = { STATSBIDRAG_STAGE: "prod" };
    // Act
    const clock = clockFromEnv(env);
    // Assess
    expect(clock).toBe(systemClock);
  });

  it.each(["test", "local"])("honours STATSBIDRAG_TODAY on stage %s", (stage) => {
    // Prepare
    pinSystemTime("2026-01-15T11:00:00.000Z");
    const env = { STATSBIDRAG_STAGE: stage, STATSBIDRAG_TODAY: "2022-11-15" };
    // Act
    const clock = clockFromEnv(env);
    // Assess
    expect(today(clock)).toBe("2022-11-15");
    expect(clock.now().toISOString()).toBe("2022-11-15T11:00:00.000Z");
  });

  it("reads the override on every call, so the local stack can move time without a restart", () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { STATSBIDRAG_STAGE: "test", STATSBIDRAG_TODAY: "2022-06-01" };
    const clock = clockFromEnv(env);
    const first = clock.now().getTime();
    // Act
    env.STATSBIDRAG_TODAY = "2023-06-01";
    const second = clock.now().getTime();
    // Assess
    expect(Math.round((second - first) / 86_400_000)).toBe(365);
  });

  it("runs on real time on a local stage without an override", () => {
    // Prepare
    const env = { STATSBIDRAG_STAGE: "local" };
    // Act
    const at = clockFromEnv(env).now().getTime();
    // Assess
    expect(Math.abs(at - Date.now())).toBeLessThan(5_000);
  });

  it("treats a missing stage as local", () => {
    // Prepare
    const env = { STATSBIDRAG_TODAY: "2022-06-01" };
    // Act
    const create = () => clockFromEnv(env);
    // Assess
    expect(create).not.toThrow();
  });

  it("refuses an override that is not a real date", () => {
    // Prepare
    const clock = clockFromEnv({ STATSBIDRAG_STAGE: "test", STATSBIDRAG_TODAY: "2022-02-30" });
    // Act
    const read = () => clock.now();
    // Assess
    expect(read).toThrow(/STATSBIDRAG_TODAY must be YYYY-MM-DD, got "2022-02-30"/);
  });
});
