import { type LocalStack, startLocalStack } from "../../infra/local/stack.ts";
import { requireEnv } from "./env.ts";

type StackOptions = Parameters<typeof startLocalStack>[0];

/**
 * The whole local system inside the test worker: gateway, real handlers, s3rver with its
 * S3 → upload-check notifications, on the DynamoDB Local and SES emulator of the global setup.
 * `options` adds to or overrides the defaults (a file's own `tableName`, so its ledgers meet no
 * other file's; a slower outbox; a trust list …).
 */
export async function startTestStack(
  today: string,
  options: Partial<StackOptions> = {},
): Promise<LocalStack> {
  return startLocalStack({
    port: 0,
    inMemory: true,
    stage: "test",
    today,
    outboxIntervalMs: 200,
    external: {
      dynamodb: requireEnv("AWS_ENDPOINT_URL_DYNAMODB"),
      ses: requireEnv("AWS_ENDPOINT_URL_SES"),
      sesStoreUrl: requireEnv("SES_STORE_URL"),
    },
    ...options,
  });
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  stack: LocalStack,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

export interface UploadSlot {
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

/** Uploads bytes with a presigned POST, the way a browser form would. */
export async function uploadWith(
  slot: UploadSlot,
  bytes: Uint8Array,
  filename: string,
  contentType: string,
): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(slot.fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
  const res = await fetch(slot.url, { method: "POST", body: form });
  return res.status;
}

/** A small but complete PDF, as a scanner would produce it. */
export function smallPdf(text = "Signed Bilaga 2"): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
