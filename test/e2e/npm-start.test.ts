import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../infra/local/ports.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { waitFor } from "../helpers/wait.ts";

/**
 * `npm start` as a newcomer runs it: a child process tree on its own ports, driven over HTTP, with
 * a token from the CLI, and stopped with SIGTERM like Ctrl-C. Nothing may be left listening.
 */
const run = promisify(execFile);
let child: ChildProcess;
let output = "";
const dir = mkdtempSync(join(tmpdir(), "statsbidrag-e2e-"));
const ports = { api: 0, dynamodb: 0, s3: 0, ses: 0 };
let env: NodeJS.ProcessEnv;

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

beforeAll(async () => {
  ports.api = await freePort();
  ports.dynamodb = await freePort();
  ports.s3 = await freePort();
  ports.ses = await freePort();
  env = {
    ...process.env,
    PORT: String(ports.api),
    DYNAMODB_PORT: String(ports.dynamodb),
    S3_PORT: String(ports.s3),
    SES_PORT: String(ports.ses),
    STATSBIDRAG_DEV_KEY_FILE: join(dir, "key.json"),
  };
  // Strip what the integration project's global setup may have put in this process's env.
  for (const k of Object.keys(env)) if (k.startsWith("AWS_ENDPOINT_URL")) delete env[k];
  child = spawn("npm", ["start", "--", "--in-memory", "--today", "2022-11-20"], { env, detached: true });
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  await waitFor(
    async () => (await fetch(`http://localhost:${ports.api}/health`)).status === 200,
    60_000,
    250,
  ).catch((error: unknown) => {
    throw new Error(`npm start did not become healthy:\n${output}`, { cause: error });
  });
});

afterAll(async () => {
  // Only if a test failed before stopping it: never leave the tree running.
  if (child.exitCode === null && child.signalCode === null && child.pid) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("prints the API and mail UI URLs and a dev token", () => {
    expect(output).toContain(`http://localhost:${ports.api}`);
    expect(output).toContain(`http://localhost:${ports.ses}/`);
    expect(output).toMatch(/export TOKEN=ey/);
  });

  it("prints the web address, whose config.json points sign-in at the local hosted-UI stand-in", async () => {
    // Prepare
    const web = `http://localhost:${ports.api}/web/`;
    // Act
    const page = await fetch(web);
    const config = (await (await fetch(`${web}config.json`)).json()) as { auth?: { authority: string } };
    const hosted = await fetch(
      `${config.auth?.authority}/oauth2/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: "statsbidrag-local",
        redirect_uri: `${web}index.html`,
        code_challenge: "x".repeat(43),
        code_challenge_method: "S256",
      })}`,
    );
    // Assess
    expect(output).toContain(`Web            ${web}`);
    expect(page.status).toBe(200);
    expect(config.auth?.authority).toBe(`http://localhost:${ports.api}/dev`);
    expect(hosted.status).toBe(200);
    await expect(hosted.text()).resolves.toContain("Logga in som");
  });

  it("takes a requisition with a CLI-minted token and sends its mail through the SES emulator", async () => {
    // Prepare
    const { stdout } = await run("npm", ["run", "-s", "cli", "--", "token", "--kommun", "1281"], { env });
    const token = stdout.trim();
    const programme = seedProgramme("skr-aldreomsorg-2022");
    if (!programme) throw new Error("programme missing");
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    form.recipient.email = "e2e@lund.example";
    // Act
    const res = await fetch(`http://localhost:${ports.api}/programmes/${programme.id}/requisitions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(form),
    });
    // Assess
    expect(res.status).toBe(201);
    const mail = await waitFor(async () => {
      const store = (await (await fetch(`http://localhost:${ports.ses}/store`)).json()) as {
        emails: { subject: string; destination: { to: string[] } }[];
      };
      return store.emails.find((m) => m.subject.includes("SB-2022-1281-R1"));
    }, 15_000);
    // The receipt goes to Lund's addresses on record, never to the form's free-text address.
    expect(mail.destination.to).not.toContain("e2e@lund.example");
    expect(mail.destination.to.length).toBeGreaterThan(0);
    const ui = await fetch(`http://localhost:${ports.ses}/`);
    expect(ui.status).toBe(200);
  });

  it("stops on Ctrl-C, frees every port and leaves no DynamoDB Local behind", async () => {
    // Act: Ctrl-C in a terminal sends SIGINT to the whole foreground process group
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    if (child.pid) process.kill(-child.pid, "SIGINT");
    await exited;
    // Assess
    await waitFor(async () => {
      const open = await Promise.all(Object.values(ports).map(portOpen));
      return open.every((o) => !o);
    }, 15_000);
    const java = await run("pgrep", ["-f", `DynamoDBLocal.*-port ${ports.dynamodb}`]).then(
      (r) => r.stdout.trim(),
      () => "",
    );
    expect(java).toBe("");
    expect(output).toContain("stopping");
  });
});
