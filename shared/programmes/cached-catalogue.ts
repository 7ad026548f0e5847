import type { ProgrammeCatalogue } from "./ports.ts";
import type { Programme } from "./schema.ts";

/**
 * The catalogue a function keeps for a short while: a programme changes seldom (a new version, a
 * corrected fact), and every request reads it. A change reaches every container within `ttlMs`.
 */
export function cachedCatalogue(
  inner: ProgrammeCatalogue,
  ttlMs: number,
  now = Date.now,
): ProgrammeCatalogue {
  const one = new Map<string, { at: number; value: Programme | undefined }>();
  let all: { at: number; value: Programme[] } | undefined;
  const fresh = (at: number) => now() - at < ttlMs;
  return {
    async get(programmeId) {
      const hit = one.get(programmeId);
      if (hit && fresh(hit.at)) return hit.value;
      const value = await inner.get(programmeId);
      // A miss is not kept: a programme published a moment ago must not stay unknown for a minute.
      if (value) one.set(programmeId, { at: now(), value });
      return value;
    },
    async list() {
      if (all && fresh(all.at)) return all.value;
      const value = await inner.list();
      all = { at: now(), value };
      return value;
    },
  };
}
