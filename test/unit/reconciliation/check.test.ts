import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../../shared/officer/decisions.ts";
import { type Drift, reconcile } from "../../../shared/reconciliation/check.ts";
import { reconcileProgramme } from "../../../shared/reconciliation/run.ts";
import type { AllocationState, Submission } from "../../../shared/submissions/model.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { repayWithFourEyes } from "../../helpers/four-eyes.ts";
import {
  approved,
  correct,
  daily,
  LUND,
  MALMO,
  OFFICER,
  open,
  paid,
  programme,
  receive,
  received,
  report,
  requisitionForm,
  returned,
  STOCKHOLM,
} from "../submissions/scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

/**
 * A programme year on the fakes, through the use cases only, so every record agrees:
 * - Lund: own share paid in full, model extra approved (not paid), report with unspent funds,
 *   part of it repaid;
 * - Malmö: a requisition refused (avslag), then a new one approved;
 * - Stockholm: returned, corrected with a lower amount, received; the rest lapses at the deadline;
 * - every other municipality: nothing requisitioned, the whole right lapses.
 */
async function programmeYear(sys: FakeSystem) {
  await open(sys);
  const lundBase = await paid(sys, LUND);
  const lundExtra = await approved(sys, LUND, { kind: "model-extra" });
  const malmoRefused = await received(sys, MALMO, { amount: 1_000_000 });
  await decide(sys.officerDeps, OFFICER, malmoRefused, { decision: "refuse", reason: "Fel belopp." });
  const malmo = await approved(sys, MALMO);
  const stockholmR1 = await returned(sys, STOCKHOLM);
  const stockholm = await correct(
    sys,
    STOCKHOLM,
    stockholmR1,
    requisitionForm(STOCKHOLM, { amount: 8_000_000 }),
  );
  await receive(sys, stockholm.id);
  await daily(sys, "2022-12-02");
  sys.clock.set("2023-03-01T10:00:00.000Z");
  const lundReport = await receive(sys, await report(sys, LUND, 1_200_000));
  await repayWithFourEyes(sys.officerDeps, OFFICER, programme.id, {
    kommunkod: LUND.kommunkod,
    amount: 200_000,
    date: "2023-03-01",
  });
  return { lundBase, lundExtra, lundReport, malmoRefused, malmo, stockholm: stockholm.id };
}

type Ids = Awaited<ReturnType<typeof programmeYear>>;

async function records(sys: FakeSystem) {
  return {
    rows: await sys.deadlines.listLedger(programme.id),
    submissions: await sys.submissions.listSubmissions({ programmeId: programme.id }),
  };
}

const rowOf = (sys: FakeSystem, kommunkod: string): AllocationState => {
  const row = sys.world.allocation(programme.id, kommunkod);
  if (!row) throw new Error(`no ledger row for ${kommunkod}`);
  return structuredClone(row);
};
const submission = (sys: FakeSystem, id: string): Submission => {
  const s = sys.world.submissions.get(id);
  if (!s) throw new Error(`no submission ${id}`);
  return structuredClone(s);
};
const put = (sys: FakeSystem, s: Submission) => sys.world.submissions.set(s.id, s);

const drift = (
  kommunkod: string | undefined,
  invariant: string,
  expected: number | string,
  actual: number | string,
) =>
  ({
    programmeId: programme.id,
    ...(kommunkod ? { kommunkod } : {}),
    invariant,
    expected,
    actual,
  }) satisfies Drift;

const K = { lund: LUND.kommunkod, malmo: MALMO.kommunkod };

describe("reconcile: records built through the use cases agree", () => {
  it("finds no drift in a programme year of requisitions, refusals, corrections, payments, lapses, a report and a repayment", async () => {
    // Prepare
    const sys = fakeSystem();
    await programmeYear(sys);
    const { rows, submissions } = await records(sys);
    // Act
    const found = reconcile(programme, rows, submissions);
    // Assess
    expect(rows.length).toBe(programme.allocations.length);
    expect(submissions.length).toBe(7);
    expect(found).toEqual([]);
    expect(await reconcileProgramme(sys.deadlineDeps, programme)).toEqual([]);
  });
});

