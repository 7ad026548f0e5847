import type { FieldError } from "../../../shared/errors.ts";
import { allocationFor } from "../../../shared/programmes/catalogue.ts";
import type { Allocation, Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";

export const LUND = "1281";
export const MALMO = "1280";
export const BORAS = "1490";
export const STOCKHOLM = "0180";

export function programme(id: string): Programme {
  const found = seedProgramme(id);
  if (!found) throw new Error(`test setup: no programme ${id}`);
  return found;
}

export const aldre2022 = () => programme("skr-aldreomsorg-2022");
export const aldre2021 = () => programme("skr-aldreomsorg-2021");
export const valfard2018 = () => programme("sos-valfardsteknik-2018");

export function allocation(p: Programme, kommunkod: string): Allocation {
  const found = allocationFor(p, kommunkod);
  if (!found) throw new Error(`test setup: ${kommunkod} not in ${p.id}`);
  return found;
}

export const codesOf = (errors: readonly FieldError[]) => errors.map((e) => e.code);
export const pathsAndCodes = (errors: readonly FieldError[]) => errors.map((e) => `${e.path} ${e.code}`);

type Json = Record<string, unknown>;

function parentOf(root: Json, path: string): [Json, string] {
  const keys = path.split(".");
  const last = keys.pop() ?? "";
  let node = root;
  for (const key of keys) node = node[key] as Json;
  return [node, last];
}

/** A deep copy of `form` with the field at the dotted `path` set to `value` (to break it on purpose). */
export function withField(form: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(form) as Json;
  const [parent, key] = parentOf(copy, path);
  parent[key] = value;
  return copy;
}

/** A deep copy of `form` without the field at the dotted `path`. */
export function withoutField(form: unknown, path: string): unknown {
  const copy = structuredClone(form) as Json;
  const [parent, key] = parentOf(copy, path);
  delete parent[key];
  return copy;
}
