import type { Allocation } from "../../shared/programmes/schema.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";
import { programmeOrFail } from "../lookup.ts";

const USAGE = "statsbidrag allocations <programmeId> [--format json|csv]";

/** Quotes a cell only where RFC 4180 requires it (no municipality name does today). */
function csvCell(value: string | number): string {
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Excel in a Swedish locale opens `;`-separated UTF-8 correctly only with a BOM. */
export function allocationsCsv(allocations: readonly Allocation[]): string {
  const rows = [
    ["kommunkod", "kommun", "amount", "modelExtra"],
    ...allocations.map((a) => [a.kommunkod, a.kommun, a.amount, a.modelExtra]),
  ];
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

function allocationsJson(allocations: readonly Allocation[]): string {
  const rows = allocations.map(({ kommunkod, kommun, amount, modelExtra }) => ({
    kommunkod,
    kommun,
    amount,
    modelExtra,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** `statsbidrag allocations <id>`: Bilaga 1 of a programme as JSON (default) or CSV for Excel. */
export const allocations: Command = {
  summary: "print a programme's allocation table (JSON or CSV for Excel)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: "string", default: "json" } });
    if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`, true);
    const programme = programmeOrFail(positionals[0]);
    if (values.format !== "json" && values.format !== "csv") {
      throw new CliError(`--format must be json or csv, not "${values.format}"`, true);
    }
    io.stdout.write(
      values.format === "csv"
        ? allocationsCsv(programme.allocations)
        : allocationsJson(programme.allocations),
    );
    return EXIT.ok;
  },
};
