import type { CurrentProgramme, ProgrammeCatalogue } from "./ports.ts";
import type { Programme } from "./schema.ts";

/**
 * The catalogue a function keeps for a short while: a programme changes seldom (a new version, a
 * corrected fact), and every request reads it. A change reaches every container within `ttlMs`;
 * a submission's write never relies on the copy (it requires the version it read), and a refused
 * write makes the next request read the programme afresh (`forget`).
 */
export function cachedCatalogue(
  inner: ProgrammeCatalogue,
  ttlMs: number,
  now = Date.now,
): ProgrammeCatalogue {
  const one = new Map<string, { at: number; value: CurrentProgramme }>();
  let all: { at: number; value: Programme[] } | undefined;
  const fresh = (at: number) => now() - at < ttlMs;
  const getVersioned = async (programmeId: string) => {
    const hit = one.get(programmeId);
    if (hit && fresh(hit.at)) return hit.value;
    const value = await inner.getVersioned(programmeId);
    // A miss is not kept: a programme published a moment ago must not stay unknown for a minute.
    if (value) one.set(programmeId, { at: now(), value });
    return value;
  };
  return {
    getVersioned,
    async get(programmeId) {
      return (await getVersioned(programmeId))?.programme;
    },
    async list() {
      if (all && fresh(all.at)) return all.value;
      const value = await inner.list();
      all = { at: now(), value };
      return value;
    },
    forget(programmeId) {
      one.delete(programmeId);
      all = undefined;
    },
  };
}
