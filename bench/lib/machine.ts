import { spawnSync } from "node:child_process";
import os from "node:os";

export interface MachineFacts {
  date: string;
  cpuModel: string;
  cores: number;
  /** Cores this process may actually run on (cgroup / affinity limits). */
  availableParallelism: number;
  memoryGiB: number;
  platform: string;
  node: string;
  java: string;
  gitCommit: string;
  gitDirty: boolean;
  /** 1/5/15-minute load averages when the run started: other work on the machine skews timings. */
  loadAverage: number[];
}

function firstLine(command: string, args: string[]): string {
  const out = spawnSync(command, args, { encoding: "utf8", timeout: 10_000 });
  return `${out.stdout ?? ""}${out.stderr ?? ""}`.split("\n")[0]?.trim() || "unknown";
}

/** What a reader needs to compare two runs: when, on what hardware, with which runtimes. */
export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  const status = spawnSync("git", ["status", "--porcelain"], { encoding: "utf8", timeout: 10_000 });
  return {
    date: new Date().toISOString(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: firstLine("java", ["-version"]),
    gitCommit: firstLine("git", ["rev-parse", "--short", "HEAD"]),
    gitDirty: (status.stdout ?? "").trim().length > 0,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
