/**
 * Starts the emulators shared by all integration test files (DynamoDB Local in memory, SES) once
 * per run. S3 is not started here: each test file runs its own s3rver (test/helpers/s3.ts) so its
 * object-created events can call that file's handler in the worker.
 *
 * Workers get everything through process.env: vitest forks its workers after global setup, and
 * they inherit the main process's environment.
 *
 * SES lives in this process, so a test cannot stop it directly; a tiny loopback control endpoint
 * (SES_CONTROL_URL, used by test/helpers/ses.ts) stops and restarts it on the same port.
 *
 * The integration and e2e projects both list this file, and vitest runs each project's global
 * setup in the same main process: the second gets the emulators the first started (one JVM per
 * run, not one per project or per browser test file), and the last teardown stops them.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  awsEnvFor,
  type Emulator,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type SesEmulator,
  startDynamo,
  startSes,
} from "../../infra/local/emulators.ts";
import { createTable } from "../../infra/local/provision.ts";
import { publishSeedProgrammes } from "../../infra/local/seed-programmes.ts";
import { bucketName, tableName } from "../../infra/table-definition.ts";

const STAGE = "test";

interface Shared {
  ready: Promise<() => Promise<void>>;
  users: number;
}
const SHARED = Symbol.for("statsbidrag.test.emulators");

export default async function setup(): Promise<() => Promise<void>> {
  const holder = globalThis as { [SHARED]?: Shared };
  const shared = holder[SHARED] ?? { ready: startEmulators(), users: 0 };
  holder[SHARED] = shared;
  shared.users += 1;
  const stop = await shared.ready;
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder[SHARED];
    await stop();
  };
}

async function startEmulators(): Promise<() => Promise<void>> {
  const started: { stop(): Promise<void> }[] = [];
  const teardown = async () => {
    // Reverse order; every stop runs even if an earlier one fails.
    const results = await Promise.allSettled(started.reverse().map((e) => e.stop()));
    for (const r of results)
      if (r.status === "rejected") console.error("[global-setup] stop failed:", r.reason);
  };

  try {
    // Start both at once: the JVM dominates start-up time (~2–4 s), SES takes milliseconds.
    const [dynamo, firstSes] = await Promise.all([
      startDynamo({ inMemory: true }).then((d) => track(started, d)),
      startSes().then((s) => track(started, s)),
    ]);

    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await createTable(client, tableName(STAGE));
    client.destroy();

    const control = await startSesControl(firstSes);
    started.push(control);

    Object.assign(process.env, awsEnvFor({ dynamodb: dynamo.endpoint, ses: firstSes.endpoint }), {
      STATSBIDRAG_STAGE: STAGE,
      TABLE_NAME: tableName(STAGE),
      BUCKET_NAME: bucketName(STAGE),
      MAIL_FROM: "noreply@statsbidrag.example",
      SES_STORE_URL: firstSes.storeUrl,
      SES_CONTROL_URL: control.endpoint,
    });
    await publishSeedProgrammes(tableName(STAGE));
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}

function track<T extends Emulator>(started: { stop(): Promise<void> }[], emulator: T): T {
  started.push(emulator);
  return emulator;
}

/**
 * POST /ses/stop and POST /ses/start (same port, so AWS_ENDPOINT_URL_SES stays valid; the mail
 * store survives because it is module-level in the emulator package). Both are idempotent.
 * Its stop() also stops whichever SES instance is current.
 */
async function startSesControl(initial: SesEmulator): Promise<Emulator> {
  const port = initial.port;
  let current: SesEmulator | undefined = initial;
  // Serialise requests so a quick stop/start from a test cannot interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op);
    queue = next.catch(() => undefined);
    return next;
  };

  const server: Server = createServer((req, res) => {
    const action = req.method === "POST" ? req.url : undefined;
    const op =
      action === "/ses/stop"
        ? async () => {
            await current?.stop();
            current = undefined;
          }
        : action === "/ses/start"
          ? async () => {
              current ??= await startSes({ port });
            }
          : undefined;
    if (op === undefined) {
      res.writeHead(404).end();
      return;
    }
    run(op).then(
      () => res.writeHead(204).end(),
      (err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(err)),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port: controlPort } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${controlPort}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await run(async () => {
        await current?.stop();
        current = undefined;
      });
    },
  };
}
