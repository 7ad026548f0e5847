import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../cli/main.ts";
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { call, startTestStack } from "../helpers/local-stack.ts";

/**
 * `statsbidrag upload` against the local stack, as the README's walk-through uses it: the slot,
 * the presigned POST and the check's verdict, with the exit code a script can act on.
 */
const PROGRAMME = "skr-aldreomsorg-2022";
const TODAY = "2022-11-20";
const programme = seedProgramme(PROGRAMME);
if (!programme) throw new Error("programme missing");

let stack: LocalStack;
const dir = mkdtempSync(join(tmpdir(), "statsbidrag-cli-upload-"));

beforeAll(async () => {
  // Its own table: its municipalities must not meet another test file's requisitions.
  stack = await startTestStack(TODAY, { tableName: "statsbidrag-test-cli-upload" });
});

afterAll(async () => {
  await stack?.stop();
});

async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(["upload", ...args, "--api", stack.apiUrl], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

async function requisition(kommunkod: string) {
  const token = await stack.issuer.mint({ kommunkod });
  const created = await call<{ id: string }>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token,
    body: sampleRequisition(programme ?? ({} as never), kommunkod, TODAY),
  });
  expect(created.status).toBe(201);
  return { token, id: created.body.id };
}

describe("statsbidrag upload", { timeout: 90_000 }, () => {
  it("uploads the form and waits until the check accepts it (exit 0), and the submission is received", async () => {
    // Prepare: the printed form as the API serves it stands in for its scan
    const { token, id } = await requisition("0180");
    const form = await fetch(`${stack.apiUrl}/submissions/${id}/form.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const file = join(dir, "Bilaga2.pdf");
    writeFileSync(file, Buffer.from(await form.arrayBuffer()));
    // Act
    const result = await cli([id, file, "--token", token]);
    // Assess
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("Accepted: the signed original is received.");
    const detail = await call<{ submission: { status: string } }>(stack, "GET", `/submissions/${id}`, {
      token,
    });
    expect(detail.body.submission.status).toBe("received");
  });

  it("says why the check refused a file that is no scan (exit 1)", async () => {
    // Prepare
    const { token, id } = await requisition("0181");
    const file = join(dir, "inte-en-skanning.pdf");
    writeFileSync(file, "just some text");
    // Act
    const result = await cli([id, file, "--token", token]);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Not accepted: .*PDF/);
  });

  it("is refused another municipality's submission (exit 2, the API's 403)", async () => {
    // Prepare
    const { id } = await requisition("0182");
    const file = join(dir, "x.pdf");
    writeFileSync(file, "%PDF-1.7\n");
    const stranger = await stack.issuer.mint({ kommunkod: "0183" });
    // Act
    const result = await cli([id, file, "--token", stranger]);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("403 FORBIDDEN");
  });
});
