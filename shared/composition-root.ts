import type { S3Client } from "@aws-sdk/client-s3";
import type { SESClient } from "@aws-sdk/client-ses";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "./adapters/dynamodb/client.ts";
import { DynamoContactStore } from "./adapters/dynamodb/contact-store.ts";
import { DynamoDeadlineStore } from "./adapters/dynamodb/deadline-store.ts";
import { DynamoFormDraftStore } from "./adapters/dynamodb/form-draft-store.ts";
import { DynamoIntakeStore } from "./adapters/dynamodb/intake-store.ts";
import { DynamoOfficerStore } from "./adapters/dynamodb/officer-store.ts";
import { DynamoOutboxStore } from "./adapters/dynamodb/outbox-store.ts";
import { DynamoProgrammeCatalogue } from "./adapters/dynamodb/programme-catalogue.ts";
import { DynamoProgrammeStore } from "./adapters/dynamodb/programme-store.ts";
import { DynamoSubmissionStore } from "./adapters/dynamodb/submission-store.ts";
import { DynamoSuppressionList } from "./adapters/dynamodb/suppression-list.ts";
import { DynamoTable } from "./adapters/dynamodb/table.ts";
import { DynamoTableProbe } from "./adapters/dynamodb/table-probe.ts";
import { createS3Client, S3FileStorage } from "./adapters/s3/file-storage.ts";
import { createSesClient, SesMailer } from "./adapters/ses/mailer.ts";
import { createSsmClient, SsmTrustList } from "./adapters/ssm/trust-list.ts";
import { type Clock, clockFromEnv } from "./clock.ts";
import { type Config, loadConfig } from "./config.ts";
import type { ContactDeps } from "./contacts/deps.ts";
import type { DeadlineDeps } from "./deadlines/deps.ts";
import type { DraftDeps } from "./drafts/drafts.ts";
import type { IntakeDeps, IntakeListDeps } from "./intake/deps.ts";
import type { OutboxDeps } from "./mail/outbox.ts";
import type { OfficerDeps } from "./officer/deps.ts";
import { cachedCatalogue } from "./programmes/cached-catalogue.ts";
import type { ProgrammeCatalogue } from "./programmes/ports.ts";
import { qrScanReader } from "./scans/qr-scan-reader.ts";
import { fixedTrustList, type TrustList } from "./signatures/trust-list.ts";
import type { SubmissionDeps } from "./submissions/deps.ts";
import type { PrintedFormDeps } from "./submissions/printed-form.ts";
import type { ScanVerdictDeps, UploadCheckDeps } from "./submissions/upload-check.ts";

/**
 * The composition root: the one place that reads the configuration and builds the SDK clients,
 * the adapters (one per port) and the dependencies of each use case. Handlers and the CLI import
 * what they need from here, once at cold start. Everything is built on first use, so a function
 * bundles and creates only the clients its use cases need (the health check has no S3 client).
 */
let config: Config | undefined;
let clock: Clock | undefined;
let dynamodb: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let ses: SESClient | undefined;
let catalogue: ProgrammeCatalogue | undefined;
let trust: TrustList | undefined;

export function appConfig(): Config {
  config ??= loadConfig();
  return config;
}

function appClock(): Clock {
  clock ??= clockFromEnv();
  return clock;
}

function table(): DynamoTable {
  dynamodb ??= createDocumentClient();
  return new DynamoTable(dynamodb, appConfig().TABLE_NAME);
}

function files(): S3FileStorage {
  s3 ??= createS3Client();
  return new S3FileStorage(s3, appConfig().BUCKET_NAME);
}

function webBaseUrl(): { webBaseUrl?: string } {
  const url = appConfig().WEB_BASE_URL;
  return url ? { webBaseUrl: url } : {};
}

/** Published programmes, read from the table and kept a short while per container (config). */
export function programmeCatalogue(): ProgrammeCatalogue {
  catalogue ??= cachedCatalogue(
    new DynamoProgrammeCatalogue(table()),
    appConfig().PROGRAMME_CACHE_SECONDS * 1000,
  );
  return catalogue;
}

function submissionStore(): DynamoSubmissionStore {
  return new DynamoSubmissionStore(table(), async () => (await programmeCatalogue().list()).map((p) => p.id));
}

/** Requisitions, reports, corrections, upload slots and reading submissions. */
export function submissionDeps(): SubmissionDeps {
  return {
    submissions: submissionStore(),
    catalogue: programmeCatalogue(),
    files: files(),
    contacts: new DynamoContactStore(table()),
    clock: appClock(),
    drafts: new DynamoFormDraftStore(table()),
    uploadMaxBytes: appConfig().UPLOAD_MAX_BYTES,
    uploadTtlSeconds: appConfig().UPLOAD_TTL_SECONDS,
    ...webBaseUrl(),
  };
}

