import { writeFile } from "node:fs/promises";
import { formatKronor } from "../../shared/money.ts";
import { importProgramme } from "../../shared/programmes/import.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { CliError, type Command, EXIT, parseCommandArgs, readJson, readText } from "../io.ts";
import { formatProblem, importThroughApi } from "./programme-api.ts";

const USAGE =
  "statsbidrag programme import <meta.json> <bilaga1.csv> [--out file] | [--api <url>] [--token <bearer>] [--publish]";

/** The format of shared/programmes/data/*.json: 1-space indent and a trailing newline. */
export function programmeJson(programme: Programme): string {
  return `${JSON.stringify(programme, null, 1)}\n`;
}

async function importCommand(args: readonly string[], io: Parameters<Command["run"]>[1]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: "string" },
    api: { type: "string" },
    token: { type: "string" },
    publish: { type: "boolean" },
  });
  const [metaPath, csvPath, extra] = positionals;
  if (!metaPath || !csvPath) throw new CliError("need <meta.json> and <bilaga1.csv>", true);
  if (extra !== undefined) throw new CliError(`unexpected argument "${extra}"`, true);

  const throughApi = values.api !== undefined || values.token !== undefined || values.publish === true;
  if (throughApi) {
    if (values.out !== undefined)
      throw new CliError("--out writes a file; --api/--publish send to the API", true);
    const token = values.token ?? process.env.STATSBIDRAG_TOKEN;
    if (!token) {
      throw new CliError(
        "give --token (or set STATSBIDRAG_TOKEN) of an officer: see `statsbidrag token --officer`",
        true,
      );
    }
    const base = (values.api ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
    return importThroughApi(io, {
      base,
      token,
      meta: await readJson(metaPath),
      csv: await readText(csvPath),
      publish: values.publish === true,
    });
  }

  const result = importProgramme(await readJson(metaPath), await readText(csvPath));
  if (!result.ok) {
    for (const problem of result.problems) io.stderr.write(`${formatProblem(problem)}\n`);
    return EXIT.invalid;
  }
  const json = programmeJson(result.programme);
  if (values.out === undefined) {
    io.stdout.write(json);
    return EXIT.ok;
  }
  try {
    await writeFile(values.out, json, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const total = formatKronor(result.programme.totalBase);
  io.stdout.write(`Wrote ${values.out}: ${result.programme.allocations.length} allocations, ${total}\n`);
  return EXIT.ok;
}

/**
 * `statsbidrag programme import …`: builds a programme data file from an agency's Bilaga 1 (the
 * seeds are made so), or, with `--api`, sets the programme up through the API as an officer would.
 */
export const programme: Command = {
  summary: "import a programme from its metadata and Bilaga 1 table (CSV): to a file, or through the API",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== "import") throw new CliError(`unknown subcommand "${sub ?? ""}" (expected: import)`, true);
    return importCommand(rest, io);
  },
};
