import { SEED_PROGRAMMES } from "../../shared/programmes/seeds.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";

/** `statsbidrag programmes`: the seed programmes' ids, deadlines and titles, one a line. */
export const programmes: Command = {
  summary: "list programmes with their deadlines",
  usage: "statsbidrag programmes",
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {});
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, true);
    const rows = SEED_PROGRAMMES.map((p) => [
      p.id,
      p.deadlines.requisition,
      p.deadlines.report ?? "–",
      p.title,
    ]);
    const header = ["ID", "REKVISITION", "REDOVISNING", "BENÄMNING"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    for (const row of [header, ...rows]) {
      const cells = row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell));
      io.stdout.write(`${cells.join("  ")}\n`);
    }
    return EXIT.ok;
  },
};
