import { describe, expect, it } from "vitest";
import {
  describeFailure,
  failedChecks,
  remedyFor,
  type StartContext,
} from "../../../infra/local/start-failure.ts";

/**
 * What `npm start` prints when it is not healthy: the failed checks by their /health names, and
 * a remedy that fits the cause, never only "delete your data".
 */
const ctx: StartContext = { ports: { api: 3000, dynamodb: 8000, s3: 4569, ses: 8005 }, dataDir: ".data" };

describe("a start that is not healthy", () => {
  it("reads the failed checks from GET /health's body", () => {
    // Act
    const failed = failedChecks({ status: "unavailable", checks: { table: true, s3: false, mail: false } });
    // Assess
    expect(failed).toEqual(["s3", "mail"]);
  });

  it("counts every check as failed when /health gave no body", () => {
    expect(failedChecks(undefined)).toEqual(["table", "s3", "mail"]);
  });

  it.each([
    ["mail", "SES emulator could not listen on 127.0.0.1:8005", /port 8005 may be in use.*SES_PORT=/],
    ["api", "listen EADDRINUSE: address already in use 127.0.0.1:3000", /port 3000 .*PORT=/],
    ["table", "could not start java: spawn java ENOENT", /needs Java 17/],
    ["s3", "GET /health answered 503", /repair did not fix: move .*s3-damaged/],
  ] as const)("%s (%s) gets its own remedy", (check, cause, remedy) => {
    expect(remedyFor(check, ctx, cause)).toMatch(remedy);
  });

  it("never says only 'delete your data'", () => {
    for (const check of ["api", "table", "s3", "mail"] as const) {
      expect(remedyFor(check, ctx, "")).not.toMatch(/^rm -rf/);
      expect(remedyFor(check, ctx, "")).toMatch(/port|Java|move/);
    }
  });

  it("starts with a line that says it is not running and names the checks", () => {
    // Act
    const lines = describeFailure([{ check: "mail", cause: "could not listen" }], ctx);
    // Assess
    expect(lines[0]).toBe("statsbidrag is NOT running: mail failed.");
    expect(lines[1]).toContain("mail: the SES emulator (mail) (could not listen)");
  });
});
