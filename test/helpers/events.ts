import { randomUUID } from "node:crypto";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  S3Event,
  S3EventRecord,
  ScheduledEvent,
} from "aws-lambda";
import { vi } from "vitest";
import type { ApiContext } from "../../functions/commons/api-types.ts";
import { lambdaContext } from "../../infra/local/gateway.ts";
import type { Attachment, Submission } from "../../shared/submissions/model.ts";

/**
 * Builders for the events Lambda hands the functions (API Gateway HTTP API payload v2 with a JWT
 * authorizer, S3 notifications, DynamoDB stream records, EventBridge schedules), a Lambda
 * context, the environment every handler reads at cold start, and the stored items the
 * handlers read back from the table.
 */

// ── Environment ─────────────────────────────────────────────────────────────────────────────

export const TABLE = "statsbidrag-unit";
export const BUCKET = "statsbidrag-unit-originals";
export const MAIL_FROM = "noreply@statsbidrag.example";
export const REGION = "eu-north-1";

/**
 * Stubs what loadConfig and the AWS SDK need, BEFORE a handler module is imported (handlers
 * read config and build their clients at module scope). Endpoint overrides are removed so the
 * S3 client and the presigned POST look like they do on AWS. Undo with vi.unstubAllEnvs().
 */
export function stubFunctionEnv(overrides: Record<string, string | undefined> = {}): void {
  const env: Record<string, string | undefined> = {
    STATSBIDRAG_STAGE: "test",
    TABLE_NAME: TABLE,
    BUCKET_NAME: BUCKET,
    MAIL_FROM,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: "AKIAUNITTESTKEY00000",
    AWS_SECRET_ACCESS_KEY: "unit-test-secret-key",
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_ENDPOINT_URL_DYNAMODB: undefined,
    AWS_ENDPOINT_URL_SES: undefined,
    SES_CONFIGURATION_SET: undefined,
    UPLOAD_MAX_BYTES: undefined,
    UPLOAD_TTL_SECONDS: undefined,
    MALWARE_SCAN: "guardduty",
    RECORD_RETENTION_DAYS: undefined,
    STATSBIDRAG_TODAY: "2022-06-01",
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

/**
 * Pins Date (only Date: timers keep running) to a Stockholm midday. The local clock shifts real
 * time to STATSBIDRAG_TODAY by whole days, which lands on the neighbouring day within an hour of
 * midnight when real time and the target date differ in daylight saving (see the clock tests);
 * tests that assert the exact Stockholm day pin real time away from midnight.
 */
export function pinSystemTime(instant = "2026-01-15T11:00:00.000Z"): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(instant));
}

/**
 * Handlers log one JSON line per event; keep test output readable, but let tests inspect it.
 * Powertools' logger writes to the process's streams (not through `console`), so both are held.
 */
export function silenceLogs() {
  return {
    log: vi.spyOn(console, "log").mockImplementation(() => undefined),
    error: vi.spyOn(console, "error").mockImplementation(() => undefined),
    stdout: vi.spyOn(process.stdout, "write").mockImplementation(() => true),
    stderr: vi.spyOn(process.stderr, "write").mockImplementation(() => true),
  };
}

// ── Claims ──────────────────────────────────────────────────────────────────────────────────

export type Claims = Record<string, string | number | boolean | string[]>;

export const LUND = "1281";
export const STOCKHOLM = "0180";

/** A municipal user holding `roles` (default all three, as the dev issuer's default token does). */
export function municipalityClaims(
  kommunkod: string = LUND,
  sub = `user-${kommunkod}`,
  roles = "preparer signatory certifier",
): Claims {
  return {
    sub,
    email: `handlaggare@${kommunkod}.example`,
    "custom:recipient": kommunkod,
    // The forms carry the signatory's and the certifier's names from the account.
    name: "Eva Ekström",
    "custom:title": "Ekonomichef",
    ...(roles ? { "custom:roles": roles } : {}),
    token_use: "id",
  };
}

/** API Gateway flattens Cognito's group array to "[officer]"; pass an array to test the other form. */
export function officerClaims(
  groups: string | string[] = "[officer]",
  sub = "officer-1",
  agency = "kammarkollegiet",
): Claims {
  return {
    sub,
    email: `handlaggare@${agency}.example`,
    "cognito:groups": groups,
    "custom:agency": agency,
    token_use: "id",
  };
}

// ── API Gateway HTTP API (payload v2) ───────────────────────────────────────────────────────

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type ApiHandlerFn = (event: ApiEvent, context: ApiContext) => Promise<ApiResult>;

export interface ApiEventInit {
  /** The route key as API Gateway sends it, e.g. "POST /programmes/{programmeId}/requisitions". */
  route: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON with content-type application/json. */
  body?: unknown;
  isBase64Encoded?: boolean;
  /** Verified JWT claims; omit for an anonymous caller. */
  claims?: Claims;
}

