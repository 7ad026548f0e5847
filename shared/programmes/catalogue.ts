import { NotFoundError } from "../errors.ts";
import aldre2021 from "./data/skr-aldreomsorg-2021.json" with { type: "json" };
import aldre2022 from "./data/skr-aldreomsorg-2022.json" with { type: "json" };
import valfard2018 from "./data/sos-valfardsteknik-2018.json" with { type: "json" };
import type { Allocation, Programme } from "./schema.ts";

/**
 * The programme files are validated in full by programmeSchema when they are built
 * (`statsbidrag programme import`) and in the data tests. At cold start only the invariants the
 * ledger relies on are re-checked, so functions don't bundle a schema library for it.
 */
function checked(raw: unknown): Programme {
  const p = raw as Programme;
  const codes = new Set(p.allocations.map((a) => a.kommunkod));
  const base = p.allocations.reduce((sum, a) => sum + a.amount, 0);
  const extra = p.allocations.reduce((sum, a) => sum + a.modelExtra, 0);
  const integral = p.allocations.every(
    (a) => Number.isSafeInteger(a.amount) && Number.isSafeInteger(a.modelExtra),
  );
  if (
    codes.size !== p.allocations.length ||
    base !== p.totalBase ||
    extra !== (p.modelExtra?.total ?? 0) ||
    !integral
  ) {
    throw new Error(`programme ${p.id}: allocation data is inconsistent`);
  }
  return p;
}

let programmes: ReadonlyMap<string, Programme> | undefined;

/**
 * Checked once, on first use: a malformed data file stops the function before it serves anyone.
 * Built lazily so that a module importing this one costs nothing until a programme is read.
 */
function catalogue(): ReadonlyMap<string, Programme> {
  programmes ??= new Map(
    [valfard2018, aldre2021, aldre2022].map((raw) => {
      const p = checked(raw);
      return [p.id, p] as const;
    }),
  );
  return programmes;
}

export function listProgrammes(): readonly Programme[] {
  return [...catalogue().values()];
}

export function findProgramme(id: string): Programme | undefined {
  return catalogue().get(id);
}

export function allocationFor(programme: Programme, kommunkod: string): Allocation | undefined {
  return programme.allocations.find((a) => a.kommunkod === kommunkod);
}

/** The programme a request names, or 404. */
export function requireProgramme(programmeId: string): Programme {
  const programme = findProgramme(programmeId);
  if (!programme) throw new NotFoundError({ sv: "Bidraget finns inte.", en: "No such programme." });
  return programme;
}
