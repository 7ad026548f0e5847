import { deadlineDeps } from "../../shared/composition-root.ts";
import { type Drift, reconcileProgramme } from "../../shared/reconciliation/run.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";
import { useStage, withTable } from "../stage.ts";

export function formatDrift(drift: readonly Drift[]): string {
  if (drift.length === 0)
    return "OK: every programme reconciles (ledger, submissions, payments, repayments, overview)\n";
  const lines = drift.map(
    (d) =>
      `DRIFT ${d.programmeId}${d.kommunkod ? ` ${d.kommunkod}` : ""}: ${d.invariant} — expected ${d.expected}, found ${d.actual}`,
  );
  return `${lines.join("\n")}\n${drift.length} invariant(s) broken\n`;
}

/**
 * `statsbidrag reconcile [--programme <id>] [--json]`: checks the money invariants the daily job
 * checks, now. Exit 0 when everything agrees, 1 (and every broken invariant) when it does not.
 */
export const reconcile: Command = {
  summary: "check that ledger, submissions, payments, repayments and the overview agree (exit 1 on drift)",
  usage: "statsbidrag reconcile [--programme <id>] [--json]",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      programme: { type: "string" },
      json: { type: "boolean", default: false },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, true);
    const stage = useStage();
    const drift = await withTable(stage, async () => {
      const deps = deadlineDeps();
      const programmes = await deps.catalogue.list();
      const chosen = values.programme ? programmes.filter((p) => p.id === values.programme) : programmes;
      if (values.programme && chosen.length === 0) {
        throw new CliError(`no programme "${values.programme}" on stage ${stage.name}`);
      }
      const all: Drift[] = [];
      for (const p of chosen) all.push(...(await reconcileProgramme(deps, p)));
      return all;
    });
    if (values.json) io.stdout.write(`${JSON.stringify({ drift }, null, 2)}\n`);
    else (drift.length > 0 ? io.stderr : io.stdout).write(formatDrift(drift));
    return drift.length > 0 ? EXIT.invalid : EXIT.ok;
  },
};
