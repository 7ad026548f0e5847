import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event, ScheduledEvent } from "aws-lambda";
import type { DailyReport } from "../../shared/deadlines/daily.ts";
import type { MalwareScan } from "../../shared/submissions/upload-check.ts";
import { bucketName, tableName } from "../table-definition.ts";
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
import { createLocalMalwareScanner, type LocalScanEvent } from "./local-malware-scan.ts";
import { createBucket, createTable } from "./provision.ts";
import { type S3EventDelivery, s3Notifications } from "./s3-notifications.ts";
import { describeS3Repair, repairS3Store } from "./s3-repair.ts";
import { publishSeedProgrammes } from "./seed-programmes.ts";
import { LocalStartError } from "./start-failure.ts";
import { createUploadSweeper, describeSweep, type SweepReport, sweepPeriodically } from "./upload-sweeper.ts";
import { type LocalWebOptions, startLocalWeb, WEB_PREFIX } from "./web.ts";

/**
 * The whole system on one machine: DynamoDB Local, s3rver and the SES emulator, the table and
 * bucket created from the same definitions CDK uses, the API gateway in front of the real
 * handlers, S3 notifications to the upload check and the local malware scanner, the upload sweep
 * and the outbox consumer on short schedules. One stack per process: handlers read their
 * configuration from process.env once.
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
  /**
   * "guardduty" (default): an upload is accepted only on the local malware scanner's verdict
   * (local-malware-scan.ts), as on a stage with GuardDuty; "none": files are accepted NOT_SCANNED.
   */
  malwareScan?: MalwareScan;
  /** Object Lock days asked for on accepted files (s3rver ignores the lock); default 30, as dev. */
  recordRetentionDays?: number;
  /** Test knob: "drop" loses every S3 notification, like a crash before the check (s3-notifications.ts). */
  s3Events?: S3EventDelivery;
  /**
   * PEM file of the CAs whose digital signatures count as verified (STATSBIDRAG_TRUST_ANCHORS).
   * Without it the handlers use whatever process.env already says (none: at best "untrusted").
   */
  trustAnchorsFile?: string;
  /** How often the upload sweep runs after the one at start; default every minute. */
  uploadSweepIntervalMs?: number;
  /** How long functions keep a programme they read (PROGRAMME_CACHE_SECONDS); default 2, so a change shows at once. */
  programmeCacheSeconds?: number;
  /**
   * false: the API answers 503 until `open()`, so `npm start` can ask `health()` first and
   * nobody outside sees a 200 before it has printed "running". Default true.
   */
  openOnStart?: boolean;
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
  /** Sweeps every upload under originals/ now and scans what waits, as at start. */
  sweepUploads(): Promise<SweepReport>;
  /** GET /health, answered in-process (also before `open()`). */
  health(): Promise<{ status: number; body: unknown }>;
  /** Opens the API (after `openOnStart: false`). */
  open(): void;
  stop(): Promise<void>;
}

type S3Handler = (event: S3Event) => Promise<void>;
type OutboxHandler = (event: ScheduledEvent) => Promise<unknown>;
type ScanResultHandler = (event: LocalScanEvent) => Promise<void>;

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

