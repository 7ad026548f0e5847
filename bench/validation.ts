/**
 * Validation throughput: Bilaga 2 forms through shared/forms' parse + validate (checkRequisition,
 * checkReport), on this one thread. Inputs are built up front from every municipality of the
 * programme, valid and with one realistic mistake each, so the loop measures only validation.
 */
import {
  checkReport,
  checkRequisition,
  type ReportForm,
  type RequisitionForm,
  sampleReport,
  sampleRequisition,
} from "../shared/forms/index.ts";
import type { Programme } from "../shared/programmes/schema.ts";
import { round } from "./lib/stats.ts";

type Mutation<F> = (form: F) => unknown;

/**
 * One mistake each, the kind people make: a typo, a wrong type, a missing field, a wrong sum,
 * the region's name for the municipality's.
 */
const requisitionMistakes: Mutation<RequisitionForm>[] = [
  (f) => ({ ...f, recipient: { ...f.recipient, organisationNumber: "212000-0000" } }),
  (f) => ({ ...f, grant: { ...f.grant, amount: f.grant.amount + 1 } }),
  (f) => ({ ...f, grant: { ...f.grant, amount: "1 234 567" } }),
  (f) => ({ ...f, recipient: { ...f.recipient, email: "statsbidrag(at)kommun.se" } }),
  (f) => ({
    ...f,
    recipient: { ...f.recipient, postalAddress: { ...f.recipient.postalAddress, postalCode: "2210" } },
  }),
  (f) => ({ ...f, payment: { ...f.payment, account: "5050-1056" } }),
  (f) => ({ ...f, signature: { ...f.signature, date: "2031-01-01" } }),
  (f) => {
    const { signature: _omitted, ...rest } = f;
    return rest;
  },
  (f) => ({ ...f, grant: { ...f.grant, period: { from: "2022-01-01", to: "2021-12-31" } } }),
  (f) => ({ ...f, extra: true }),
];

const reportMistakes: Mutation<ReportForm>[] = [
  (f) => ({ ...f, accounting: { ...f.accounting, unspent: f.accounting.unspent + 1 } }),
  (f) => ({ ...f, accounting: { ...f.accounting, costs: -1 } }),
  (f) => ({ ...f, grant: { ...f.grant, totalGrant: f.grant.totalGrant + 1000 } }),
  (f) => ({ ...f, recipient: { ...f.recipient, name: "Region Skåne" } }),
  (f) => ({ ...f, certification: { ...f.certification, alternative: 2 } }),
  (f) => ({ ...f, certification: { ...f.certification, phone: "123" } }),
  (f) => ({ ...f, recipient: { ...f.recipient, organisationNumber: "556000-0000" } }),
  (f) => {
    const { accounting: _omitted, ...rest } = f;
    return rest;
  },
];

interface Input {
  kind: "requisition" | "report";
  kommunkod: string;
  body: unknown;
  valid: boolean;
}

function inputs(programme: Programme, today: string): Record<"requisition" | "report", Input[]> {
  const requisition: Input[] = [];
  const report: Input[] = [];
  for (const [i, { kommunkod }] of programme.allocations.entries()) {
    const req = sampleRequisition(programme, kommunkod, today);
    const rep = sampleReport(programme, kommunkod, today);
    requisition.push({ kind: "requisition", kommunkod, body: req, valid: true });
    report.push({ kind: "report", kommunkod, body: rep, valid: true });
    const rm = requisitionMistakes[i % requisitionMistakes.length] as Mutation<RequisitionForm>;
    const pm = reportMistakes[i % reportMistakes.length] as Mutation<ReportForm>;
    requisition.push({ kind: "requisition", kommunkod, body: rm(structuredClone(req)), valid: false });
    report.push({ kind: "report", kommunkod, body: pm(structuredClone(rep)), valid: false });
  }
  return { requisition, report };
}

export interface ThroughputRow {
  scenario: string;
  /** Per second of this thread's CPU time: what one core does, however busy the machine. */
  formsPerSecond: number;
  forms: number;
  /** This thread's CPU time over the run. */
  ms: number;
  /** The run's wall-clock time: about `ms` on a quiet machine, more when others share the cores. */
  wallMs: number;
}

export interface ValidationResult {
  target: number;
  rows: ThroughputRow[];
  /** The lowest of the rows: the number the target is judged on. */
  worstFormsPerSecond: number;
  meetsTarget: boolean;
}

export const VALIDATION_TARGET = 100_000;

function validate(programme: Programme, today: string, input: Input): boolean {
  const result =
    input.kind === "requisition"
      ? checkRequisition(input.body, programme, input.kommunkod, today)
      : checkReport(input.body, programme, input.kommunkod, today);
  return result.ok;
}

/** This thread's CPU time in ms (user and system). */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs `pool` round-robin for `durationMs` of wall-clock time (after `warmupMs`), checking the
 * clock every 64 forms. The rate is judged on the thread's CPU time, so that other processes on
 * a shared machine (tests, other benches) lower neither the number nor its meaning.
 */
function measure(programme: Programme, today: string, pool: Input[], durationMs: number, warmupMs: number) {
  const run = (ms: number) => {
    let n = 0;
    let sink = 0;
    const started = performance.now();
    const cpuStarted = threadCpuMs();
    let elapsed = 0;
    // Bounded by time, and by a count no real run reaches.
    while (elapsed < ms && n < 1e9) {
      for (let j = 0; j < 64; j++) {
        if (validate(programme, today, pool[n % pool.length] as Input)) sink++;
        n++;
      }
      elapsed = performance.now() - started;
    }
    return { n, elapsed, cpu: threadCpuMs() - cpuStarted, sink };
  };
  run(warmupMs);
  const { n, elapsed, cpu } = run(durationMs);
  return { forms: n, ms: cpu, wallMs: elapsed };
}

export function measureValidation(
  programme: Programme,
  today: string,
  options: { durationMs: number; warmupMs: number },
): ValidationResult {
  const { requisition, report } = inputs(programme, today);
  // Every input must come out as intended, or the numbers would measure the wrong path.
  for (const input of [...requisition, ...report]) {
    if (validate(programme, today, input) !== input.valid)
      throw new Error(`${input.kind} for ${input.kommunkod} did not validate as ${input.valid}`);
  }
  const validOnly = (xs: Input[]) => xs.filter((x) => x.valid);
  const invalidOnly = (xs: Input[]) => xs.filter((x) => !x.valid);
  const interleave = (a: Input[], b: Input[]) => a.flatMap((x, i) => (b[i] ? [x, b[i]] : [x]));
  const scenarios: [string, Input[]][] = [
    ["requisition, valid", validOnly(requisition)],
    ["requisition, invalid", invalidOnly(requisition)],
    ["report, valid", validOnly(report)],
    ["report, invalid", invalidOnly(report)],
    ["both forms, 50 % invalid", interleave(requisition, report)],
  ];
  const rows = scenarios.map(([scenario, pool]) => {
    const { forms, ms, wallMs } = measure(programme, today, pool, options.durationMs, options.warmupMs);
    return {
      scenario,
      forms,
      ms: round(ms),
      wallMs: round(wallMs),
      formsPerSecond: Math.round((forms / ms) * 1000),
    };
  });
  const worst = Math.min(...rows.map((r) => r.formsPerSecond));
  return {
    target: VALIDATION_TARGET,
    rows,
    worstFormsPerSecond: worst,
    meetsTarget: worst >= VALIDATION_TARGET,
  };
}
