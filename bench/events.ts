/**
 * Synthetic first events for the cold-start measurement, shaped like what Lambda delivers:
 * API Gateway HTTP API payload v2 with verified JWT claims, an S3 notification, GuardDuty's scan
 * result through EventBridge, a schedule tick, a table-stream record and an SNS message from SES.
 */
import { createHash, randomUUID } from "node:crypto";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  DynamoDBStreamEvent,
  S3Event,
  ScheduledEvent,
  SNSEvent,
} from "aws-lambda";
import { encodeS3EventKey, LOCAL_REGION } from "../infra/local/emulators.ts";
import { type LocalScanEvent, scanResultEvent } from "../infra/local/local-malware-scan.ts";
import { AGENCY_CLAIM, GROUPS_CLAIM, RECIPIENT_CLAIM } from "../shared/auth/principal.ts";

export type Subject = { kommunkod: string } | { officer: true };

function claims(subject: Subject): Record<string, string> {
  return "officer" in subject
    ? {
        sub: "officer-bench",
        email: "handlaggare@statsbidrag.example",
        [GROUPS_CLAIM]: "[officer]",
        [AGENCY_CLAIM]: "kammarkollegiet",
      }
    : {
        sub: `kommun-${subject.kommunkod}`,
        email: `registrator@${subject.kommunkod}.example`,
        [RECIPIENT_CLAIM]: subject.kommunkod,
      };
}

export function apiEvent(input: {
  method: "GET" | "POST" | "PUT";
  routeKey: string;
  path: string;
  subject?: Subject;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = new Date();
  const body = input.body === undefined ? undefined : JSON.stringify(input.body);
  return {
    version: "2.0",
    routeKey: input.routeKey,
    rawPath: input.path,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers: {
      host: "api.statsbidrag.example",
      "user-agent": "statsbidrag-bench",
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "bench",
      authorizer: {
        principalId: "",
        integrationLatency: 0,
        jwt: { claims: input.subject ? claims(input.subject) : {}, scopes: [] },
      },
      domainName: "api.statsbidrag.example",
      domainPrefix: "api",
      http: {
        method: input.method,
        path: input.path,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: "statsbidrag-bench",
      },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

export function s3Event(bucket: string, key: string, size: number): S3Event {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: LOCAL_REGION,
        eventTime: new Date().toISOString(),
        eventName: "ObjectCreated:Post",
        userIdentity: { principalId: "AWS:BENCH" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: { "x-amz-request-id": "BENCH", "x-amz-id-2": "BENCH" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "bench",
          bucket: { name: bucket, ownerIdentity: { principalId: "BENCH" }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodeS3EventKey(key), size, eTag: "", sequencer: "0" },
        },
      },
    ],
  };
}

/** GuardDuty Malware Protection's clean verdict for `key`, for bytes nobody uploaded. */
export function guardDutyScanEvent(bucket: string, key: string): LocalScanEvent {
  const etag = createHash("md5").update(randomUUID()).digest("hex");
  return scanResultEvent({ bucket, key, etag, result: "NO_THREATS_FOUND" });
}

export function scheduledEvent(): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.scheduler",
    account: "000000000000",
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: [],
    detail: {},
  };
}

export function sesBounceEvent(address: string): SNSEvent {
  const message = {
    eventType: "Bounce",
    mail: { timestamp: new Date().toISOString(), destination: [address] },
    bounce: {
      bounceType: "Permanent",
      bounceSubType: "General",
      bouncedRecipients: [{ emailAddress: address }],
      timestamp: new Date().toISOString(),
    },
  };
  return {
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: "arn:aws:sns:eu-north-1:000000000000:ses-events:bench",
        Sns: {
          Type: "Notification",
          MessageId: randomUUID(),
          TopicArn: "arn:aws:sns:eu-north-1:000000000000:ses-events",
          Subject: "",
          Message: JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: "1",
          Signature: "",
          SigningCertUrl: "",
          UnsubscribeUrl: "",
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** The table stream's record for a new outbox item, as Lambda delivers it to outbox-dispatch. */
export function outboxStreamEvent(mailId: string): DynamoDBStreamEvent {
  return {
    Records: [
      {
        eventID: randomUUID(),
        eventName: "INSERT",
        eventVersion: "1.1",
        eventSource: "aws:dynamodb",
        awsRegion: LOCAL_REGION,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: { PK: { S: `OUTBOX#${mailId}` }, SK: { S: "OUTBOX" } },
          SequenceNumber: "100000000000000000001",
          SizeBytes: 1024,
          StreamViewType: "NEW_AND_OLD_IMAGES",
        },
        eventSourceARN: "arn:aws:dynamodb:eu-north-1:000000000000:table/statsbidrag-local/stream/bench",
      },
    ],
  };
}
