/**
 * Hostile money: reports that claim other sums than the agency paid, payments beyond what was
 * approved or twice, repayments beyond what is due. A payment is the approved → paid transition
 * (at most the approved amount, once); a report's grant.totalPaid and accounting.received must be
 * the payments on record (400 TOTAL_PAID_NOT_AS_RECORDED / RECEIVED_NOT_AS_RECORDED), and before
 * any payment a report is 409 PAYMENT_NOT_RECORDED; what is due back is computed, paid − costs.
 * Every refusal gets the right 4xx, never a 5xx, and stores nothing. Shared machinery:
 * test/fixtures/hostile/harness.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleReport } from "../../shared/forms/index.ts";
import type { ReportForm } from "../../shared/forms/schema.ts";
import {
  allocationRow,
  type Case,
  decide,
  detailOf,
  expectRefusedAndNothingStored,
  ids,
  invalid,
  PROGRAMME,
  pay,
  programme,
  REPORTS,
  receivedRequisition,
  requisition,
  sendJson,
  signIn,
  startHostileStack,
  stopHostileStack,
  TODAY,
} from "../fixtures/hostile/harness.ts";

/** Municipalities without a model extra: a base requisition is the whole grant. */
const PAID = "0481"; // approved and paid in full
const PART_PAID = "0117"; // approved, paid 100 000 kr less than approved
const APPROVED = "0482"; // approved, not paid
const RECEIVED = "0114"; // original received, not decided
const AWAITING = "0115"; // requisitioned, original not yet received
const REPORTED = "0120"; // paid, and a report with unspent funds taken
const NOTHING = "0123"; // no requisition at all
const RECONCILED = "0125"; // paid; its report is the accepted case below
const SHORT = 100_000;

const allocationOf = (k: string) => programme.allocations.find((a) => a.kommunkod === k)?.amount ?? 0;

/** A report for `k` saying it was paid and received `paid` kr and spent `costs` of it. */
function reportOf(k: string, paid: number, costs: number = Math.round(paid * 0.9)): ReportForm {
  const form = sampleReport(programme, k, TODAY);
  form.grant.totalPaid = paid;
  form.accounting = { ...form.accounting, received: paid, costs, unspent: Math.max(0, paid - costs) };
  return form;
}

/** Both sums the report states must be the payments on record. */
const bothAsRecorded = (res: { body: Record<string, unknown> }) =>
  expect(res.body.errors).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: "grant.totalPaid", code: "TOTAL_PAID_NOT_AS_RECORDED" }),
      expect.objectContaining({ path: "accounting.received", code: "RECEIVED_NOT_AS_RECORDED" }),
    ]),
  );

const MONEY: Case[] = [
  {
    name: "a report claiming 0 kr paid after a payment",
    method: "POST",
    path: REPORTS,
    auth: PAID,
    json: reportOf(PAID, 0, 0),
    ...invalid("grant.totalPaid", "TOTAL_PAID_NOT_AS_RECORDED"),
    check: bothAsRecorded,
  },
  {
    name: "a report claiming 1 kr more than was paid",
    method: "POST",
    path: REPORTS,
    auth: PAID,
    json: reportOf(PAID, allocationOf(PAID) + 1),
    ...invalid("grant.totalPaid", "TOTAL_PAID_NOT_AS_RECORDED"),
  },
  {
    name: "a report claiming the approved amount when less was paid",
    method: "POST",
    path: REPORTS,
    auth: PART_PAID,
    json: reportOf(PART_PAID, allocationOf(PART_PAID)),
    ...invalid("grant.totalPaid", "TOTAL_PAID_NOT_AS_RECORDED"),
    check: bothAsRecorded,
  },
  {
    name: "a report that states what was paid but keeps unspent funds out of its sum",
    method: "POST",
    path: REPORTS,
    auth: PAID,
    json: (() => {
      const form = reportOf(PAID, allocationOf(PAID));
      form.accounting.unspent = 0;
      return form;
    })(),
    ...invalid("accounting.unspent", "UNSPENT_MISMATCH"),
  },
  {
    name: "a report before the original of the requisition was received (no payment recorded)",
    method: "POST",
    path: REPORTS,
    auth: AWAITING,
    json: reportOf(AWAITING, allocationOf(AWAITING)),
    status: 409,
    code: "PAYMENT_NOT_RECORDED",
  },
  {
    name: "a report on an approved requisition the agency has not paid",
    method: "POST",
    path: REPORTS,
    auth: APPROVED,
    json: reportOf(APPROVED, allocationOf(APPROVED)),
    status: 409,
    code: "PAYMENT_NOT_RECORDED",
  },
  {
    name: "a report claiming 0 kr paid before any payment",
    method: "POST",
    path: REPORTS,
    auth: APPROVED,
    json: reportOf(APPROVED, 0, 0),
    status: 409,
    code: "PAYMENT_NOT_RECORDED",
  },
  {
    name: "a report without any requisition",
    method: "POST",
    path: REPORTS,
    auth: NOTHING,
    json: reportOf(NOTHING, allocationOf(NOTHING)),
    status: 409,
    code: "REQUISITION_REQUIRED",
  },
  {
    name: "a second report once one was taken",
    method: "POST",
    path: REPORTS,
    auth: REPORTED,
    json: reportOf(REPORTED, allocationOf(REPORTED)),
    status: 409,
    code: "ALREADY_REPORTED",
  },
  {
    name: "a payment 1 kr above the approved amount",
    method: "POST",
    path: "/submissions/{approved}/payment",
    auth: "officer",
    json: { paidOn: TODAY, amount: allocationOf(APPROVED) + 1 },
    ...invalid("amount", "AMOUNT_EXCEEDS_REQUISITION"),
  },
  {
    name: "a second payment on a paid requisition",
    method: "POST",
    path: "/submissions/{paid}/payment",
    auth: "officer",
    json: { paidOn: TODAY, amount: 1 },
    status: 409,
    code: "PAYMENT_ALREADY_RECORDED",
  },
  {
    name: "a payment on a requisition that is received but not approved",
    method: "POST",
    path: "/submissions/{received}/payment",
    auth: "officer",
    json: { paidOn: TODAY, amount: 1 },
    status: 409,
    code: "PAYMENT_NOT_ALLOWED",
  },
  {
    name: "a payment dated tomorrow",
    method: "POST",
    path: "/submissions/{approved}/payment",
    auth: "officer",
    json: { paidOn: "2022-11-21", amount: 1 },
    ...invalid("paidOn", "DATE_IN_FUTURE"),
  },
  ...[0, -1, 0.5, "1000", 1e13].map((amount) => ({
    name: `a payment of ${JSON.stringify(amount)}`,
    method: "POST",
    path: "/submissions/{approved}/payment",
    auth: "officer",
    json: { paidOn: TODAY, amount },
    ...invalid("amount", "INVALID_FIELD"),
  })),
  {
    name: "a repayment 1 kr above what the report left due",
    method: "POST",
    path: `/programmes/${PROGRAMME}/repayments`,
    auth: "officer",
    json: {
      kommunkod: REPORTED,
      amount: allocationOf(REPORTED) - Math.round(allocationOf(REPORTED) * 0.9) + 1,
      date: TODAY,
    },
    status: 409,
    code: "REPAYMENT_EXCEEDS_DUE",
  },
  {
    name: "a repayment from a municipality that was paid but owes nothing yet",
    method: "POST",
    path: `/programmes/${PROGRAMME}/repayments`,
    auth: "officer",
    json: { kommunkod: PAID, amount: 1, date: TODAY },
    status: 409,
    code: "NOTHING_TO_REPAY",
  },
];

