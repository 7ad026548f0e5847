import type { Allocation, Programme } from "./schema.ts";

/**
 * Programmes are validated in full by programmeSchema when they are imported. Whenever one is
 * read or published, the invariants the ledger relies on are checked again, without a schema
 * library, so functions don't bundle one for it.
 */
export function checkedProgramme(p: Programme): Programme {
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

export function allocationFor(programme: Programme, kommunkod: string): Allocation | undefined {
  return programme.allocations.find((a) => a.kommunkod === kommunkod);
}
