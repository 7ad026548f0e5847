import { checkedProgramme } from "./catalogue.ts";
import aldre2021 from "./data/skr-aldreomsorg-2021.json" with { type: "json" };
import aldre2021Skr from "./data/skr-aldreomsorg-2021-skr.json" with { type: "json" };
import aldre2022 from "./data/skr-aldreomsorg-2022.json" with { type: "json" };
import aldre2022Skr from "./data/skr-aldreomsorg-2022-skr.json" with { type: "json" };
import valfard2018 from "./data/sos-valfardsteknik-2018.json" with { type: "json" };
import type { Programme } from "./schema.ts";

/**
 * The programmes of the seed documents, as `programme import` built them from their Bilaga 1
 * tables: the three to municipalities, and SKR's own share of each äldreomsorg agreement (seed 000
 * and 001, 7.2 "Medel till SKR", paid on SKR's own requisition and accounted for by SKR). They are not compiled into any function: the local stack, the tests and
 * `statsbidrag programme publish` load them into the table through the same publishing path an
 * agency's own programme takes.
 */
export const SEED_PROGRAMMES: readonly Programme[] = [
  valfard2018,
  aldre2021,
  aldre2022,
  aldre2021Skr,
  aldre2022Skr,
].map((raw) => checkedProgramme(raw as Programme));

export function seedProgramme(id: string): Programme | undefined {
  return SEED_PROGRAMMES.find((p) => p.id === id);
}

/** A seed programme that must exist (tests and tools name them by id). */
export function requireSeed(id: string): Programme {
  const programme = seedProgramme(id);
  if (!programme) throw new Error(`no seed programme ${id}`);
  return programme;
}