/** The printed form (GET /submissions/{id}/form.pdf): reads only, so no S3 client is built or bundled. */
/** A municipality's form drafts (shared/drafts): also deleted when the form is sent. */
export function draftDeps(): DraftDeps {
  return { drafts: new DynamoFormDraftStore(table()), catalogue: programmeCatalogue(), clock: appClock() };
}

export function printedFormDeps(): PrintedFormDeps {
  return { submissions: submissionStore(), catalogue: programmeCatalogue() };
}

/** The malware verdict (scan-result): it settles uploads but reads no scan, so bundles no QR decoder. */
export function scanVerdictDeps(): ScanVerdictDeps {
  return {
    submissions: submissionStore(),
    catalogue: programmeCatalogue(),
    files: files(),
    contacts: new DynamoContactStore(table()),
    clock: appClock(),
    malwareScan: appConfig().MALWARE_SCAN,
    recordRetentionDays: appConfig().RECORD_RETENTION_DAYS,
    ...webBaseUrl(),
  };
}

/** The upload check (S3 ObjectCreated) and its sweep: the verdict's deps and the scan reader. */
export function uploadCheckDeps(): UploadCheckDeps {
  return { ...scanVerdictDeps(), scans: qrScanReader, trustList: trustList() };
}

/** The trust list: an SSM parameter on AWS, read once per container; locally the file's text. */
function trustList(): TrustList {
  const parameter = appConfig().TRUST_ANCHORS_PARAMETER;
  trust ??= parameter
    ? new SsmTrustList(createSsmClient(), parameter)
    : fixedTrustList(appConfig().TRUST_ANCHORS_PEM);
  return trust;
}

/** The officer's intake list: files mailed scans by hand, reads no QR code (no decoder bundled). */
export function intakeListDeps(): IntakeListDeps {
  return {
    intake: new DynamoIntakeStore(table()),
    submissions: submissionStore(),
    catalogue: programmeCatalogue(),
    files: files(),
    clock: appClock(),
    uploadMaxBytes: appConfig().UPLOAD_MAX_BYTES,
  };
}

/** The mail intake (S3 ObjectCreated under intake/): also the sender's register entry and the scan reader. */
export function intakeDeps(): IntakeDeps {
  return {
    ...intakeListDeps(),
    contacts: new DynamoContactStore(table()),
    scans: qrScanReader,
    senderAuth: appConfig().INTAKE_SENDER_AUTH,
  };
}

/** Reading programmes: the caller's position, the opening. */
export function programmeViewDeps() {
  return {
    submissions: submissionStore(),
    catalogue: programmeCatalogue(),
    programmes: new DynamoProgrammeStore(table()),
    clock: appClock(),
  };
}

/** Decisions, payments, repayments, officers' lists, the overview and the export. */
export function officerDeps(): OfficerDeps {
  return {
    submissions: submissionStore(),
    catalogue: programmeCatalogue(),
    officer: new DynamoOfficerStore(table()),
    contacts: new DynamoContactStore(table()),
    clock: appClock(),
    ...webBaseUrl(),
  };
}

/** Opening a programme and the daily job. */
export function deadlineDeps(): DeadlineDeps {
  return {
    deadlines: new DynamoDeadlineStore(table()),
    programmes: new DynamoProgrammeStore(table()),
    catalogue: programmeCatalogue(),
    contacts: new DynamoContactStore(table()),
    submissions: submissionStore(),
    clock: appClock(),
    ...webBaseUrl(),
  };
}

/** The contact register. */
export function contactDeps(): ContactDeps {
  return { contacts: new DynamoContactStore(table()), clock: appClock() };
}

/** Sending queued mail. */
export function outboxDeps(): OutboxDeps {
  ses ??= createSesClient();
  return {
    outbox: new DynamoOutboxStore(table()),
    suppressions: new DynamoSuppressionList(table()),
    mailer: new SesMailer(ses, appConfig().SES_CONFIGURATION_SET),
    clock: appClock(),
    from: appConfig().MAIL_FROM,
  };
}

/** SES bounces and complaints. */
export function suppressionList(): DynamoSuppressionList {
  return new DynamoSuppressionList(table());
}

/** GET /health. */
export function tableProbe(): DynamoTableProbe {
  return new DynamoTableProbe(table());
}

/** For short-lived processes (the CLI): close the clients' connections so the process can end. */
export function destroyClients(): void {
  dynamodb?.destroy();
  s3?.destroy();
  ses?.destroy();
  dynamodb = undefined;
  s3 = undefined;
  ses = undefined;
  catalogue = undefined;
}
