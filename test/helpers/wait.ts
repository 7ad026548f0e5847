/**
 * Polls until `predicate` returns a value other than undefined/false (and returns it), or throws
 * after `timeoutMs`. For effects that happen asynchronously (S3 events, outbox mails).
 */
export async function waitFor<T>(
  predicate: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      // A predicate may throw while the thing is not there yet (e.g. emulator restarting).
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms`, { cause: lastError });
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