/** One corruption of the records, and exactly the drift it must produce (computed from the records). */
interface Corruption {
  name: string;
  corrupt(sys: FakeSystem, ids: Ids): Drift[];
}

const CORRUPTIONS: Corruption[] = [
  {
    name: "remaining = allocated − requisitioned",
    corrupt(sys) {
      const row = rowOf(sys, K.lund);
      sys.world.setAllocation({ ...row, remaining: row.remaining + 1 });
      return [drift(K.lund, this.name, row.allocated - row.requisitioned, row.remaining + 1)];
    },
  },
  {
    name: "modelExtraRemaining = modelExtra − modelExtraRequisitioned",
    corrupt(sys) {
      const row = rowOf(sys, K.lund);
      const rest = (row.modelExtraRemaining ?? 0) - 1;
      sys.world.setAllocation({ ...row, modelExtraRemaining: rest });
      return [drift(K.lund, this.name, row.modelExtra - row.modelExtraRequisitioned, rest)];
    },
  },
  {
    name: "requisitioned = live requisitions",
    corrupt(sys, ids) {
      const s = submission(sys, ids.malmo);
      put(sys, { ...s, amount: s.amount + 1 });
      return [drift(K.malmo, this.name, s.amount + 1, rowOf(sys, K.malmo).requisitioned)];
    },
  },
  {
    name: "modelExtraRequisitioned = live extra",
    corrupt(sys, ids) {
      const s = submission(sys, ids.lundExtra);
      put(sys, { ...s, amount: s.amount - 1 });
      return [drift(K.lund, this.name, s.amount - 1, rowOf(sys, K.lund).modelExtraRequisitioned)];
    },
  },
  {
    name: "the ledger names the live requisition",
    corrupt(sys, ids) {
      sys.world.setAllocation({ ...rowOf(sys, K.malmo), baseRequisitionId: ids.malmoRefused });
      return [drift(K.malmo, this.name, ids.malmo, ids.malmoRefused)];
    },
  },
  {
    name: "paid = payments on paid requisitions",
    corrupt(sys) {
      const row = rowOf(sys, K.lund);
      sys.world.setAllocation({ ...row, paid: (row.paid ?? 0) + 1 });
      return [drift(K.lund, this.name, row.paid ?? 0, (row.paid ?? 0) + 1)];
    },
  },
  {
    name: "payment ≤ approved",
    corrupt(sys, ids) {
      const s = submission(sys, ids.lundBase);
      const payment = { ...(s.payment as NonNullable<Submission["payment"]>), amount: s.amount + 1 };
      put(sys, { ...s, payment });
      return [
        drift(K.lund, "paid = payments on paid requisitions", s.amount + 1, rowOf(sys, K.lund).paid ?? 0),
        drift(K.lund, `payment ≤ approved (${s.reference})`, s.amount, s.amount + 1),
      ];
    },
  },
  {
    name: "only paid requisitions carry a payment",
    corrupt(sys, ids) {
      const s = submission(sys, ids.malmo);
      put(sys, {
        ...s,
        payment: {
          paidOn: "2022-06-01",
          amount: 1,
          proposalId: "p-1",
          proposedBy: OFFICER,
          proposedAt: s.createdAt,
          attestedBy: OFFICER,
          attestedAt: s.createdAt,
        },
      });
      return [drift(K.malmo, `only paid requisitions carry a payment (${s.reference})`, "paid", "approved")];
    },
  },
  {
    name: "repaymentDue = the report's unspent funds",
    corrupt(sys, ids) {
      const row = rowOf(sys, K.lund);
      sys.world.setAllocation({ ...row, repaymentDue: (row.repaymentDue ?? 0) + 1 });
      const unspent = submission(sys, ids.lundReport).unspent ?? 0;
      return [drift(K.lund, this.name, unspent, (row.repaymentDue ?? 0) + 1)];
    },
  },
  {
    name: "repaid ≤ due",
    corrupt(sys) {
      const row = rowOf(sys, K.lund);
      const due = row.repaymentDue ?? 0;
      sys.world.setAllocation({ ...row, repaid: due + 1 });
      return [drift(K.lund, this.name, due, due + 1)];
    },
  },
  {
    name: "at most one live requisition of the own share",
    corrupt(sys, ids) {
      const s = submission(sys, ids.malmo);
      put(sys, { ...s, id: randomUUID(), status: "received", createdAt: "2022-07-01T10:00:00.000Z" });
      return [
        drift(K.malmo, this.name, 1, 2),
        drift(K.malmo, "requisitioned = live requisitions", 2 * s.amount, rowOf(sys, K.malmo).requisitioned),
      ];
    },
  },
  {
    name: "at most one live model-extra requisition",
    corrupt(sys, ids) {
      const s = submission(sys, ids.lundExtra);
      put(sys, { ...s, id: randomUUID(), status: "received", createdAt: "2022-07-01T10:00:00.000Z" });
      return [
        drift(K.lund, this.name, 1, 2),
        drift(
          K.lund,
          "modelExtraRequisitioned = live extra",
          2 * s.amount,
          rowOf(sys, K.lund).modelExtraRequisitioned,
        ),
      ];
    },
  },
  {
    name: "overview paid = ledger paid",
    corrupt(sys) {
      // A ledger row of a municipality the programme allocates nothing to: the overview, which
      // lists the programme's municipalities, cannot count its payment.
      const total = [...sys.world.allocations.values()].reduce((t, r) => t + (r.paid ?? 0), 0);
      sys.world.setAllocation({
        programmeId: programme.id,
        kommunkod: "9999",
        allocated: 0,
        requisitioned: 0,
        remaining: 0,
        modelExtra: 0,
        modelExtraRequisitioned: 0,
        lapsed: false,
        paid: 100,
      });
      return [
        drift("9999", "paid = payments on paid requisitions", 0, 100),
        drift(undefined, this.name, total + 100, total),
      ];
    },
  },
];

