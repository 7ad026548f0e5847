import en from "zod/v4/locales/en.js";
import { formatKronor, parseKronorText } from "../money.ts";
import {
  RECIPIENT_KIND_SV,
  type RecipientKind,
  recipientsOfKinds,
  resolveRecipient,
} from "../recipients/registry.ts";
import {
  type Allocation,
  type Programme,
  type ProgrammeMeta,
  programmeMetaSchema,
  programmeSchema,
} from "./schema.ts";

/** Stable codes of what can be wrong with a Bilaga 1 table or its metadata. */
export type ImportProblemCode =
  | "INVALID_META"
  | "AMOUNT_NOT_WHOLE_KRONOR"
  | "AMOUNT_NEGATIVE"
  | "UNKNOWN_RECIPIENT"
  | "CODE_NAME_MISMATCH"
  | "DUPLICATE_RECIPIENT"
  | "MISSING_RECIPIENT"
  | "TOTAL_MISMATCH"
  | "MODEL_EXTRA_UNEVEN"
  | "UNKNOWN_MODEL_MUNICIPALITY"
  | "INVALID_PROGRAMME";

export interface ImportProblem {
  /** 1-based line in the CSV, or undefined for problems with the table as a whole. */
  line?: number;
  code: ImportProblemCode;
  message: { sv: string; en: string };
}

/** What the rows add up to, shown beside the problems so the officer can see the proof. */
export interface ImportTotals {
  /** Recipient rows read (header and "Totalt" lines not counted). */
  rows: number;
  sum: number;
  /** The total the metadata states, when the metadata could be read. */
  stated: number | null;
}

const problem = (code: ImportProblemCode, sv: string, en: string, line?: number): ImportProblem => ({
  ...(line === undefined ? {} : { line }),
  code,
  message: { sv, en },
});

export type ImportResult =
  | { ok: true; programme: Programme; totals: ImportTotals }
  | { ok: false; problems: ImportProblem[]; totals: ImportTotals };

const SEPARATORS = [";", "\t", ","] as const;

function splitRow(line: string, separator: string): string[] {
  return line.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"));
}

/** Kinds whose every member gets an amount, so a table that leaves one out is wrong. */
const LISTED_IN_FULL: readonly RecipientKind[] = ["municipality", "region"];

const kindWords = (kinds: readonly RecipientKind[]) => ({
  sv: kinds.map((k) => RECIPIENT_KIND_SV[k]).join(" eller "),
  en: kinds.join(" or "),
});

/**
 * The problems quote zod's own English messages ("Too small: expected number to be >=2000");
 * zod/mini sets no locale by itself, so the parse is given one.
 */
const IN_ENGLISH = { error: en().localeError };

/**
 * Builds a programme from its metadata and a Bilaga 1 table as the agencies publish it: one row
 * per recipient with a name or code and an amount (`Kommun;Belopp`, optionally a code column
 * first), recipients of the programme's kinds only. Everything wrong is reported at once, with
 * line numbers.
 */
