import { z } from "zod";
import type { Clock } from "../clock.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { allMunicipalities, municipalityByCode } from "../municipalities/registry.ts";
import type { Actor, ContactEntry } from "../submissions/model.ts";
import type { ContactStore } from "../submissions/ports.ts";

/**
 * The contact register: per municipality, the registry (registrator) address and optionally a
 * named person for state grants. Announcements and reminders go to both, plus the contact address
 * of the municipality's latest submission, so a message reaches someone who knows the matter.
 */
export interface ContactDeps {
  contacts: ContactStore;
  clock: Clock;
}

/** "Upplands Väsby" → "upplands-vasby", for the made-up local addresses. */
export function kommunSlug(kommun: string): string {
  return kommun
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const SEED_ACTOR: Actor = { sub: "local-seed", kind: "system" };

let slugUses: Map<string, number> | undefined;

/**
 * The clearly fake local registry address, registrator@<kommun-slug>.example. Two names fold to
 * the same slug (Håbo and Habo); those get their kommunkod appended, so every address is unique.
 */
export function seedRegistryAddress(kommunkod: string): string {
  slugUses ??= allMunicipalities().reduce(
    (uses, m) => uses.set(kommunSlug(m.name), (uses.get(kommunSlug(m.name)) ?? 0) + 1),
    new Map<string, number>(),
  );
  const slug = kommunSlug(municipalityByCode(kommunkod)?.name ?? kommunkod);
  return `registrator@${(slugUses.get(slug) ?? 0) > 1 ? `${slug}-${kommunkod}` : slug}.example`;
}

/** Registry addresses for every municipality, for the local stack only. */
export function seedEntries(nowIso: string): ContactEntry[] {
  return allMunicipalities().map((m) => ({
    kommunkod: m.kommunkod,
    kommun: m.name,
    registryEmail: seedRegistryAddress(m.kommunkod),
    updatedAt: nowIso,
    updatedBy: SEED_ACTOR,
  }));
}

export async function seedContactsIfEmpty(deps: ContactDeps): Promise<number> {
  if (await deps.contacts.hasContacts()) return 0;
  const at = deps.clock.now().toISOString();
  const entries = seedEntries(at);
  return deps.contacts.saveContacts(entries, {
    at,
    actor: SEED_ACTOR,
    action: "contacts.seeded",
    details: { count: entries.length },
  });
}

function requireMunicipality(kommunkod: string) {
  const m = municipalityByCode(kommunkod);
  if (!m)
    throw new NotFoundError({ sv: "Ingen kommun med den koden.", en: "No municipality with that code." });
  return m;
}

/** Every municipality, with its register entry where there is one. */
export async function listContacts(deps: ContactDeps) {
  const entries = new Map((await deps.contacts.listContacts()).map((e) => [e.kommunkod, e]));
  return allMunicipalities().map(
    (m) => entries.get(m.kommunkod) ?? { kommunkod: m.kommunkod, kommun: m.name },
  );
}

export async function getContact(deps: ContactDeps, kommunkod: string) {
  const m = requireMunicipality(kommunkod);
  return (await deps.contacts.getContact(kommunkod)) ?? { kommunkod, kommun: m.name };
}

const email = z.email().max(254);
const contactBody = z.strictObject({
  registryEmail: email,
  contact: z
    .strictObject({ name: z.string().trim().min(1).max(200), email })
    .nullable()
    .optional(),
});

/** PUT /contacts/{kommunkod}: replaces the entry; `contact: null` (or leaving it out) removes the person. */
export async function putContact(deps: ContactDeps, actor: Actor, kommunkod: string, body: unknown) {
  const m = requireMunicipality(kommunkod);
  const parsed = contactBody.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: i.path.join("."),
        code:
          i.path.at(-1) === "email" || i.path[0] === "registryEmail" ? "INVALID_EMAIL" : "INVALID_CONTACT",
        message: { sv: "Ogiltig kontaktuppgift.", en: "Invalid contact details." },
      })),
    );
  }
  const at = deps.clock.now().toISOString();
  const previous = await deps.contacts.getContact(kommunkod);
  const entry: ContactEntry = {
    kommunkod,
    kommun: m.name,
    registryEmail: parsed.data.registryEmail,
    ...(parsed.data.contact ? { contact: parsed.data.contact } : {}),
    updatedAt: at,
    updatedBy: actor,
  };
  await deps.contacts.saveContact(entry, {
    at,
    actor,
    action: "contact.updated",
    details: {
      kommunkod,
      before: previous ? { registryEmail: previous.registryEmail, contact: previous.contact } : null,
      after: { registryEmail: entry.registryEmail, contact: entry.contact },
    },
  });
  return entry;
}

// ── CSV import: kommunkod;email;name ──────────────────────────────────────────────────────────

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
      if (!email.safeParse(address).success) problems.push({ line, message: `invalid e-mail "${address}"` });
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
