/**
 * One cold start in a fresh `node` process (bench/cold-start-child.mjs): import a bundle, serve one
 * event, report the timings on stdout. NODE_OPTIONS=--enable-source-maps, as the functions run on
 * Lambda; nothing of tsx or vitest leaks into the measured process. Also Node's own start-up.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "../lib/stats.ts";

export const CHILD = fileURLToPath(new URL("../cold-start-child.mjs", import.meta.url));

export interface ChildTiming {
  importMs: number;
  firstEventMs: number;
  totalMs: number;
  sinceStartMs: number;
  outcome: string;
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "--enable-source-maps" };
  // Nothing of tsx or vitest may leak into the measured process.
  for (const key of Object.keys(env)) if (key.startsWith("TSX_") || key.startsWith("VITEST")) delete env[key];
  return env;
}

export function runChild(args: string[], timeoutMs = 30_000): Promise<ChildTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out = (out + chunk.toString("utf8")).slice(-20_000);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString("utf8")).slice(-4_000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("@@BENCH@@"));
      if (!line) {
        reject(
          new Error(`cold-start child ended (${code ?? signal}) without a result:\n${err.slice(-1500)}`),
        );
        return;
      }
      resolve(JSON.parse(line.slice("@@BENCH@@".length)) as ChildTiming);
    });
  });
}

/** Node's own start-up to the first line of user code, for orientation only. */
export async function nodeBoot(runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await runChild([
      "-e",
      "process.stdout.write('@@BENCH@@'+JSON.stringify({importMs:0,firstEventMs:0,totalMs:0,sinceStartMs:performance.now(),outcome:'ok'})+'\\n')",
    ]);
    samples.push(t.sinceStartMs);
  }
  return median(samples);
}