export function importProgramme(metaInput: unknown, csv: string): ImportResult {
  const problems: ImportProblem[] = [];
  const metaResult = programmeMetaSchema.safeParse(metaInput, IN_ENGLISH);
  if (!metaResult.success) {
    return {
      ok: false,
      problems: metaResult.error.issues.map((i) =>
        problem(
          "INVALID_META",
          `Metadata ${i.path.join(".")}: ${i.message}`,
          `meta ${i.path.join(".")}: ${i.message}`,
        ),
      ),
      totals: { rows: 0, sum: 0, stated: null },
    };
  }
  const meta: ProgrammeMeta = metaResult.data;
  const kinds = meta.recipientKinds;
  const words = kindWords(kinds);
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
      problems.push(
        /^[-−]/.test(amountText.trim())
          ? problem(
              "AMOUNT_NEGATIVE",
              `Beloppet "${amountText}" är negativt.`,
              `amount "${amountText}" is negative`,
              line,
            )
          : problem(
              "AMOUNT_NOT_WHOLE_KRONOR",
              `Beloppet "${amountText}" är inte hela kronor.`,
              `amount "${amountText}" is not whole kronor`,
              line,
            ),
      );
      return;
    }
    if (/^(totalt|summa)$/i.test(who)) return;
    const recipient =
      resolveRecipient(who, kinds) ??
      (cells.length >= 3 ? resolveRecipient(cells[1] ?? "", kinds) : undefined);
    if (!recipient) {
      problems.push(
        problem("UNKNOWN_RECIPIENT", `Okänd ${words.sv} "${who}".`, `unknown ${words.en} "${who}"`, line),
      );
      return;
    }
    if (cells.length >= 3 && cells[1] && resolveRecipient(cells[1], kinds)?.code !== recipient.code) {
      problems.push(
        problem(
          "CODE_NAME_MISMATCH",
          `Koden ${who} hör inte till "${cells[1]}".`,
          `code ${who} does not belong to "${cells[1]}"`,
          line,
        ),
      );
      return;
    }
    const earlier = amounts.get(recipient.code);
    if (earlier) {
      problems.push(
        problem(
          "DUPLICATE_RECIPIENT",
          `${recipient.name} (${recipient.code}) står också på rad ${earlier.line}.`,
          `${recipient.name} (${recipient.code}) also on line ${earlier.line}`,
          line,
        ),
      );
      return;
    }
    amounts.set(recipient.code, { name: recipient.name, amount, line });
  });

  for (const r of recipientsOfKinds(kinds.filter((k) => LISTED_IN_FULL.includes(k)))) {
    if (!amounts.has(r.code)) {
      problems.push(
        problem("MISSING_RECIPIENT", `${r.name} (${r.code}) saknas.`, `missing ${r.name} (${r.code})`),
      );
    }
  }
  const total = [...amounts.values()].reduce((s, a) => s + a.amount, 0);
  if (total !== meta.totalBase) {
    problems.push(
      problem(
        "TOTAL_MISMATCH",
        `Raderna summerar till ${formatKronor(total)}, inte till angivna ${formatKronor(meta.totalBase)}.`,
        `total ${formatKronor(total)} differs from the stated ${formatKronor(meta.totalBase)}`,
      ),
    );
  }

  const extras = new Map<string, number>();
  if (meta.modelExtra) {
    const count = meta.modelExtra.municipalities.length;
    if (meta.modelExtra.total % count !== 0) {
      problems.push(
        problem(
          "MODEL_EXTRA_UNEVEN",
          `Tillägget ${meta.modelExtra.total} kan inte delas lika av ${count}.`,
          `model extra ${meta.modelExtra.total} cannot be shared equally by ${count}`,
        ),
      );
    }
    for (const name of meta.modelExtra.municipalities) {
      const m = resolveRecipient(name, ["municipality"]);
      if (!m) {
        problems.push(
          problem(
            "UNKNOWN_MODEL_MUNICIPALITY",
            `Okänd modellkommun "${name}".`,
            `unknown model municipality "${name}"`,
          ),
        );
      } else extras.set(m.code, Math.floor(meta.modelExtra.total / count));
    }
  }
  const totals: ImportTotals = { rows: amounts.size, sum: total, stated: meta.totalBase };
  if (problems.length > 0) return { ok: false, problems, totals };

  const allocations: Allocation[] = [...amounts.entries()]
    .map(([kommunkod, a]) => ({
      kommunkod,
      kommun: a.name,
      amount: a.amount,
      modelExtra: extras.get(kommunkod) ?? 0,
    }))
    .sort((a, b) => a.kommunkod.localeCompare(b.kommunkod));
  const parsed = programmeSchema.safeParse({ ...meta, allocations }, IN_ENGLISH);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        problem(
          "INVALID_PROGRAMME",
          `${i.path.join(".")}: ${i.message}`,
          `${i.path.join(".")}: ${i.message}`,
        ),
      ),
      totals,
    };
  }
  return { ok: true, programme: parsed.data, totals };
}
