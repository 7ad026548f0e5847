/**
 * Contention: many requests racing for the same ledger rows. The answers are checked against
 * the ledger itself (the allocation rows and submissions in the table), not only the status codes.
 * Payments and reports racing on paid requisitions: payment-race.ts.
 */
import { sampleRequisition } from "../shared/forms/index.ts";
import type { Programme } from "../shared/programmes/schema.ts";
import { type ContentionResult, check, tally } from "./lib/checks.ts";
import { reportAsPaid } from "./lib/flow.ts";
import { pool, type Timed, timedRequest } from "./lib/http.ts";
import { checkAllocationInvariants, type LedgerReader } from "./lib/ledger.ts";
import { seededRandom, shuffle, summarize } from "./lib/stats.ts";
import { roundSummary, type Target } from "./load.ts";

export type { Check, ContentionResult } from "./lib/checks.ts";

/** n requisitions for one municipality at once, each for a different amount: exactly one may win. */
export async function sameMunicipality(
  target: Target,
  ledger: LedgerReader,
  options: { programme: Programme; today: string; kommunkod: string; requests: number; seed?: number },
): Promise<ContentionResult> {
  const { programme, today, kommunkod, requests } = options;
  const allocation = programme.allocations.find((a) => a.kommunkod === kommunkod);
  if (!allocation) throw new Error(`${kommunkod} has no allocation in ${programme.id}`);
  const random = seededRandom(options.seed ?? 1);
  const token = await target.mint(kommunkod);
  const bodies = Array.from({ length: requests }, (_, i) => {
    const form = sampleRequisition(programme, kommunkod, today);
    // Distinct amounts, so the ledger shows which request won.
    form.grant.amount = i === 0 ? allocation.amount : 1 + Math.floor(random() * (allocation.amount - 1));
    return form;
  });
  const results = await Promise.all(
    bodies.map((body) =>
      timedRequest<{ id?: string; code?: string }>(
        target.apiUrl,
        "POST",
        `/programmes/${programme.id}/requisitions`,
        { token, body },
      ),
    ),
  );
  const winners = results.flatMap((r, i) =>
    r.status === 201 ? [{ id: r.body.id, amount: bodies[i]?.grant.amount ?? 0 }] : [],
  );
  const row = (await ledger.allocations(programme.id)).find((a) => a.kommunkod === kommunkod);
  const submissions = (await ledger.submissions(programme.id)).filter((s) => s.kommunkod === kommunkod);
  const winner = winners[0];
  const refused = results.filter((r) => r.status === 409);
  const checks = [
    check("exactly one accepted", winners.length === 1, `${winners.length} accepted`),
    check(
      "every other one refused with 409 ALREADY_REQUISITIONED",
      refused.length === requests - 1 && refused.every((r) => r.body.code === "ALREADY_REQUISITIONED"),
      JSON.stringify(tally(results)),
    ),
    check(
      "no 5xx and no network error",
      results.every((r) => r.status > 0 && r.status < 500),
      JSON.stringify(tally(results)),
    ),
    check(
      "ledger: requisitioned equals the accepted amount",
      row?.requisitioned === winner?.amount,
      `ledger ${row?.requisitioned}, accepted ${winner?.amount}`,
    ),
    check(
      "ledger: points at the accepted submission",
      winner !== undefined && row?.baseRequisitionId === winner.id,
      `${row?.baseRequisitionId} vs ${winner?.id}`,
    ),
    check(
      "ledger: requisitioned + remaining = allocated ≤ allocation",
      row !== undefined &&
        row.requisitioned + row.remaining === allocation.amount &&
        row.requisitioned <= allocation.amount,
      `${row?.requisitioned} + ${row?.remaining} vs ${allocation.amount}`,
    ),
    check("exactly one submission stored", submissions.length === 1, `${submissions.length} stored`),
  ];
  return {
    scenario: `${requests} concurrent requisitions, one municipality (${kommunkod})`,
    requests,
    concurrency: requests,
    statuses: tally(results),
    accepted: winners.length,
    expectedAccepted: 1,
    sumAcceptedAmounts: winner?.amount ?? 0,
    sumRequisitioned: row?.requisitioned ?? 0,
    latency: roundSummary(summarize(results.map((r) => r.ms))),
    checks,
    passed: checks.every((c) => c.ok),
  };
}

type MixKind = "base-full" | "base-partial" | "report";

/**
 * Three requests per municipality, shuffled over the whole programme: its full base share, a
 * competing partial base share, and its financial report. Exactly one base requisition per
 * municipality must win. No report can be taken here, since nothing is paid yet: one that came
 * before the requisition is refused for want of it (REQUISITION_REQUIRED), one after it for want
 * of a payment (PAYMENT_NOT_RECORDED), one that read the ledger before the requisition and wrote
 * after it because the ledger moved (LEDGER_CHANGED); the ledger must record none.
 */