/** Tags a failed start with the health check it stands for, so `npm start` can say what to do. */
const failedAs =
  (check: LocalStartError["check"]) =>
  (error: unknown): never => {
    throw new LocalStartError(check, error);
  };

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stage = options.stage ?? "local";
  const dataDir = options.inMemory ? undefined : resolve(options.dataDir ?? ".data");
  const s3Dir = dataDir ? join(dataDir, "s3") : mkdtempSync(join(tmpdir(), "statsbidrag-s3-"));
  const started: Emulator[] = [];
  const track = <T extends Emulator>(emulator: T): T => {
    started.push(emulator);
    return emulator;
  };
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= Promise.allSettled(started.reverse().map((e) => e.stop())).then(() => {
      if (!dataDir) rmSync(s3Dir, { recursive: true, force: true });
    });
    return stopping;
  };
  try {
    // Before s3rver serves the store: one damaged metadata file after a kill -9 makes every
    // listing answer 500, for good.
    if (dataDir) {
      const repair = await repairS3Store(s3Dir, join(dataDir, "s3-damaged")).catch(failedAs("s3"));
      for (const line of describeS3Repair(repair)) console.log(line);
    }
    const table = options.tableName ?? tableName(stage);
    const bucket = bucketName(stage);
    const notifications = s3Notifications(options.s3Events ?? "deliver");
    // The signing key is kept even with --in-memory, so `statsbidrag token` mints tokens this stack accepts.
    const issuer = await createDevIssuer(options.keyFile);
    const s3Started = startS3({
      dataDir: s3Dir,
      buckets: [bucket],
      ...(options.ports?.s3 ? { port: options.ports.s3 } : {}),
      onObjectCreated: notifications.onObjectCreated,
    })
      .then(track)
      .catch(failedAs("s3"));
    // The pages build (seconds) while DynamoDB Local's JVM boots; they need only S3's address.
    const { web: webOptions } = options;
    const building = webOptions
      ? s3Started.then((s3) => startLocalWeb({ ...webOptions, issuer, s3Origin: s3.endpoint }))
      : Promise.resolve(undefined);
    building.catch(() => undefined); // awaited below; a failed S3 start is reported from `starting`
    const starting = [
      options.external?.dynamodb
        ? Promise.resolve({ endpoint: options.external.dynamodb })
        : startDynamo({
            inMemory: options.inMemory,
            ...(dataDir ? { dataDir: join(dataDir, "dynamodb") } : {}),
            ...(options.ports?.dynamodb ? { port: options.ports.dynamodb } : {}),
          })
            .then(track)
            .catch(failedAs("table")),
      options.external?.ses
        ? Promise.resolve({
            endpoint: options.external.ses,
            storeUrl: options.external.sesStoreUrl ?? `${options.external.ses}/store`,
          })
        : startSes(options.ports?.ses ? { port: options.ports.ses } : {})
            .then(track)
            .catch(failedAs("mail")),
      s3Started,
    ] as const;
    // Every start must have ended before anything is stopped, or a JVM still booting would be
    // left behind; then all that failed are reported together.
    const failures = (await Promise.allSettled(starting)).flatMap((r): unknown[] =>
      r.status === "rejected" ? [r.reason] : [],
    );
    if (failures.length > 0) throw failures.length === 1 ? failures[0] : new AggregateError(failures);
    const [dynamodb, ses, s3] = await Promise.all(starting);

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
    const s3Client = new S3Client({
      endpoint: s3.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    started.push({
      endpoint: "clients",
      stop: async () => {
        db.destroy();
        s3Client.destroy();
      },
    });
    await createTable(db, table).catch(failedAs("table"));
    await createBucket(s3Client, bucket).catch(failedAs("s3"));
    await publishSeedProgrammes(table).catch(failedAs("table"));

    const sesStore = ses.storeUrl;
    const web = await building;
    // Listening before any handler is loaded gives the URL that WEB_BASE_URL needs (the port may
    // be 0); the gateway answers 503 until everything below is ready.
    const gateway = await startGateway({
      port: options.port,
      issuer,
      startClosed: true,
      ...(web ? { fallback: web.fallback } : {}),
      extraHealth: async () => ({
        s3: await s3Client.send(new HeadBucketCommand({ Bucket: bucket })).then(
          () => true,
          () => false,
        ),
        mail: await reachable(sesStore),
      }),
    }).catch(failedAs("api"));
    started.push({ endpoint: gateway.url, stop: gateway.stop });

    // The configuration every handler reads once, on first load: complete before the first import.
    const malwareScan = options.malwareScan ?? "guardduty";
    Object.assign(process.env, {
      MALWARE_SCAN: malwareScan,
      RECORD_RETENTION_DAYS: String(options.recordRetentionDays ?? 30),
      // One process serves every function here: a change on one page should show on the next.
      PROGRAMME_CACHE_SECONDS: String(options.programmeCacheSeconds ?? 2),
      WEB_BASE_URL: `${gateway.url}${WEB_PREFIX.replace(/\/$/, "")}`,
      ...(options.trustAnchorsFile ? { STATSBIDRAG_TRUST_ANCHORS: options.trustAnchorsFile } : {}),
    });

    const check = await loadFunction<S3Handler>("upload-check");
    const scanner =
      malwareScan === "guardduty"
        ? createLocalMalwareScanner({
            s3: s3Client,
            bucket,
            deliver: await loadFunction<ScanResultHandler>("scan-result"),
          })
        : undefined;
    const intake = await loadFunction<S3Handler>("mail-intake");
    notifications.connect({ check, intake, ...(scanner ? { scanner } : {}) });

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
    started.push({
      endpoint: "outbox",
      stop: async () => {
        clearInterval(timer);
        await sweeping;
      },
    });
    const daily = await startDailyRunner(scheduledEvent);
    started.push({ endpoint: "daily", stop: daily.stop });

    // Nothing the bucket holds stays unchecked: whatever a crash (or the drop knob) kept from its
    // check is checked now, and scanned if it waits for a verdict.
    const sweeper = createUploadSweeper(scanner);
    const atStart = await sweeper.run(0).catch((error: unknown) => {
      console.error("[uploads] start-up sweep failed:", error);
      return undefined;
    });
    const swept = atStart && describeSweep(atStart);
    if (swept) console.log(`Uploads at start: ${swept}.`);
    const stopSweeping = sweepPeriodically(sweeper, options.uploadSweepIntervalMs);
    started.push({
      endpoint: "upload-sweep",
      stop: async () => {
        stopSweeping();
        await sweeper.stop();
      },
    });

    if (options.openOnStart !== false) gateway.open();
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
      sweepUploads: () => sweeper.run(0),
      health: gateway.health,
      open: gateway.open,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
