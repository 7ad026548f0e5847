import { deadlineDeps } from "../../shared/composition-root.ts";
import { isIsoDate } from "../../shared/dates.ts";
import { type DailyReport, runDaily } from "../../shared/deadlines/daily.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";
import { useStage, withTable } from "../stage.ts";

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
    const stage = useStage();
    if (values.at !== undefined && !stage.local) {
      throw new CliError(`--at is only allowed on a local stage, not on "${stage.name}"`);
    }
    // The clock, like every other dependency, comes from the composition root: on a local stage
    // it reads STATSBIDRAG_TODAY, which --at sets for this run.
    if (values.at !== undefined) process.env.STATSBIDRAG_TODAY = values.at;
    const report = await withTable(stage, () => runDaily(deadlineDeps()));
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDailyReport(report));
    return EXIT.ok;
  },
};
