import { addDays, daysBetween, type IsoDate, isIsoDate, stockholmDate } from "./dates.ts";

/** One clock for every handler, so tests and the local stack can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: Date | string): Clock {
  const at = typeof instant === "string" ? new Date(instant) : instant;
  return { now: () => new Date(at.getTime()) };
}

/**
 * A clock that runs in real time but on `today` (Stockholm), for the local stack. Shifting by
 * whole days can cross a daylight-saving change, which moves the wall clock by an hour and, near
 * midnight, the date by a day; the hour is corrected so the Stockholm date is always `today`.
 */
export function shiftedClock(today: IsoDate, base: Clock = systemClock): Clock {
  return {
    now() {
      const real = base.now();
      let shifted = real.getTime() + daysBetween(stockholmDate(real), today) * 86_400_000;
      const landed = stockholmDate(new Date(shifted));
      if (landed < today) shifted += 3_600_000;
      if (landed > today) shifted -= 3_600_000;
      return new Date(shifted);
    },
  };
}

export function today(clock: Clock): IsoDate {
  return stockholmDate(clock.now());
}

export { addDays };

/**
 * The process clock. `STATSBIDRAG_TODAY` moves it, but only on a local stage: a deployed stack
 * (STATSBIDRAG_STAGE other than "local"/"test") refuses the override at cold start. Locally the
 * variable is read on every call, so the local stack and tests can move time without a restart.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const stage = env.STATSBIDRAG_STAGE ?? "local";
  const local = stage === "local" || stage === "test";
  if (!local) {
    if (env.STATSBIDRAG_TODAY)
      throw new Error(`STATSBIDRAG_TODAY is only allowed on a local stage, not on "${stage}"`);
    return systemClock;
  }
  return {
    now() {
      const override = env.STATSBIDRAG_TODAY;
      if (!override) return systemClock.now();
      if (!isIsoDate(override)) throw new Error(`STATSBIDRAG_TODAY must be YYYY-MM-DD, got "${override}"`);
      return shiftedClock(override).now();
    },
  };
}
