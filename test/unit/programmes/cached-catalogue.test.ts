import { describe, expect, it } from "vitest";
import { cachedCatalogue } from "../../../shared/programmes/cached-catalogue.ts";
import type { CurrentProgramme, ProgrammeCatalogue } from "../../../shared/programmes/ports.ts";
import { requireSeed } from "../../../shared/programmes/seeds.ts";

const SEED = requireSeed("skr-aldreomsorg-2022");

/** A table with one programme whose version the test moves, counting the reads. */
function table() {
  const state = { version: 1, reads: 0 };
  const inner: ProgrammeCatalogue = {
    async getVersioned(id): Promise<CurrentProgramme | undefined> {
      state.reads++;
      return id === SEED.id ? { programme: SEED, version: state.version } : undefined;
    },
    async get(id) {
      return (await this.getVersioned(id))?.programme;
    },
    async list() {
      state.reads++;
      return [SEED];
    },
  };
  return { state, inner };
}

describe("the catalogue a function keeps", () => {
  it("keeps the version it read for its time, and reads afresh once a write found it stale (forget)", async () => {
    // Prepare
    const { state, inner } = table();
    const cached = cachedCatalogue(inner, 60_000, () => 0);
    await cached.getVersioned(SEED.id);
    state.version = 2;
    // Act
    const kept = await cached.getVersioned(SEED.id);
    cached.forget?.(SEED.id);
    const afresh = await cached.getVersioned(SEED.id);
    // Assess
    expect(kept?.version).toBe(1);
    expect(afresh?.version).toBe(2);
    expect(state.reads).toBe(2);
  });

  it("keeps no miss: a programme published a moment later is found at once", async () => {
    // Prepare
    const { state, inner } = table();
    const cached = cachedCatalogue(inner, 60_000, () => 0);
    // Act
    const missing = await cached.get("no-such-programme");
    const again = await cached.get("no-such-programme");
    // Assess
    expect([missing, again]).toEqual([undefined, undefined]);
    expect(state.reads).toBe(2);
  });
});
