import type { Actor } from "../audit.ts";
import { municipalityByCode } from "../municipalities/registry.ts";
import type { ContactDeps } from "./deps.ts";
import type { ContactEntry } from "./model.ts";
import { contactEmail } from "./register.ts";

/** The register from a file: `kommunkod;email;name`, one row per address. */
export interface ContactRow {
  line: number;
  kommunkod: string;
  email: string;
  name?: string;
}

export interface CsvProblem {
  line: number;
  message: string;
}

/** One CSV record: `;`-separated, fields optionally quoted as in RFC 4180. */
export function splitCsvLine(line: string, separator = ";"): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === separator) {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Parses a register file: one row per address, `kommunkod;email;name`. A row without a name sets
 * the municipality's registry address; a row with a name sets its named contact. A header row
 * (starting with "kommunkod") and blank lines are skipped. Every problem is reported with its line.
 */
export function parseContactsCsv(text: string): { rows: ContactRow[]; problems: CsvProblem[] } {
  const rows: ContactRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === "") return;
      const [kommunkod = "", address = "", name = "", ...rest] = splitCsvLine(raw);
      if (line === 1 && kommunkod.toLowerCase() === "kommunkod") return;
      if (rest.some((c) => c !== "")) problems.push({ line, message: "more than three columns" });
      if (!municipalityByCode(kommunkod))
        problems.push({ line, message: `unknown kommunkod "${kommunkod}"` });
      if (!contactEmail.safeParse(address).success)
        problems.push({ line, message: `invalid e-mail "${address}"` });
      const slot = `${kommunkod}#${name ? "contact" : "registry"}`;
      const earlier = seen.get(slot);
      if (earlier !== undefined) {
        problems.push({
          line,
          message: `${kommunkod} has a ${name ? "named contact" : "registry address"} on line ${earlier} already`,
        });
      }
      if (earlier === undefined) seen.set(slot, line);
      rows.push({ line, kommunkod, email: address, ...(name ? { name } : {}) });
    });
  return { rows, problems };
}

/** Applies parsed rows to the current register: each row replaces only its own part. */
export function applyContactRows(
  current: ReadonlyMap<string, ContactEntry>,
  rows: readonly ContactRow[],
  at: string,
  actor: Actor,
): ContactEntry[] {
  const next = new Map<string, ContactEntry>();
  for (const row of rows) {
    const kommun = municipalityByCode(row.kommunkod)?.name ?? row.kommunkod;
    const base = next.get(row.kommunkod) ??
      current.get(row.kommunkod) ?? { kommunkod: row.kommunkod, kommun };
    next.set(row.kommunkod, {
      ...base,
      ...(row.name ? { contact: { name: row.name, email: row.email } } : { registryEmail: row.email }),
      updatedAt: at,
      updatedBy: actor,
    });
  }
  return [...next.values()];
}

export type ImportResult = { ok: true; updated: number } | { ok: false; problems: CsvProblem[] };

/** All or nothing: a file with any problem changes nothing. */
export async function importContacts(deps: ContactDeps, actor: Actor, text: string): Promise<ImportResult> {
  const { rows, problems } = parseContactsCsv(text);
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ line: 0, message: "no rows" }] };
  const current = new Map((await deps.contacts.listContacts()).map((e) => [e.kommunkod, e]));
  const at = deps.clock.now().toISOString();
  const entries = applyContactRows(current, rows, at, actor);
  await deps.contacts.saveContacts(entries, {
    at,
    actor,
    action: "contacts.imported",
    details: { rows: rows.length, municipalities: entries.length },
  });
  return { ok: true, updated: entries.length };
}
