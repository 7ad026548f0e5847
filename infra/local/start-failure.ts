/**
 * What `npm start` says when the stack is not healthy: which check failed (table, s3, mail, or
 * the API port) and what to do about it. A remedy never stops at "delete your data": most causes
 * are a port in use, Java missing, or S3 damage the start-up repair names.
 */
export type CheckName = "api" | "table" | "s3" | "mail";

/** A start that failed in one part of the stack; `check` names the part as /health does. */
export class LocalStartError extends Error {
  constructor(
    readonly check: CheckName,
    cause: unknown,
  ) {
    super(`${check}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "LocalStartError";
  }
}

export interface StartContext {
  ports: { api: number; dynamodb: number; s3: number; ses: number };
  /** Undefined with --in-memory. */
  dataDir: string | undefined;
}

const WHAT: Record<CheckName, string> = {
  api: "the local API gateway",
  table: "DynamoDB Local (the table)",
  s3: "the S3 emulator (s3rver, the bucket)",
  mail: "the SES emulator (mail)",
};

const PORT_VARIABLE: Record<CheckName, string> = {
  api: "PORT",
  table: "DYNAMODB_PORT",
  s3: "S3_PORT",
  mail: "SES_PORT",
};

function portOf(check: CheckName, ctx: StartContext): number {
  const { ports } = ctx;
  return { api: ports.api, table: ports.dynamodb, s3: ports.s3, mail: ports.ses }[check];
}

function portInUse(check: CheckName, ctx: StartContext): string {
  const port = portOf(check, ctx);
  return `port ${port} may be in use by another program (another npm start?): see \`ss -ltnp 'sport = :${port}'\`, stop it, or choose a free port with ${PORT_VARIABLE[check]}=<port> npm start`;
}

export function remedyFor(check: CheckName, ctx: StartContext, cause = ""): string {
  if (/EADDRINUSE|address already in use|could not listen/i.test(cause)) return portInUse(check, ctx);
  if (check === "table") {
    if (/ENOENT|could not start java/i.test(cause)) {
      return "DynamoDB Local needs Java 17: install it (e.g. apt-get install openjdk-17-jre-headless) and check `java -version`";
    }
    const data = ctx.dataDir ? `; its data is in ${ctx.dataDir}/dynamodb` : "";
    return `is Java 17 installed (\`java -version\`)? Otherwise ${portInUse(check, ctx)}${data}`;
  }
  if (check === "s3") {
    if (!ctx.dataDir) return portInUse(check, ctx);
    return `s3rver cannot read an entry of its store ${ctx.dataDir}/s3 that the start-up repair did not fix: move the object's \`._S3rver_*\` files (an empty or broken \`…_S3rver_metadata.json\`) to ${ctx.dataDir}/s3-damaged/ and start again; the table and everything else are not affected`;
  }
  return portInUse(check, ctx);
}

/** The lines to print for the failed checks, one per check with its remedy. */
export function describeFailure(failed: { check: CheckName; cause?: string }[], ctx: StartContext): string[] {
  return [
    `statsbidrag is NOT running: ${failed.map((f) => f.check).join(", ")} failed.`,
    ...failed.map(
      (f) =>
        `  ${f.check}: ${WHAT[f.check]}${f.cause ? ` (${f.cause})` : ""}\n    → ${remedyFor(f.check, ctx, f.cause)}`,
    ),
  ];
}

/** The checks GET /health says failed (it answers `{ checks: { table, s3, mail } }`). */
export function failedChecks(body: unknown): CheckName[] {
  const checks = (body as { checks?: Record<string, unknown> } | undefined)?.checks ?? {};
  const names: CheckName[] = ["table", "s3", "mail"];
  const failed = names.filter((name) => checks[name] !== true);
  return failed.length > 0 ? failed : names;
}