describe("reconcile: one corrupted number, exactly its drift", () => {
  it.each(CORRUPTIONS.map((c) => [c.name, c] as const))(
    "reports a broken %s and nothing else",
    async (_name, c) => {
      // Prepare
      const sys = fakeSystem();
      const ids = await programmeYear(sys);
      const expected = c.corrupt(sys, ids);
      const { rows, submissions } = await records(sys);
      // Act
      const found = reconcile(programme, rows, submissions);
      // Assess
      expect(expected.length).toBeGreaterThan(0);
      expect(found).toEqual(expected);
    },
  );

  it("the daily job reports the drift reconcile finds", async () => {
    // Prepare
    const sys = fakeSystem();
    const ids = await programmeYear(sys);
    const expected = CORRUPTIONS[0]?.corrupt(sys, ids) ?? [];
    // Act
    const day = await daily(sys, "2023-03-02");
    // Assess
    expect(day.drift).toEqual(expected);
  });

  // Corrections and refusals are conditional on extraRequisitionId, as on baseRequisitionId.
  it("reports a ledger row that names the wrong model-extra requisition", async () => {
    // Prepare
    const sys = fakeSystem();
    await programmeYear(sys);
    const stray = randomUUID();
    sys.world.setAllocation({ ...rowOf(sys, K.lund), extraRequisitionId: stray });
    const { rows, submissions } = await records(sys);
    // Act
    const found = reconcile(programme, rows, submissions);
    // Assess
    expect(found).toEqual([expect.objectContaining({ kommunkod: K.lund, actual: stray })]);
  });

  // Stockholm lapses a krona more than it left unrequisitioned.
  it("reports a lapsed amount that does not add up with the allocation", async () => {
    // Prepare
    const sys = fakeSystem();
    await programmeYear(sys);
    const row = rowOf(sys, STOCKHOLM.kommunkod);
    sys.world.setAllocation({ ...row, lapsedAmount: (row.lapsedAmount ?? 0) + 1 });
    const { rows, submissions } = await records(sys);
    // Act
    const found = reconcile(programme, rows, submissions);
    // Assess
    expect(found).not.toEqual([]);
  });
});
