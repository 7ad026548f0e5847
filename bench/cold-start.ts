/**
 * Cold-start proxy per function: the size of its bundle (esbuild, the deploy settings) and the
 * time a fresh Node process takes to import it and serve one event, next to a floor measured in
 * the same run — a bundle that creates the AWS SDK clients the function bundles and makes the same
 * first request, a GetItem on the table (cold-start/floor.ts).
 *
 * Each measurement is a new `node` process (cold-start/child.ts). The clock starts just before
 * `import()` of the bundle and stops when the handler's promise settles, so Node's own start-up
 * (the same for floor and handler) is left out; it is measured separately as `nodeBootMs`. Floor
 * and handler runs are interleaved and the order flips every round, so drift (thermal, page cache,
 * the JVM next door) hits both alike.
 *
 * The first event (cold-start/first-events.ts) goes to the running local emulators (DynamoDB
 * Local, s3rver, SES emulator), so it includes the function's real first round trips: credential
 * and endpoint resolution, the lazy parts of the SDK, and DynamoDB Local answering. What is
 * reported per function: cold-start/rows.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BundleReport, bundleFunctions } from "../infra/bundle-report.ts";
import { BUNDLE } from "../infra/constructs/bundling.ts";
import { INFRA_FUNCTIONS } from "../infra/constructs/infra-functions.ts";
import { FUNCTIONS, type FunctionDef } from "../infra/routes.ts";
import { outboxDeps } from "../shared/composition-root.ts";
import { sampleRequisition } from "../shared/forms/index.ts";
import { CHILD, type ChildTiming, nodeBoot, runChild } from "./cold-start/child.ts";
import { type EventInputs, firstEvent } from "./cold-start/first-events.ts";
import { bundleFloor, clientsOf, type Floor } from "./cold-start/floor.ts";
import {
  COLD_START_TARGETS,
  type ColdStartContext,
  type ColdStartResult,
  coldStartRow,
} from "./cold-start/rows.ts";
import { localTarget, receivedRequisition, recordPayment } from "./lib/flow.ts";
import { timedRequest } from "./lib/http.ts";
import { say } from "./lib/quiet.ts";
import { round } from "./lib/stats.ts";

export type { ColdStartContext, ColdStartResult, ColdStartRow, Timing } from "./cold-start/rows.ts";
export { COLD_START_TARGETS } from "./cold-start/rows.ts";

/**
 * Municipalities whose requisition was received, approved and paid through the API, one per
 * round: create-report's callers, each reporting the payment on record (a report before any
 * payment is refused, 409 PAYMENT_NOT_RECORDED, which would time a refusal instead).
 */
async function paidReporters(ctx: ColdStartContext, kommunkoder: readonly string[]) {
  const target = localTarget(ctx.stack);
  const officer = await target.mintOfficer();
  const reporters: EventInputs["reporter"][] = [];
  for (const kommunkod of kommunkoder) {
    const body = sampleRequisition(ctx.programme, kommunkod, ctx.today);
    const municipality = await target.mint(kommunkod);
    const approved = await receivedRequisition(target, ctx.programme, kommunkod, body, {
      municipality,
      officer,
    });
    if ("error" in approved) throw new Error(`preparing a report: ${approved.error}`);
    const paid = await recordPayment(target, officer, approved.id, approved.amount, ctx.today);
    if (paid.status !== 200) throw new Error(`recording the payment of ${kommunkod}: ${paid.status}`);
    reporters.push({ kommunkod, paid: approved.amount });
  }
  return reporters;
}

