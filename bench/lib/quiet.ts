/**
 * The handlers log one JSON line per request. Inside the benchmark process that would bury the
 * results (and make the terminal part of the measurement), so a phase can run with console.log
 * and console.error replaced by counters. The log lines are still built (JSON.stringify), as
 * they are on Lambda; only the write is dropped.
 */
export interface Silenced {
  lines: { log: number; error: number };
  errorSamples: string[];
  restore(): void;
}

export function silenceConsole(): Silenced {
  const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  const lines = { log: 0, error: 0 };
  const errorSamples: string[] = [];
  console.log = () => {
    lines.log++;
  };
  console.info = console.log;
  console.error = (...args: unknown[]) => {
    lines.error++;
    if (errorSamples.length < 5) errorSamples.push(args.map(String).join(" ").slice(0, 400));
  };
  console.warn = console.error;
  return {
    lines,
    errorSamples,
    restore() {
      Object.assign(console, original);
    },
  };
}

/** Progress for the person running the bench; not through console, which may be silenced. */
export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}
