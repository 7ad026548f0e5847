import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tableName } from "../../infra/table-definition.ts";
import { deadlineDeps } from "../../shared/adapters/dynamodb/officer-store.ts";
import { clockFromEnv, shiftedClock } from "../../shared/clock.ts";
import { isIsoDate } from "../../shared/dates.ts";
import { type DailyReport, runDaily } from "../../shared/deadlines/daily.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";

/** The local stack's emulator account (infra/local/emulators.ts); DynamoDB Local accepts any. */
const LOCAL_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface TableAccess {
  db: DynamoDBDocumentClient;
  table: string;
  stage: string;
  local: boolean;
  endpoint: string | undefined;
}

/**
 * The table the CLI works on. On a local stage (the default) it is the one `npm start` serves:
 * DynamoDB Local on DYNAMODB_PORT (default 8000) unless AWS_ENDPOINT_URL_DYNAMODB says otherwise.
 * Elsewhere (STATSBIDRAG_STAGE=dev|prod …) the SDK's own configuration (profile, region) applies.
 */
export function tableAccess(env: NodeJS.ProcessEnv = process.env): TableAccess {
  const stage = env.STATSBIDRAG_STAGE ?? "local";
  const local = stage === "local" || stage === "test";
  const endpoint =
    env.AWS_ENDPOINT_URL_DYNAMODB ??
    env.AWS_ENDPOINT_URL ??
    (local ? `http://127.0.0.1:${env.DYNAMODB_PORT ?? 8000}` : undefined);
  const client = new DynamoDBClient({
    maxAttempts: 3,
    ...(endpoint ? { endpoint } : {}),
    ...(local ? { region: env.AWS_REGION ?? "eu-north-1", credentials: LOCAL_CREDENTIALS } : {}),
  });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { db, table: env.TABLE_NAME ?? tableName(stage), stage, local, endpoint };
}

/** Turns "the table is not there" into one line a person can act on. */
export async function withTable<T>(access: TableAccess, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const code = (error as { code?: string }).code ?? "";
    if (name === "ResourceNotFoundException" || code === "ECONNREFUSED" || name === "TimeoutError") {
      const where = access.endpoint ?? "AWS";
      throw new CliError(
        `cannot use table ${access.table} at ${where}${access.local ? " (is `npm start` running?)" : ""}`,
      );
    }
    throw error;
  } finally {
    access.db.destroy();
  }
}

export function formatDailyReport(report: DailyReport): string {
  const lines = report.programmes.map((p) =>
    [
      `${report.day} ${p.programmeId}:`,
      `${p.reminders} reminder(s) queued,`,
      `${p.lapsed} lapse(s) marked,`,
      `${p.reportOverdue} report(s) overdue,`,
      `${p.reclaims} listed for reclaim,`,
      `${p.repaymentOverdue} repayment(s) overdue,`,
      p.digest ? "officer digest queued" : "no digest",
      p.unreachable.length > 0 ? `(no address for ${p.unreachable.join(", ")})` : "",
    ]
      .filter(Boolean)
      .join(" "),
  );
  if (report.notOpened.length > 0) lines.push(`not opened (left alone): ${report.notOpened.join(", ")}`);
  if (report.programmes.length === 0) lines.push(`${report.day}: no programme is open; nothing to do`);
  return `${lines.join("\n")}\n`;
}

/**
 * `statsbidrag daily [--at YYYY-MM-DD]`: the daily job on demand, the same domain function as
 * functions/daily/handler.ts. `--at` runs it as of that Stockholm day (local stages only, like
 * STATSBIDRAG_TODAY); mail goes to the outbox, which the running stack (or, on AWS, the stream)
 * delivers.
 */
export const daily: Command = {
  summary: "run the daily job now: reminders, lapses, overdue reports, officer digest",
  usage: "statsbidrag daily [--at YYYY-MM-DD] [--json]",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      at: { type: "string" },
      json: { type: "boolean", default: false },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, true);
    if (values.at !== undefined && !isIsoDate(values.at)) {
      throw new CliError(`--at must be a date YYYY-MM-DD, not "${values.at}"`, true);
    }
    const access = tableAccess();
    if (values.at !== undefined && !access.local) {
      access.db.destroy();
      throw new CliError(`--at is only allowed on a local stage, not on "${access.stage}"`);
    }
    const clock = values.at ? shiftedClock(values.at) : clockFromEnv();
    const report = await withTable(access, () =>
      runDaily(deadlineDeps(access.db, access.table, clock, process.env.WEB_BASE_URL)),
    );
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDailyReport(report));
    return EXIT.ok;
  },
};
