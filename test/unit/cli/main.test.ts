import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cli, repoPath, STACK_TRACE } from "./helpers.ts";

describe("statsbidrag (dispatch)", () => {
  it("prints help listing every command and exits 0", async () => {
    // Prepare
    const argv = ["--help"];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(0);
    for (const name of ["programmes", "allocations", "validate", "programme"]) {
      expect(result.stdout).toContain(name);
    }
  });

  it("exits 2 with usage on stderr when no command is given", async () => {
    // Prepare
    const argv: string[] = [];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: statsbidrag <command>");
  });

  it("exits 2 on an unknown command", async () => {
    // Prepare
    const argv = ["rekvirera"];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "rekvirera"');
  });

  // Each spawn starts Node and tsx afresh: seconds, not milliseconds, on a busy machine.
  it("runs as the package bin through the tsx shim, with exit code and output", { timeout: 60_000 }, () => {
    // Prepare
    const bin = repoPath("cli/statsbidrag.mjs");
    // Act
    const ok = spawnSync(process.execPath, [bin, "programmes"], { encoding: "utf8" });
    const bad = spawnSync(process.execPath, [bin, "allocations", "no-such-programme"], { encoding: "utf8" });
    // Assess
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("skr-aldreomsorg-2022");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown programme "no-such-programme"');
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  });

  it("runs main.ts directly with tsx (npm run cli)", { timeout: 60_000 }, () => {
    // Prepare
    const tsxCli = repoPath("node_modules/tsx/dist/cli.mjs");
    // Act
    const result = spawnSync(process.execPath, [tsxCli, repoPath("cli/main.ts"), "programmes"], {
      encoding: "utf8",
    });
    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("sos-valfardsteknik-2018");
  });
});
