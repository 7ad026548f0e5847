import type { FieldError, Message } from "../../shared/errors.ts";
import { config } from "./config.ts";
import { T } from "./i18n.ts";
import { readSession, signOut } from "./session.ts";

/** The API's error body: { code, message: { sv, en }, errors?, requestId }. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly userMessage: Message,
    readonly errors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(`${status} ${code}: ${userMessage.en}`);
  }
}

export interface ApiOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** Answer with the raw Response (e.g. CSV) instead of parsing JSON. */
  raw?: boolean;
}

function isMessage(value: unknown): value is Message {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Message).sv === "string" &&
    typeof (value as Message).en === "string"
  );
}

async function toError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get("apigw-requestid") ?? undefined;
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): keep the status.
  }
  const message = isMessage(body.message)
    ? body.message
    : { sv: `Fel ${res.status} från tjänsten.`, en: `Error ${res.status} from the service.` };
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
  const id = typeof body.requestId === "string" ? body.requestId : requestId;
  return new ApiError(
    res.status,
    typeof body.code === "string" ? body.code : `HTTP_${res.status}`,
    message,
    errors,
    id,
  );
}

export async function apiFetch(method: string, path: string, options: ApiOptions = {}): Promise<Response> {
  const session = readSession();
  if (!session) signOut("expired");
  const headers: Record<string, string> = {
    authorization: `Bearer ${session.token}`,
    accept: "application/json",
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`${config().apiBase}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "NETWORK", T.networkError);
  }
  if (res.status === 401) signOut("expired");
  if (!res.ok) throw await toError(res);
  return res;
}

export async function api<R>(method: string, path: string, options: ApiOptions = {}): Promise<R> {
  const res = await apiFetch(method, path, options);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as R;
}

export const get = <R>(path: string) => api<R>("GET", path);
export const post = <R>(path: string, body?: unknown, idempotencyKey?: string) =>
  api<R>("POST", path, {
    ...(body !== undefined ? { body } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
