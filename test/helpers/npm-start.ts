/**
 * `npm start` as a newcomer runs it, for e2e tests: a child process tree in its own process group
 * (so Ctrl-C and kill -9 reach npm, tsx, node and java alike), on free ports, with the dev key in
 * a temp dir. The same set-up as test/e2e/npm-start.test.ts, shared by the tests that restart it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "../../infra/local/ports.ts";
import { waitFor } from "./wait.ts";

export interface NpmStartPorts {
  api: number;
  dynamodb: number;
  s3: number;
  ses: number;
}

export async function freeNpmStartPorts(): Promise<NpmStartPorts> {
  return { api: await freePort(), dynamodb: await freePort(), s3: await freePort(), ses: await freePort() };
}

/** The test process's env, pointed at these ports; what the integration setup or a shell may have set is removed. */
export function npmStartEnv(
  ports: NpmStartPorts,
  keyFile: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.api),
    DYNAMODB_PORT: String(ports.dynamodb),
    S3_PORT: String(ports.s3),
    SES_PORT: String(ports.ses),
    STATSBIDRAG_DEV_KEY_FILE: keyFile,
  };
  for (const k of Object.keys(env)) {
    if (k.startsWith("AWS_ENDPOINT_URL") || k === "MALWARE_SCAN" || k === "STATSBIDRAG_LOCAL_S3_EVENTS")
      delete env[k];
  }
  return { ...env, ...extra };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface NpmStart {
  output(): string;
  /** Resolves when npm has exited. */
  exited: Promise<Exit>;
  /** Waits until "statsbidrag is running" is printed; fails with the output if it exits first. */
  running(timeoutMs?: number): Promise<void>;
  /** Sends `signal` to the whole process group (as a terminal's Ctrl-C does) and waits for the exit. */
  signalGroup(signal: NodeJS.Signals): Promise<Exit>;
  /** For afterAll: kills whatever is still running. */
  ensureStopped(): void;
}

export const RUNNING = "statsbidrag is running";

export function spawnNpmStart(args: string[], env: NodeJS.ProcessEnv): NpmStart {
  const child: ChildProcess = spawn("npm", ["start", "--", ...args], { env, detached: true });
  let output = "";
  const collect = (d: Buffer) => {
    output += d.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let done: Exit | undefined;
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => {
      done = { code, signal };
      resolve(done);
    }),
  );
  const alive = () => done === undefined && child.pid !== undefined;
  const signalGroup = async (signal: NodeJS.Signals) => {
    if (alive() && child.pid) process.kill(-child.pid, signal);
    return exited;
  };
  return {
    output: () => output,
    exited,
    async running(timeoutMs = 90_000) {
      // Stops waiting as soon as npm has exited: a failed start must fail the test at once.
      const ended = await waitFor(() => output.includes(RUNNING) || done !== undefined, timeoutMs, 200).catch(
        (error: unknown) => {
          throw new Error(`npm start is not running after ${timeoutMs} ms:\n${output}`, { cause: error });
        },
      );
      if (done || !ended) throw new Error(`npm start exited (${done?.code ?? done?.signal}):\n${output}`);
    },
    signalGroup,
    ensureStopped() {
      if (!alive() || !child.pid) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}

export const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** Waits until nothing listens on any of the ports any more. */
export async function portsClosed(ports: NpmStartPorts, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => (await Promise.all(Object.values(ports).map(portOpen))).every((open) => !open),
    timeoutMs,
  );
}
