/**
 * Payments and reports racing on the same ledger rows. Each municipality first has an approved
 * requisition (requisition, signed original received through the check and the malware scan,
 * approval; not measured). Then, shuffled over all of them: the same payment is recorded twice
 * (two officers at once, or one double click; approved → paid happens once) and the municipality
 * sends its report twice, stating that payment.
 * Exactly one payment per municipality may win; a report is taken only if it came after the
 * payment (PAYMENT_NOT_RECORDED otherwise), at most one per municipality (ALREADY_REPORTED), and
 * its repayment due is the server's sum, paid − costs. The answers are checked against the table.
 */
import { sampleRequisition } from "../shared/forms/index.ts";
import type { Programme } from "../shared/programmes/schema.ts";
import { type ContentionResult, check, tally } from "./lib/checks.ts";
import { type Prepared, receivedRequisition, recordPayment, reportAsPaid, type Target } from "./lib/flow.ts";
import { pool, type Timed, timedRequest } from "./lib/http.ts";
import { checkAllocationInvariants, type LedgerReader } from "./lib/ledger.ts";
import { say } from "./lib/quiet.ts";
import { seededRandom, shuffle, summarize } from "./lib/stats.ts";
import { roundSummary } from "./load.ts";

type Job = { k: string; kind: "payment" | "report"; id: string; amount: number };

const REPORT_REFUSALS = ["PAYMENT_NOT_RECORDED", "ALREADY_REPORTED"];
/**
 * A payment is proposed, then attested: of two at once, the loser's proposal meets the other's
 * (SUBMISSION_CHANGED), or its attestation meets a newer proposal (PROPOSAL_SUPERSEDED) or the
 * payment already made.
 */
const PAYMENT_REFUSALS = ["PAYMENT_ALREADY_RECORDED", "SUBMISSION_CHANGED", "PROPOSAL_SUPERSEDED"];

