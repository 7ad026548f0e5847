import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event, ScheduledEvent } from "aws-lambda";
import type { DailyReport } from "../../shared/deadlines/daily.ts";
import { BUCKET_PREFIXES, bucketName, tableName } from "../table-definition.ts";
import { startDailyRunner } from "./daily.ts";
import { createDevIssuer, type DevIssuer } from "./dev-issuer.ts";
import {
  awsEnvFor,
  type Emulator,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localStageEnv,
  startDynamo,
  startS3,
  startSes,
} from "./emulators.ts";
import { loadFunction, startGateway } from "./gateway.ts";
import { createBucket, createTable } from "./provision.ts";
import { type LocalWebOptions, startLocalWeb, WEB_PREFIX } from "./web.ts";

/**
 * The whole system on one machine: DynamoDB Local, s3rver and the SES emulator, the table and
 * bucket created from the same definitions CDK uses, the API gateway in front of the real
 * handlers, S3 notifications to the upload check, and the outbox consumer on a short schedule.
 */
export interface LocalStackOptions {
  port: number;
  inMemory: boolean;
  dataDir?: string;
  /** Fixed emulator ports for `npm start`; tests use free ports. */
  ports?: { dynamodb?: number; s3?: number; ses?: number };
  /** Reuse emulators that are already running (the integration tests' global setup). */
  external?: { dynamodb?: string; ses?: string; sesStoreUrl?: string };
  today?: string;
  outboxIntervalMs?: number;
  /** Dev issuer key; without one the key lives in memory (tests mint tokens in-process). */
  keyFile?: string;
  stage?: string;
  /** Another table name than the stage's, so a test file's data never meets another file's. */
  tableName?: string;
  /** Build and serve the web pages under /web/ with a dev sign-in (infra/local/web.ts). */
  web?: LocalWebOptions;
}

export interface LocalStack {
  apiUrl: string;
  /** The web pages, when `web` was given. */
  webUrl?: string;
  mailUiUrl: string;
  mailStoreUrl: string;
  s3Endpoint: string;
  dynamodbEndpoint: string;
  dataDir: string | undefined;
  issuer: DevIssuer;
  /** Runs the outbox consumer once now, as the schedule would. */
  dispatchOutbox(): Promise<void>;
  /** Runs the daily job now for the clock's day (it also runs at start and when the day changes). */
  runDaily(): Promise<DailyReport>;
  stop(): Promise<void>;
}

type S3Handler = (event: S3Event) => Promise<void>;
type OutboxHandler = (event: ScheduledEvent) => Promise<unknown>;

function scheduledEvent(): ScheduledEvent {
  return {
    version: "0",
    id: crypto.randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.scheduler",
    account: "000000000000",
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: [],
    detail: {},
  };
}

async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stage = options.stage ?? "local";
  const dataDir = options.inMemory ? undefined : resolve(options.dataDir ?? ".data");
  const s3Dir = dataDir ? join(dataDir, "s3") : mkdtempSync(join(tmpdir(), "statsbidrag-s3-"));
  const started: Emulator[] = [];
  const track = <T extends Emulator>(emulator: T): T => {
    started.push(emulator);
    return emulator;
  };
  const stopAll = async () => {
    await Promise.allSettled(started.reverse().map((e) => e.stop()));
    if (!dataDir) rmSync(s3Dir, { recursive: true, force: true });
  };
  try {
    const table = options.tableName ?? tableName(stage);
    const bucket = bucketName(stage);
    let s3Handler: S3Handler | undefined;
    const [dynamodb, ses, s3] = await Promise.all([
      options.external?.dynamodb
        ? Promise.resolve({ endpoint: options.external.dynamodb })
        : startDynamo({
            inMemory: options.inMemory,
            ...(dataDir ? { dataDir: join(dataDir, "dynamodb") } : {}),
            ...(options.ports?.dynamodb ? { port: options.ports.dynamodb } : {}),
          }).then(track),
      options.external?.ses
        ? Promise.resolve({
            endpoint: options.external.ses,
            storeUrl: options.external.sesStoreUrl ?? `${options.external.ses}/store`,
          })
        : startSes(options.ports?.ses ? { port: options.ports.ses } : {}).then(track),
      startS3({
        dataDir: s3Dir,
        buckets: [bucket],
        ...(options.ports?.s3 ? { port: options.ports.s3 } : {}),
        // S3 → Lambda: the real upload-check handler, once it is loaded below. Like the CDK
        // notification, only for keys under originals/: a quarantine copy must not come back in.
        onObjectCreated: async (event) => {
          const Records = event.Records.filter((r) => r.s3.object.key.startsWith(BUCKET_PREFIXES.originals));
          if (s3Handler && Records.length > 0) await s3Handler({ Records });
        },
      }).then(track),
    ]);

    Object.assign(
      process.env,
      awsEnvFor({ dynamodb: dynamodb.endpoint, s3: s3.endpoint, ses: ses.endpoint }),
      localStageEnv(stage, process.env.MAIL_FROM),
      { TABLE_NAME: table, ...(options.today ? { STATSBIDRAG_TODAY: options.today } : {}) },
    );
    const db = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await createTable(db, table);
    const s3Client = new S3Client({
      endpoint: s3.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    await createBucket(s3Client, bucket);

    s3Handler = await loadFunction<S3Handler>("upload-check");
    const outboxHandler = await loadFunction<OutboxHandler>("outbox-dispatch");
    let sweeping: Promise<void> | undefined;
    const dispatchOutbox = () => {
      // One sweep at a time, as one scheduled invocation would be.
      sweeping ??= outboxHandler(scheduledEvent())
        .then(() => undefined)
        .catch((error: unknown) => console.error("[outbox]", error))
        .finally(() => {
          sweeping = undefined;
        });
      return sweeping;
    };
    const timer = setInterval(dispatchOutbox, options.outboxIntervalMs ?? 1000);
    timer.unref();
    const daily = await startDailyRunner(scheduledEvent);
    started.push({ endpoint: "daily", stop: daily.stop });

    // The signing key is kept even with --in-memory, so `statsbidrag token` mints tokens this stack accepts.
    const issuer = await createDevIssuer(options.keyFile);
    const sesStore = ses.storeUrl;
    const web = options.web
      ? await startLocalWeb({ ...options.web, issuer, s3Origin: s3.endpoint })
      : undefined;
    const gateway = await startGateway({
      port: options.port,
      issuer,
      ...(web ? { fallback: web.fallback } : {}),
      extraHealth: async () => ({
        s3: await s3Client.send(new HeadBucketCommand({ Bucket: bucket })).then(
          () => true,
          () => false,
        ),
        mail: await reachable(sesStore),
      }),
    });
    started.push({ endpoint: gateway.url, stop: gateway.stop });

    return {
      apiUrl: gateway.url,
      ...(web ? { webUrl: `${gateway.url}${WEB_PREFIX}` } : {}),
      mailUiUrl: `${ses.endpoint.replace("127.0.0.1", "localhost")}/`,
      mailStoreUrl: sesStore,
      s3Endpoint: s3.endpoint,
      dynamodbEndpoint: dynamodb.endpoint,
      dataDir,
      issuer,
      dispatchOutbox,
      runDaily: daily.run,
      async stop() {
        clearInterval(timer);
        await daily.stop();
        await sweeping;
        db.destroy();
        s3Client.destroy();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
