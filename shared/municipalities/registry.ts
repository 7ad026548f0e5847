import data from "./municipalities.json" with { type: "json" };

export type Kommunkod = string;

export interface Municipality {
  kommunkod: Kommunkod;
  name: string;
}

const normalise = (name: string) => name.normalize("NFC").trim();

const byCode = new Map<Kommunkod, Municipality>();
const byName = new Map<string, Municipality>();
for (const m of data.municipalities) {
  byCode.set(m.kommunkod, m);
  byName.set(normalise(m.name), m);
}
// Spellings seen in the agencies' own tables. Explicit on purpose: a fuzzy match could pay the
// wrong municipality.
const aliases = new Map<string, Kommunkod>(Object.entries(data.aliases));

export const KOMMUNKOD_PATTERN = /^\d{4}$/;

export function allMunicipalities(): readonly Municipality[] {
  return data.municipalities;
}

export function municipalityByCode(kommunkod: Kommunkod): Municipality | undefined {
  return byCode.get(kommunkod);
}

/** Exact name (after Unicode normalisation and trimming) or a listed alias; never fuzzy. */
export function municipalityByName(name: string): Municipality | undefined {
  const key = normalise(name);
  const direct = byName.get(key);
  if (direct) return direct;
  const aliased = aliases.get(key);
  return aliased ? byCode.get(aliased) : undefined;
}

/** A kommunkod or a name, as allocation tables use either. */
export function resolveMunicipality(codeOrName: string): Municipality | undefined {
  const key = normalise(codeOrName);
  return KOMMUNKOD_PATTERN.test(key) ? byCode.get(key) : municipalityByName(key);
}
