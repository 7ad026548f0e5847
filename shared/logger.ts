/** Structured JSON logs (one line each) so CloudWatch Logs Insights can query them. */
type Level = "debug" | "info" | "warn" | "error";
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
// STATSBIDRAG_LOG_LEVEL=warn keeps test output readable; Lambda logs at info.
const threshold = RANK[(process.env.STATSBIDRAG_LOG_LEVEL as Level | undefined) ?? "info"] ?? RANK.info;

function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { error: String(error) };
}

export const logger = {
  log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < threshold) return;
    const line = JSON.stringify({
      level,
      message,
      service: "statsbidrag",
      time: new Date().toISOString(),
      ...fields,
    });
    if (level === "error" || level === "warn") console.error(line);
    else console.log(line);
  },
  info(message: string, fields?: Record<string, unknown>) {
    this.log("info", message, fields);
  },
  warn(message: string, fields?: Record<string, unknown>) {
    this.log("warn", message, fields);
  },
  error(message: string, error: unknown, fields: Record<string, unknown> = {}) {
    this.log("error", message, { ...fields, ...errorFields(error) });
  },
};