export async function paymentRace(
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
  const officer = await target.mintOfficer();
  const tokens = new Map(await Promise.all(kommunkoder.map(async (k) => [k, await target.mint(k)] as const)));

  // Set-up, not measured: an approved requisition of the whole base share for each municipality.
  say(`  approving ${kommunkoder.length} requisitions (originals through the check and the scan)…`);
  const approved = new Map<string, Prepared>();
  // Few at a time: the set-up is not measured, and each original waits for its check and its scan.
  await pool(kommunkoder, Math.min(concurrency, 8), async (k) => {
    const body = sampleRequisition(programme, k, today);
    approved.set(
      k,
      await receivedRequisition(target, programme, k, body, {
        municipality: tokens.get(k) ?? "",
        officer,
      }),
    );
  });
  const setupErrors = [...approved.values()].flatMap((p) => ("error" in p ? [p.error] : []));
  const jobs = shuffle(
    [...approved.entries()].flatMap(([k, p]): Job[] =>
      "error" in p
        ? []
        : [
            { k, kind: "payment", id: p.id, amount: p.amount },
            { k, kind: "payment", id: p.id, amount: p.amount },
            { k, kind: "report", id: p.id, amount: p.amount },
            { k, kind: "report", id: p.id, amount: p.amount },
          ],
    ),
    seededRandom(options.seed ?? 3),
  );

  const results: Timed<{ id?: string; code?: string }>[] = new Array(jobs.length);
  await pool(jobs, concurrency, async (job, i) => {
    results[i] =
      job.kind === "payment"
        ? await recordPayment(target, officer, job.id, job.amount, today)
        : await timedRequest(target.apiUrl, "POST", `/programmes/${programme.id}/reports`, {
            token: tokens.get(job.k) ?? "",
            body: reportAsPaid(programme, job.k, today, job.amount),
          });
  });

  const mine = new Set(kommunkoder);
  const rows = (await ledger.allocations(programme.id)).filter((r) => mine.has(r.kommunkod));
  const submissions = (await ledger.submissions(programme.id)).filter((s) => mine.has(s.kommunkod));
  const rowOf = new Map(rows.map((r) => [r.kommunkod, r]));
  const paidWon = new Map<string, number>();
  const reportsWon = new Map<string, string[]>();
  const badRefusals: string[] = [];
  for (const [i, job] of jobs.entries()) {
    const r = results[i] as Timed<{ id?: string; code?: string }>;
    const won = job.kind === "payment" ? r.status === 200 : r.status === 201;
    if (won && job.kind === "payment") paidWon.set(job.k, (paidWon.get(job.k) ?? 0) + 1);
    if (won && job.kind === "report")
      reportsWon.set(job.k, [...(reportsWon.get(job.k) ?? []), r.body.id ?? ""]);
    const rightRefusal =
      job.kind === "payment"
        ? PAYMENT_REFUSALS.includes(String(r.body.code))
        : REPORT_REFUSALS.includes(String(r.body.code));
    if (!won && (r.status !== 409 || !rightRefusal))
      badRefusals.push(`${job.k} ${job.kind}: ${r.status} ${r.body.code ?? r.networkError}`);
  }
  const prepared = [...approved.entries()].filter(([, p]) => !("error" in p)) as [
    string,
    { id: string; amount: number },
  ][];
  const paymentMismatch = prepared.filter(
    ([k, p]) => paidWon.get(k) !== 1 || rowOf.get(k)?.paid !== p.amount,
  );
  const paidStatus = new Map(
    submissions.filter((s) => s.kind === "requisition").map((s) => [s.id, s.status]),
  );
  const notPaid = prepared.filter(([, p]) => paidStatus.get(p.id) !== "paid");
  const reportMismatch = prepared.filter(([k]) => {
    const won = reportsWon.get(k) ?? [];
    return won.length > 1 || (rowOf.get(k)?.reportId ?? undefined) !== won[0];
  });
  const dueMismatch = prepared.filter(([k, p]) => {
    const row = rowOf.get(k);
    return row?.reportId !== undefined && row.repaymentDue !== p.amount - Math.round(p.amount * 0.9);
  });
  const sumPaid = rows.reduce((s, r) => s + (r.paid ?? 0), 0);
  const sumWon = prepared.reduce((s, [k, p]) => s + (paidWon.has(k) ? p.amount : 0), 0);
  const invariants = checkAllocationInvariants(rows, submissions);
  const list = (xs: [string, unknown][]) =>
    xs
      .slice(0, 10)
      .map(([k]) => k)
      .join(", ");
  const reports = [...reportsWon.values()].reduce((n, xs) => n + xs.length, 0);
  const checks = [
    check(
      "every approved requisition prepared",
      setupErrors.length === 0,
      setupErrors.slice(0, 5).join("; ") || `${prepared.length} of ${kommunkoder.length}`,
    ),
    check(
      "exactly one payment recorded per requisition, as the ledger's paid",
      paymentMismatch.length === 0,
      paymentMismatch.length
        ? `wrong for ${list(paymentMismatch)}`
        : `${prepared.length} of ${prepared.length}`,
    ),
    check(
      "every requisition paid",
      notPaid.length === 0,
      notPaid.length ? `not paid: ${list(notPaid)}` : "all",
    ),
    check(
      "at most one report per municipality, accepted exactly where the ledger records it",
      reportMismatch.length === 0,
      `${reports} accepted${reportMismatch.length ? `; mismatch ${list(reportMismatch)}` : ""}`,
    ),
    check(
      "repayment due = paid − costs for every report taken",
      dueMismatch.length === 0,
      dueMismatch.length ? `wrong for ${list(dueMismatch)}` : `${reportsWon.size} reports`,
    ),
    check(
      "every refusal is the right 409",
      badRefusals.length === 0,
      badRefusals.slice(0, 5).join("; ") || "all right",
    ),
    check("sum paid (ledger) = sum of accepted payments", sumPaid === sumWon, `${sumPaid} vs ${sumWon}`),
    check(
      "every allocation row's invariants hold",
      invariants.ok,
      invariants.violations.slice(0, 5).join("; ") || "all rows",
    ),
  ];
  return {
    scenario: `${prepared.length} × 4 payments and reports racing on approved requisitions`,
    requests: jobs.length,
    concurrency,
    statuses: tally(results),
    accepted: [...paidWon.values()].reduce((n, x) => n + x, 0) + reports,
    expectedAccepted: `${prepared.length} payments + the reports that came after their payment`,
    sumAcceptedAmounts: sumWon,
    sumRequisitioned: sumPaid,
    latency: roundSummary(summarize(results.map((r) => r.ms))),
    checks,
    passed: checks.every((c) => c.ok),
  };
}
