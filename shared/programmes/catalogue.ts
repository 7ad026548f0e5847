import aldre2021 from "./data/skr-aldreomsorg-2021.json" with { type: "json" };
import aldre2022 from "./data/skr-aldreomsorg-2022.json" with { type: "json" };
import valfard2018 from "./data/sos-valfardsteknik-2018.json" with { type: "json" };
import { type Allocation, type Programme, programmeSchema } from "./schema.ts";

// Parsed once at cold start: a malformed data file stops the function before it serves anyone.
const programmes: ReadonlyMap<string, Programme> = new Map(
  [valfard2018, aldre2021, aldre2022].map((raw) => {
    const p = programmeSchema.parse(raw);
    return [p.id, p] as const;
  }),
);

export function listProgrammes(): readonly Programme[] {
  return [...programmes.values()];
}

export function findProgramme(id: string): Programme | undefined {
  return programmes.get(id);
}

export function allocationFor(programme: Programme, kommunkod: string): Allocation | undefined {
  return programme.allocations.find((a) => a.kommunkod === kommunkod);
}
