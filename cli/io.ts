import { readFile } from "node:fs/promises";
import { type ParseArgsConfig, parseArgs } from "node:util";

/** Where a command writes; `process` fits, and tests pass string collectors. */
export interface Output {
  write(chunk: string): unknown;
}
export interface Io {
  stdout: Output;
  stderr: Output;
}

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface Command {
  /** One line for `statsbidrag --help`. */
  summary: string;
  /** The synopsis, shown with a usage error. */
  usage: string;
  run(args: readonly string[], io: Io): Promise<number>;
}

/**
 * A problem with the arguments or the input files: main prints the message (never a stack
 * trace) and exits 2. Commands report invalid *content* themselves and return 1.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = "CliError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs, strict, with its errors turned into usage errors. */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), true);
  }
}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : "");
    throw new CliError(`cannot read ${path}: ${reason}`);
  }
}

export async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