export function apiEvent(init: ApiEventInit): ApiEvent {
  const [method = "GET", template = "/"] = init.route.split(" ");
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(init.pathParameters?.[name] ?? ""),
  );
  const isJson = init.body !== undefined && typeof init.body !== "string";
  const headers: Record<string, string> = {
    "user-agent": "vitest",
    ...(isJson ? { "content-type": "application/json" } : {}),
    ...init.headers,
  };
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === "string"
        ? init.body
        : JSON.stringify(init.body);
  const query = init.query ?? {};
  const now = new Date();
  return {
    version: "2.0",
    routeKey: init.route,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(init.pathParameters ? { pathParameters: init.pathParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "unit",
      authorizer: { principalId: "", integrationLatency: 0, jwt: { claims: init.claims ?? {}, scopes: [] } },
      domainName: "api.statsbidrag.example",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "vitest" },
      requestId: randomUUID(),
      routeKey: init.route,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: init.isBase64Encoded ?? false,
  };
}

/** A Lambda context; the API context's principal and body are filled in by apiHandler's middleware. */
export function context(functionName = "unit", requestId: string = randomUUID()): Context {
  return { ...lambdaContext(functionName), awsRequestId: requestId };
}

export function apiContext(functionName = "unit", requestId: string = randomUUID()): ApiContext {
  return { ...context(functionName, requestId) } as ApiContext;
}

export interface ApiResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
  requestId: string;
}

/** Invokes an HTTP handler like API Gateway does and parses the JSON answer. */
export async function invoke<T = Record<string, unknown>>(
  handler: ApiHandlerFn,
  event: ApiEvent,
  requestId: string = randomUUID(),
): Promise<ApiResponse<T>> {
  const result = await handler(event, apiContext("unit", requestId));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  return {
    status: result.statusCode ?? 200,
    headers,
    body: (result.body ? JSON.parse(result.body) : undefined) as T,
    requestId,
  };
}

// ── S3 notifications ────────────────────────────────────────────────────────────────────────

/** One ObjectCreated record per key; keys are given as S3 sends them (already URL-encoded). */
export function s3Event(...objects: (string | { key: string; size: number })[]): S3Event {
  return {
    Records: objects.map((o): S3EventRecord => {
      const { key, size } = typeof o === "string" ? { key: o, size: 1024 } : o;
      return {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: REGION,
        eventTime: new Date().toISOString(),
        eventName: "ObjectCreated:Post",
        userIdentity: { principalId: "AWS:UNIT" },
        requestParameters: { sourceIPAddress: "192.0.2.1" },
        responseElements: { "x-amz-request-id": "REQ", "x-amz-id-2": "ID2" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "upload-check",
          bucket: {
            name: BUCKET,
            ownerIdentity: { principalId: "OWNER" },
            arn: `arn:aws:s3:::${BUCKET}`,
          },
          object: { key, size, eTag: "etag", sequencer: "0055AED6DCD90281E5" },
        },
      };
    }),
  };
}

// ── DynamoDB stream and schedule ────────────────────────────────────────────────────────────

export interface StreamRecordInit {
  eventName?: "INSERT" | "MODIFY" | "REMOVE";
  pk: string;
  sk?: string;
  sequenceNumber?: string;
}

export function streamRecord(init: StreamRecordInit): DynamoDBRecord {
  return {
    eventID: randomUUID(),
    eventName: init.eventName ?? "INSERT",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: REGION,
    eventSourceARN: `arn:aws:dynamodb:${REGION}:123456789012:table/${TABLE}/stream/2022-01-01T00:00:00.000`,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { PK: { S: init.pk }, SK: { S: init.sk ?? "OUTBOX" } },
      SequenceNumber: init.sequenceNumber ?? String(Math.floor(Math.random() * 1e12)),
      SizeBytes: 128,
      StreamViewType: "KEYS_ONLY",
    },
  };
}

export function streamEvent(...records: DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

export function scheduledEvent(time = new Date()): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "123456789012",
    time: time.toISOString(),
    region: REGION,
    resources: [`arn:aws:events:${REGION}:123456789012:rule/outbox-sweep`],
    detail: {},
  };
}

// ── Stored items ────────────────────────────────────────────────────────────────────────────

export const PROGRAMME_2022 = "skr-aldreomsorg-2022";

/** A stored requisition of Lund's 2022 base share, as the table holds it (without keys). */
export function storedSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    id: "5b1f3a52-6f0e-4c4e-9a53-1f2f0b1c2d3e",
    reference: "SB-2022-1281-R1",
    programmeId: PROGRAMME_2022,
    kommunkod: LUND,
    kommun: "Lund",
    kind: "requisition",
    grantKind: "base",
    amount: 1_530_608,
    status: "awaiting-original",
    revision: 1,
    form: {},
    createdAt: "2022-06-01T10:00:00.000Z",
    receivedAtLocal: "2022-06-01 12:00:00",
    receivedOn: "2022-06-01",
    late: false,
    createdBy: { sub: "user-1281", kind: "municipality", email: "handlaggare@1281.example" },
    updatedAt: "2022-06-01T10:00:00.000Z",
    ...overrides,
  };
}

export function storedAttachment(submission: Submission, overrides: Partial<Attachment> = {}): Attachment {
  const id = overrides.id ?? "9c8b7a65-4321-4fed-8cba-0123456789ab";
  return {
    submissionId: submission.id,
    id,
    type: "original",
    key: `originals/${submission.programmeId}/${submission.kommunkod}/${submission.id}/${id}`,
    status: "pending",
    revision: 1,
    maxBytes: 20 * 1024 * 1024,
    createdAt: submission.createdAt,
    ...overrides,
  };
}
