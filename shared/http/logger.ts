/** Structured JSON logs (one line each) so CloudWatch Logs Insights can query them. */
type Level = "debug" | "info" | "warn" | "error";

function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { error: String(error) };
}

export const logger = {
  log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
    if (level === "debug" && !process.env.STATSBIDRAG_DEBUG) return;
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
