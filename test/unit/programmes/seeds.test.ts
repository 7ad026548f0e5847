import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allocationFor } from "../../../shared/programmes/catalogue.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { resolveRecipient } from "../../../shared/recipients/registry.ts";

/**
 * Re-reads Bilaga 1 from the source documents (the seeds beside the repository) and compares every
 * amount with the data files, so a typo in a data file or a CSV can't go unnoticed. The seeds are
 * not part of the repository: where they are absent (a plain clone), the test is skipped.
 */
const SEEDS = fileURLToPath(new URL("../../../../shared/seeds", import.meta.url));
const haveSeeds = existsSync(SEEDS);

interface SeedRow {
  line: number;
  kommunkod?: string;
  name: string;
  amount: number;
}
interface SeedTable {
  rows: SeedRow[];
  total: number;
}

const AMOUNT = String.raw`\d{1,3}(?:[ \u00a0]\d{3})*`;
const kronor = (text: string) => Number(text.replace(/\D/g, ""));

function seedText(prefix: string): string[] {
  const file = readdirSync(SEEDS).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}* in ${SEEDS}`);
  return readFileSync(join(SEEDS, file), "utf8").split(/\r?\n/);
}

/** SKR agreements: "Name 123 456" rows after the (last) "Bilaga 1." heading, up to "Totalt". */
function agreementTable(prefix: string): SeedTable {
  const lines = seedText(prefix);
  const start = lines.findLastIndex((l) => l.includes("Bilaga 1. Fördelning av statsbidrag till kommunerna"));
  const row = new RegExp(`^(.+?)\\s+(${AMOUNT})$`);
  const rows: SeedRow[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const text = (lines[i] ?? "").trim();
    const match = row.exec(text);
    if (!match) continue;
    const [, name = "", amount = ""] = match;
    if (name === "Totalt") return { rows, total: kronor(amount) };
    rows.push({ line: i + 1, name, amount: kronor(amount) });
  }
  throw new Error(`seed ${prefix}: no "Totalt" after Bilaga 1`);
}

/** The 2018 decision: "1440 Ale 965 885 0,28" rows (kommunkod, name, amount, share), then "Summa". */
function decisionTable(prefix: string): SeedTable {
  const lines = seedText(prefix);
  const row = new RegExp(`^(\\d{4})\\s+(.+?)\\s+(${AMOUNT})\\s+\\d+,\\d+$`);
  const total = new RegExp(`^Summa\\s+(${AMOUNT})\\s+100$`);
  const rows: SeedRow[] = [];
  for (const [i, raw] of lines.entries()) {
    const text = raw.trim();
    const sum = total.exec(text);
    if (sum) return { rows, total: kronor(sum[1] ?? "") };
    const match = row.exec(text);
    if (match)
      rows.push({ line: i + 1, kommunkod: match[1], name: match[2] ?? "", amount: kronor(match[3] ?? "") });
  }
  throw new Error(`seed ${prefix}: no "Summa" line`);
}

function programme(id: string): Programme {
  const found = seedProgramme(id);
  if (!found) throw new Error(`test setup: no programme ${id}`);
  return found;
}

/** Rows whose municipality or amount differs from the data file, as readable strings. */
function differences(table: SeedTable, p: Programme): string[] {
  return table.rows.flatMap((row) => {
    const byName = resolveRecipient(row.name, ["municipality"]);
    if (!byName) return [`line ${row.line}: unknown municipality "${row.name}"`];
    if (row.kommunkod && row.kommunkod !== byName.code) {
      return [`line ${row.line}: ${row.kommunkod} is not ${row.name} (${byName.code})`];
    }
    const amount = allocationFor(p, byName.code)?.amount;
    return amount === row.amount ? [] : [`line ${row.line}: ${row.name} ${row.amount} ≠ data ${amount}`];
  });
}

const CASES = [
  { id: "skr-aldreomsorg-2022", seed: "000_", read: agreementTable },
  { id: "skr-aldreomsorg-2021", seed: "001_", read: agreementTable },
  { id: "sos-valfardsteknik-2018", seed: "004_", read: decisionTable },
];

const TITLE = haveSeeds ? "seed tables agree with the data" : `seed tables (skipped: no seeds at ${SEEDS})`;

describe.skipIf(!haveSeeds)(TITLE, () => {
  it.each(CASES)("$id: every amount in seed $seed Bilaga 1 equals the data file", ({ id, seed, read }) => {
    // Prepare
    const p = programme(id);
    // Act
    const table = read(seed);
    // Assess
    expect(table.rows).toHaveLength(290);
    expect(new Set(table.rows.map((r) => resolveRecipient(r.name, ["municipality"])?.code)).size).toBe(290);
    expect(differences(table, p)).toEqual([]);
    expect(table.total).toBe(p.totalBase);
  });

  it.each([
    { id: "skr-aldreomsorg-2022", seed: "000_" },
    { id: "skr-aldreomsorg-2021", seed: "001_" },
  ])("$id: the agreement title is printed in seed $seed, without the service's year", ({ id, seed }) => {
    // Prepare: the seeds break lines anywhere, and the running text says "överenskommelsen …", so
    // compare with whitespace folded and from the word after "Överenskommelse"
    const fold = (text: string) => text.replace(/\s+/g, " ").toLocaleLowerCase("sv");
    const text = fold(seedText(seed).join(" "));
    const p = programme(id);
    // Act
    const name = fold(p.agreementTitle ?? "").replace(/^överenskommelse /, "");
    // Assess
    expect(name).toMatch(/^mellan staten och sveriges kommuner och regioner om äldreomsorg/);
    expect(text).toContain(name);
    expect(text).not.toContain(fold(p.title).replace(/^överenskommelse /, ""));
  });

  it.each(CASES)(
    "$id: commits to the survey at requisition exactly where seed $seed says so",
    ({ id, seed }) => {
      // Prepare
      const text = seedText(seed).join(" ").replace(/\s+/g, " ");
      const condition =
        /Kommunerna som (?:ansöker|rekvirerar)(?: om)? dessa medel ska svara på Socialstyrelsens enkät/;
      // Act
      const atRequisition = programme(id).survey.atRequisition;
      // Assess
      expect(atRequisition).toBe(condition.test(text));
    },
  );

  it.each([
    { id: "skr-aldreomsorg-2022-skr", seed: "000_" },
    { id: "skr-aldreomsorg-2021-skr", seed: "001_" },
  ])("$id: SKR's amount is the one seed $seed's 7.2 pays SKR", ({ id, seed }) => {
    // Prepare: "Beslut om utbetalning av sammanlagt 17 900 000 kronor till SKR"
    const text = seedText(seed).join(" ").replace(/\s+/g, " ");
    // Act
    const stated = /sammanlagt ([\d ]+) kronor till SKR/.exec(text)?.[1]?.replace(/ /g, "");
    // Assess
    expect(Number(stated)).toBe(programme(id).allocations[0]?.amount);
  });

  it('finds "Mölnadal" in the 2021 seed and reads it as Mölndal', () => {
    // Prepare
    const table = agreementTable("001_");
    // Act
    const row = table.rows.find((r) => r.name === "Mölnadal");
    // Assess
    expect(row && resolveRecipient(row.name, ["municipality"])?.code).toBe("1481");
    expect(row?.amount).toBe(allocationFor(programme("skr-aldreomsorg-2021"), "1481")?.amount);
  });
});
