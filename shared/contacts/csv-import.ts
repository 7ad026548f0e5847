import type { Actor } from "../audit.ts";
import type { Message } from "../errors.ts";
import { CODES } from "../forms/codes.ts";
import { normaliseOrganisationNumber } from "../forms/rules/organisation-number.ts";
import { recipientByCode } from "../recipients/registry.ts";
import type { ContactDeps } from "./deps.ts";
import type { ContactEntry } from "./model.ts";
import { contactEmail, organisationNumberProblem } from "./register.ts";

/**
 * The register from a file: `kommunkod;email;name;organisationNumber`, one row per address. The
 * fourth column, the municipality's organisation number, is optional on every row; a row may
 * give only the number (`1281;;;212000-1264`).
 */
export interface ContactRow {
  line: number;
  kommunkod: string;
  email?: string;
  name?: string;
  organisationNumber?: string;
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
 * Parses a register file: one row per address, `kommunkod;email;name;organisationNumber`. A row
 * without a name sets the municipality's registry address; a row with a name sets its named
 * contact. The organisation number may come on any of a municipality's rows (on several, it must
 * be the same), or on a row of its own without an address. A header row (starting with
 * "kommunkod") and blank lines are skipped. Every problem is reported with its line.
 */
export function parseContactsCsv(text: string): { rows: ContactRow[]; problems: CsvProblem[] } {
  const rows: ContactRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  const numbers = new Map<string, { number: string; line: number }>();
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === "") return;
      const [kommunkod = "", address = "", name = "", number = "", ...rest] = splitCsvLine(raw);
      if (line === 1 && kommunkod.toLowerCase() === "kommunkod") return;
      const problem = (message: string) => problems.push({ line, message });
      if (rest.some((c) => c !== "")) problem("more than four columns");
      if (!recipientByCode(kommunkod)) problem(`unknown recipient code "${kommunkod}"`);
      const numberOnly = address === "" && name === "" && number !== "";
      if (!numberOnly && !contactEmail.safeParse(address).success) problem(`invalid e-mail "${address}"`);
      const organisationNumber = number === "" ? undefined : checkedNumber(kommunkod, number, problem);
      if (organisationNumber) {
        const earlier = numbers.get(kommunkod);
        if (earlier && earlier.number !== organisationNumber) {
          problem(`${kommunkod} has organisation number ${earlier.number} on line ${earlier.line}`);
        }
        if (!earlier) numbers.set(kommunkod, { number: organisationNumber, line });
      }
      if (!numberOnly) {
        const slot = `${kommunkod}#${name ? "contact" : "registry"}`;
        const earlier = seen.get(slot);
        if (earlier !== undefined) {
          problem(
            `${kommunkod} has a ${name ? "named contact" : "registry address"} on line ${earlier} already`,
          );
        }
        if (earlier === undefined) seen.set(slot, line);
      }
      rows.push({
        line,
        kommunkod,
        ...(numberOnly ? {} : { email: address }),
        ...(name ? { name } : {}),
        ...(organisationNumber ? { organisationNumber } : {}),
      });
    });
  return { rows, problems };
}

/** The number normalised (NNNNNN-NNNN), or undefined after reporting why the register refuses it. */
function checkedNumber(
  recipientCode: string,
  number: string,
  problem: (message: string) => void,
): string | undefined {
  const code = organisationNumberProblem(recipientCode, number);
  if (!code) return normaliseOrganisationNumber(number);
  const expected = recipientByCode(recipientCode)?.organisationNumber ?? "";
  // Of these codes only NOT_THE_RECIPIENTS_ORGANISATION_NUMBER reads a parameter; the rest ignore it.
  const message = (CODES[code] as (p: { expected: string }) => Message)({ expected });
  problem(`organisation number "${number}": ${message.en}`);
  return undefined;
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
    const kommun = recipientByCode(row.kommunkod)?.name ?? row.kommunkod;
    const base = next.get(row.kommunkod) ??
      current.get(row.kommunkod) ?? { kommunkod: row.kommunkod, kommun };
    const email = row.email;
    next.set(row.kommunkod, {
      ...base,
      ...(email === undefined
        ? {}
        : row.name
          ? { contact: { name: row.name, email } }
          : { registryEmail: email }),
      ...(row.organisationNumber ? { organisationNumber: row.organisationNumber } : {}),
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
