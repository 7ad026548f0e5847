/**
 * `npm start` says "running" only when GET /health answers 200. When a check cannot pass (here:
 * another program holds the SES emulator's port), it says which check failed and what to do,
 * prints no "running", stops everything and exits non-zero. The 200 side is in
 * npm-start-repair.test.ts and npm-start-crash.test.ts.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  freeNpmStartPorts,
  type NpmStart,
  npmStartEnv,
  portOpen,
  RUNNING,
  spawnNpmStart,
} from "../helpers/npm-start.ts";
import { waitFor } from "../helpers/wait.ts";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "statsbidrag-health-"));
const started: NpmStart[] = [];
let blocker: Server | undefined;

function start(args: string[], env: NodeJS.ProcessEnv): NpmStart {
  const npm = spawnNpmStart(args, env);
  started.push(npm);
  return npm;
}

afterAll(async () => {
  // Only if a test failed before stopping them: never leave a tree running.
  for (const npm of started) npm.ensureStopped();
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start and /health", () => {
  it("prints no 'running' when a check fails: names it, says what to do, stops all and exits 1", async () => {
    // Prepare: another program holds the SES emulator's port
    const ports = await freeNpmStartPorts();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(ports.ses, "127.0.0.1", resolve));
    // Act
    const npm = start(["--in-memory"], npmStartEnv(ports, join(dir, "key.json")));
    const exit = await npm.exited;
    // Assess
    expect(exit.code).not.toBe(0);
    expect(npm.output()).not.toContain(RUNNING);
    expect(npm.output()).toContain("statsbidrag is NOT running: mail failed.");
    expect(npm.output()).toContain(`port ${ports.ses} may be in use`);
    expect(npm.output()).toContain("SES_PORT=");
    const others = [ports.api, ports.dynamodb, ports.s3];
    await waitFor(async () => (await Promise.all(others.map(portOpen))).every((open) => !open), 15_000);
    const java = await run("pgrep", ["-f", `DynamoDBLocal.*-port ${ports.dynamodb}`]).then(
      (r) => r.stdout.trim(),
      () => "",
    );
    expect(java).toBe("");
  });
});
