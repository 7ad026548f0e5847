import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { allocations } from "./commands/allocations.ts";
import { contacts } from "./commands/contacts.ts";
import { daily } from "./commands/daily.ts";
import { intake } from "./commands/intake.ts";
import { lifecycle } from "./commands/lifecycle.ts";
import { programme } from "./commands/programme.ts";
import { programmes } from "./commands/programmes.ts";
import { reconcile } from "./commands/reconcile.ts";
import { token } from "./commands/token.ts";
import { upload } from "./commands/upload.ts";
import { validate } from "./commands/validate.ts";
import { CliError, type Command, EXIT, type Io } from "./io.ts";

/** One line per command: a new command is a module in ./commands and one entry here. */
const COMMANDS: Readonly<Record<string, Command>> = {
  programmes,
  allocations,
  validate,
  programme,
  token,
  upload,
  intake,
  daily,
  contacts,
  reconcile,
  lifecycle,
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: statsbidrag <command> [arguments]",
    "",
    "Commands:",
    ...lines,
    "",
    "Exit codes: 0 done/valid, 1 invalid content, 2 bad arguments or unreadable input.",
    "",
  ].join("\n");
}

/** Runs one CLI invocation and returns its exit code; never throws, never prints a stack trace. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(usage());
    return EXIT.ok;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.stderr.write(name === undefined ? usage() : `statsbidrag: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(
        `statsbidrag ${name}: ${error.message}\n${error.showUsage ? `Usage: ${command.usage}\n` : ""}`,
      );
    } else {
      // A bug, not a user error: still one readable line, as promised to scripts calling the CLI.
      io.stderr.write(
        `statsbidrag ${name}: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    return EXIT.usage;
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

// `tsx cli/main.ts …` (npm run cli); the bin shim imports this module and calls run itself.
if (invokedDirectly()) {
  process.exitCode = await run(process.argv.slice(2), process);
}