export async function measureColdStarts(
  ctx: ColdStartContext,
  options: { rounds: number },
): Promise<ColdStartResult> {
  const work = await mkdtemp(join(tmpdir(), "statsbidrag-bench-"));
  try {
    const defs: FunctionDef[] = [...FUNCTIONS, ...INFRA_FUNCTIONS];
    say(`  bundling ${defs.length} functions (esbuild, deploy settings)…`);
    const reports = await bundleFunctions({ functions: defs, outdir: join(work, "functions") });
    const byName = new Map(reports.map((r) => [r.name, r]));

    const allocations = ctx.programme.allocations.map((a) => a.kommunkod);
    // Round 0 warms the page cache and the emulators and is discarded.
    const totalRounds = options.rounds + 1;
    if (allocations.length < 2 * totalRounds + 1) throw new Error("not enough municipalities for the rounds");
    const home = allocations[0] as string;
    // Per round: one municipality requisitions (create-requisition), another reports (create-report).
    const requisitioners = allocations.slice(1, totalRounds + 1);
    say(`  paying ${totalRounds} requisitions for create-report's first events…`);
    const reporters = await paidReporters(ctx, allocations.slice(totalRounds + 1, 2 * totalRounds + 1));
    // One submission to read and to request uploads for, made through the API.
    const token = await ctx.stack.issuer.mint({ kommunkod: home });
    const seeded = await timedRequest<{ id: string }>(
      ctx.stack.apiUrl,
      "POST",
      `/programmes/${ctx.programme.id}/requisitions`,
      { token, body: sampleRequisition(ctx.programme, home, ctx.today) },
    );
    if (seeded.status !== 201) throw new Error(`seeding a submission failed: ${seeded.status}`);
    const submissionId = seeded.body.id;

    const skipped: string[] = [];
    // create-requisition and create-report first, outbox after both (it sends their mails).
    const order = ["create-requisition", "create-report", ...defs.map((d) => d.name)].filter(
      (n, i, all) => all.indexOf(n) === i && byName.has(n),
    );
    const runnable = order.filter((n) => {
      const inputs = {
        kommunkod: home,
        home,
        submissionId,
        round: 0,
        reporter: reporters[0] as EventInputs["reporter"],
      };
      const known = firstEvent(n, ctx, inputs) !== undefined;
      if (!known) skipped.push(n);
      return known;
    });

    const floors = new Map<string, Floor>();
    for (const name of runnable) {
      const clients = clientsOf(byName.get(name) as BundleReport);
      const key = clients.join("+");
      if (!floors.has(key)) floors.set(key, await bundleFloor(clients, join(work, "floors")));
    }

    say("  measuring Node's own start-up…");
    const nodeBootMs = await nodeBoot(5);

    const { outbox } = outboxDeps();
    const samples = new Map<string, { handler: ChildTiming[]; floor: ChildTiming[] }>();
    const eventsDir = join(work, "events");
    await mkdir(eventsDir, { recursive: true });
    for (let r = 0; r < totalRounds; r++) {
      say(`  round ${r === 0 ? "0 (warm-up, discarded)" : `${r}/${options.rounds}`}`);
      const kommunkod = requisitioners[r] as string;
      const reporter = reporters[r] as EventInputs["reporter"];
      for (const [index, name] of runnable.entries()) {
        const report = byName.get(name) as BundleReport;
        const floor = floors.get(clientsOf(report).join("+"));
        if (!floor) throw new Error(`no floor for ${name}`);
        const eventFile = join(eventsDir, `${name}-${r}.json`);
        const mailId =
          name === "outbox-dispatch"
            ? (await outbox.dueMails(new Date(Date.now() + 7 * 86_400_000).toISOString(), 1))[0]?.id
            : undefined;
        await writeFile(
          eventFile,
          JSON.stringify(
            firstEvent(name, ctx, {
              kommunkod,
              home,
              submissionId,
              round: r,
              reporter,
              ...(mailId ? { mailId } : {}),
            }),
          ),
        );
        const handlerBundle = join(work, "functions", name, BUNDLE.outfile);
        const runHandler = () => runChild([CHILD, handlerBundle, eventFile]);
        const runFloor = () => runChild([CHILD, floor.outfile, eventFile]);
        const floorFirst = (r + index) % 2 === 0;
        const first = await (floorFirst ? runFloor() : runHandler());
        const second = await (floorFirst ? runHandler() : runFloor());
        const [f, h] = floorFirst ? [first, second] : [second, first];
        if (r === 0) continue;
        const s = samples.get(name) ?? { handler: [], floor: [] };
        s.handler.push(h);
        s.floor.push(f);
        samples.set(name, s);
      }
    }

    const defByName = new Map(defs.map((d) => [d.name, d]));
    const rows = runnable.map((name) => {
      const report = byName.get(name) as BundleReport;
      const floor = floors.get(clientsOf(report).join("+")) as Floor;
      const s = samples.get(name) as { handler: ChildTiming[]; floor: ChildTiming[] };
      return coldStartRow(name, report, floor, defByName.get(name), s);
    });
    return {
      rounds: options.rounds,
      nodeBootMs: round(nodeBootMs),
      targets: { ...COLD_START_TARGETS },
      firstEventTarget:
        'the running local emulators (DynamoDB Local, s3rver, SES emulator) on loopback. The column "first response" shows what each first event got; functions without a hand-made event get their first route with an empty body, which some refuse (4xx) after importing, authenticating, parsing and reading the table',
      rows,
      skipped,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
