import { formatKronor, parseKronorText } from "../money.ts";
import { allMunicipalities, resolveMunicipality } from "../municipalities/registry.ts";
import {
  type Allocation,
  type Programme,
  type ProgrammeMeta,
  programmeMetaSchema,
  programmeSchema,
} from "./schema.ts";

export interface ImportProblem {
  /** 1-based line in the CSV, or undefined for problems with the table as a whole. */
  line?: number;
  message: string;
}

export type ImportResult = { ok: true; programme: Programme } | { ok: false; problems: ImportProblem[] };

const SEPARATORS = [";", "\t", ","] as const;

function splitRow(line: string, separator: string): string[] {
  return line.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"));
}

/**
 * Builds a programme from its metadata and a Bilaga 1 table as the agencies publish it: one row
 * per municipality with a name or kommunkod and an amount (`Kommun;Belopp`, optionally a
 * kommunkod column first). Everything wrong is reported at once, with line numbers.
 */
export function importProgramme(metaInput: unknown, csv: string): ImportResult {
  const problems: ImportProblem[] = [];
  const metaResult = programmeMetaSchema.safeParse(metaInput);
  if (!metaResult.success) {
    return {
      ok: false,
      problems: metaResult.error.issues.map((i) => ({ message: `meta ${i.path.join(".")}: ${i.message}` })),
    };
  }
  const meta: ProgrammeMeta = metaResult.data;
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  const separator = SEPARATORS.find((s) => lines.some((l) => l.includes(s))) ?? ";";

  const amounts = new Map<string, { name: string; amount: number; line: number }>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const cells = splitRow(raw, separator).filter((c) => c !== "");
    const amountText = cells.at(-1) ?? "";
    const amount = parseKronorText(amountText);
    const who = cells[0] ?? "";
    if (amount === undefined) {
      // A header row or a "Totalt" line is not an error; anything else is.
      if (index === 0 || /^(totalt|summa)$/i.test(who)) return;
      problems.push({ line, message: `amount "${amountText}" is not whole kronor` });
      return;
    }
    if (/^(totalt|summa)$/i.test(who)) return;
    const municipality =
      resolveMunicipality(who) ?? (cells.length >= 3 ? resolveMunicipality(cells[1] ?? "") : undefined);
    if (!municipality) {
      problems.push({ line, message: `unknown municipality "${who}"` });
      return;
    }
    if (
      cells.length >= 3 &&
      cells[1] &&
      resolveMunicipality(cells[1])?.kommunkod !== municipality.kommunkod
    ) {
      problems.push({ line, message: `kommunkod ${who} does not belong to "${cells[1]}"` });
      return;
    }
    const earlier = amounts.get(municipality.kommunkod);
    if (earlier) {
      problems.push({
        line,
        message: `${municipality.name} (${municipality.kommunkod}) also on line ${earlier.line}`,
      });
      return;
    }
    amounts.set(municipality.kommunkod, { name: municipality.name, amount, line });
  });

  for (const m of allMunicipalities()) {
    if (!amounts.has(m.kommunkod)) problems.push({ message: `missing ${m.name} (${m.kommunkod})` });
  }
  const total = [...amounts.values()].reduce((s, a) => s + a.amount, 0);
  if (total !== meta.totalBase) {
    problems.push({
      message: `total ${formatKronor(total)} differs from the stated ${formatKronor(meta.totalBase)}`,
    });
  }

  const extras = new Map<string, number>();
  if (meta.modelExtra) {
    const count = meta.modelExtra.municipalities.length;
    if (meta.modelExtra.total % count !== 0) {
      problems.push({ message: `model extra ${meta.modelExtra.total} cannot be shared equally by ${count}` });
    }
    for (const name of meta.modelExtra.municipalities) {
      const m = resolveMunicipality(name);
      if (!m) problems.push({ message: `unknown model municipality "${name}"` });
      else extras.set(m.kommunkod, Math.floor(meta.modelExtra.total / count));
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const allocations: Allocation[] = [...amounts.entries()]
    .map(([kommunkod, a]) => ({
      kommunkod,
      kommun: a.name,
      amount: a.amount,
      modelExtra: extras.get(kommunkod) ?? 0,
    }))
    .sort((a, b) => a.kommunkod.localeCompare(b.kommunkod));
  const parsed = programmeSchema.safeParse({ ...meta, allocations });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ message: `${i.path.join(".")}: ${i.message}` })),
    };
  }
  return { ok: true, programme: parsed.data };
}
