import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";
import { run } from "../../../cli/main.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, collecting what it writes. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

export const repoPath = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));
export const fixturePath = (name: string) => repoPath(`test/fixtures/forms/${name}`);

/**
 * A fresh temporary folder with the given files, for inputs the repository doesn't ship; removed
 * when the calling test finishes.
 */
export function tempFiles(files: Record<string, string>): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), "statsbidrag-cli-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return (name) => join(dir, name);
}

/** No stack trace: nothing like "    at fn (file:line)". */
export const STACK_TRACE = /^\s+at .+[:(]/m;