export async function programmeMix(
  target: Target,
  ledger: LedgerReader,
  options: {
    programme: Programme;
    today: string;
    kommunkoder: readonly string[];
    concurrency: number;
    seed?: number;
  },
): Promise<ContentionResult> {
  const { programme, today, kommunkoder, concurrency } = options;
  const random = seededRandom(options.seed ?? 2);
  const tokens = new Map(await Promise.all(kommunkoder.map(async (k) => [k, await target.mint(k)] as const)));
  const jobs = shuffle(
    kommunkoder.flatMap((k) => {
      const allocation = programme.allocations.find((a) => a.kommunkod === k);
      if (!allocation) throw new Error(`${k} has no allocation`);
      const full = sampleRequisition(programme, k, today);
      const partial = sampleRequisition(programme, k, today);
      partial.grant.amount = 1 + Math.floor(random() * (allocation.amount - 1));
      return [
        { k, kind: "base-full" as MixKind, amount: full.grant.amount, body: full as unknown },
        { k, kind: "base-partial" as MixKind, amount: partial.grant.amount, body: partial as unknown },
        {
          k,
          kind: "report" as MixKind,
          amount: 0,
          body: reportAsPaid(programme, k, today, allocation.amount) as unknown,
        },
      ];
    }),
    random,
  );
  const results: Timed<{ id?: string; code?: string }>[] = new Array(jobs.length);
  await pool(jobs, concurrency, async (job, i) => {
    const path = `/programmes/${programme.id}/${job.kind === "report" ? "reports" : "requisitions"}`;
    results[i] = await timedRequest(target.apiUrl, "POST", path, {
      token: tokens.get(job.k) ?? "",
      body: job.body,
    });
  });

  // Only this scenario's municipalities: the table may hold others' rows (npm test shares it).
  const mine = new Set(kommunkoder);
  const rows = (await ledger.allocations(programme.id)).filter((r) => mine.has(r.kommunkod));
  const submissions = (await ledger.submissions(programme.id)).filter((s) => mine.has(s.kommunkod));
  const rowOf = new Map(rows.map((r) => [r.kommunkod, r]));
  const acceptedBase = new Map<string, { id: string; amount: number }[]>();
  const acceptedReports = new Map<string, string>();
  let sumAccepted = 0;
  const badRefusals: string[] = [];
  for (const [i, job] of jobs.entries()) {
    const r = results[i] as Timed<{ id?: string; code?: string }>;
    if (r.status === 201) {
      if (job.kind === "report") acceptedReports.set(job.k, r.body.id ?? "");
      else {
        acceptedBase.set(job.k, [
          ...(acceptedBase.get(job.k) ?? []),
          { id: r.body.id ?? "", amount: job.amount },
        ]);
        sumAccepted += job.amount;
      }
    } else {
      // A report that read the ledger before its requisition and wrote after it: LEDGER_CHANGED.
      const expected =
        job.kind === "report"
          ? ["REQUISITION_REQUIRED", "PAYMENT_NOT_RECORDED", "LEDGER_CHANGED"]
          : ["ALREADY_REQUISITIONED"];
      if (r.status !== 409 || !expected.includes(String(r.body.code)))
        badRefusals.push(`${job.k} ${job.kind}: ${r.status} ${r.body.code ?? r.networkError}`);
    }
  }
  const sumRequisitioned = rows.reduce((s, r) => s + (r.requisitioned ?? 0), 0);
  const invariants = checkAllocationInvariants(rows, submissions);
  const baseMismatch = kommunkoder.filter((k) => {
    const won = acceptedBase.get(k) ?? [];
    const row = rowOf.get(k);
    return won.length !== 1 || row?.baseRequisitionId !== won[0]?.id || row?.requisitioned !== won[0]?.amount;
  });
  const reportMismatch = kommunkoder.filter(
    (k) => (rowOf.get(k)?.reportId ?? undefined) !== acceptedReports.get(k),
  );
  const accepted = [...acceptedBase.values()].reduce((n, xs) => n + xs.length, 0) + acceptedReports.size;
  const checks = [
    check(
      "exactly one base requisition accepted per municipality",
      baseMismatch.length === 0,
      baseMismatch.length
        ? `wrong for ${baseMismatch.slice(0, 10).join(", ")}`
        : `${kommunkoder.length} of ${kommunkoder.length}`,
    ),
    check(
      "no report accepted before a payment, and none in the ledger",
      acceptedReports.size === 0 && reportMismatch.length === 0,
      `${acceptedReports.size} accepted${reportMismatch.length ? `; ledger records ${reportMismatch.slice(0, 10).join(", ")}` : ""}`,
    ),
    check(
      "every refusal is the right 409",
      badRefusals.length === 0,
      badRefusals.slice(0, 5).join("; ") || "all right",
    ),
    check(
      "sum requisitioned (ledger) = sum of accepted amounts",
      sumRequisitioned === sumAccepted,
      `${sumRequisitioned} vs ${sumAccepted}`,
    ),
    check(
      "every allocation row's invariants hold",
      invariants.ok,
      invariants.violations.slice(0, 5).join("; ") || "all rows",
    ),
    check(
      "submissions stored = requests accepted",
      submissions.length === accepted,
      `${submissions.length} stored, ${accepted} accepted`,
    ),
  ];
  return {
    scenario: `${kommunkoder.length} × 3 mixed requests over the whole programme`,
    requests: jobs.length,
    concurrency,
    statuses: tally(results),
    accepted,
    expectedAccepted: `${kommunkoder.length} base, no report`,
    sumAcceptedAmounts: sumAccepted,
    sumRequisitioned,
    latency: roundSummary(summarize(results.map((r) => r.ms))),
    checks,
    passed: checks.every((c) => c.ok),
  };
}
