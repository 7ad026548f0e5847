/**
 * The benchmark's HTTP client: one request with its latency as the client sees it (until the
 * body is read), and a pool that keeps a bounded number of requests in flight.
 */
export interface Timed<T = Record<string, unknown>> {
  status: number;
  body: T;
  ms: number;
  /** Set when the request failed below HTTP (connection refused, reset, timeout). */
  networkError?: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function timedRequest<T = Record<string, unknown>>(
  apiUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Timed<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const started = performance.now();
  try {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { raw: text.slice(0, 200) };
    }
    return { status: res.status, body: parsed as T, ms };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return {
      status: 0,
      body: {} as T,
      ms: performance.now() - started,
      networkError: `${error instanceof Error ? error.message : String(error)}${cause}`,
    };
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; bounded by items.length. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  });
  await Promise.all(workers);
}