/** Received, approved and paid `amount` (default: all that was approved). */
async function paid(k: string, amount = allocationOf(k)): Promise<string> {
  const { id } = await receivedRequisition(k);
  await decide(id, { decision: "approve" });
  await pay(id, amount);
  return id;
}

beforeAll(async () => {
  await startHostileStack("money");
  ids.set("paid", await paid(PAID));
  await paid(PART_PAID, allocationOf(PART_PAID) - SHORT);
  const approved = await receivedRequisition(APPROVED);
  await decide(approved.id, { decision: "approve" });
  ids.set("approved", approved.id);
  ids.set("received", (await receivedRequisition(RECEIVED)).id);
  await requisition(AWAITING);
  await paid(REPORTED);
  const report = await sendJson(REPORTED, "POST", REPORTS, reportOf(REPORTED, allocationOf(REPORTED)));
  if (report.status !== 201) throw new Error(`report ${REPORTED}: ${report.status} ${report.text}`);
  await signIn({ kommunkod: NOTHING });
  await paid(RECONCILED);
}, 60_000);

afterAll(stopHostileStack);

describe(`hostile money (${MONEY.length} cases): the right 4xx, no 5xx, nothing stored`, () => {
  it.each(MONEY)("$name → $status", async (c) => {
    await expectRefusedAndNothingStored(c, { auth: PAID, kommun: PAID });
  });

  it("leaves the paid requisition paid once, with the amount the officer recorded", async () => {
    // Prepare: the cases above tried to pay it again.
    // Act
    const detail = await detailOf(PAID, ids.get("paid") ?? "");
    const row = await allocationRow(PAID);
    // Assess
    expect(detail.submission.status).toBe("paid");
    expect(detail.submission.payment?.amount).toBe(allocationOf(PAID));
    expect(row?.paid?.N).toBe(String(allocationOf(PAID)));
    expect(row?.reportId).toBeUndefined();
  });
});

describe("a report that states what was paid", () => {
  it("is taken, and what is due back is the server's sum: paid − costs", async () => {
    // Prepare: paid in full; the report spends 60 % of it.
    const paidAmount = allocationOf(RECONCILED);
    const costs = Math.round(paidAmount * 0.6);

    // Act
    const res = await sendJson(RECONCILED, "POST", REPORTS, reportOf(RECONCILED, paidAmount, costs));

    // Assess
    expect(res.status, res.text).toBe(201);
    const row = await allocationRow(RECONCILED);
    expect(row?.repaymentDue?.N).toBe(String(paidAmount - costs));
    expect(row?.reportId?.S).toBe(res.body.id);
    const report = await detailOf(RECONCILED, res.body.id as string);
    expect(report.submission.unspent).toBe(paidAmount - costs);
  });
});
