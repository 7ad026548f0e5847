/**
 * A whole programme year on the emulators, by moving the clock: an officer opens
 * skr-aldreomsorg-2022 (290 announcements), five municipalities requisition, the daily job
 * reminds only the other 285 (+ Borås for its model extra) at 30/14/3 days, twice on one day
 * without duplicates and once on catch-up, the deadline lapses the rest, reports come in (one
 * with unspent funds, one returned and corrected), the report deadline passes, and the overview
 * and the CSV export add up to the programme's 182 100 000 kr to the krona.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { outboxDeps, submissionDeps } from "../../shared/composition-root.ts";
import { seedRegistryAddress } from "../../shared/contacts/seed.ts";
import type { DailyReport } from "../../shared/deadlines/daily.ts";
import { sampleReport, sampleRequisition } from "../../shared/forms/index.ts";
import { dispatchMail } from "../../shared/mail/outbox.ts";
import { allocationFor } from "../../shared/programmes/catalogue.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { AllocationState } from "../../shared/submissions/model.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { ATTESTANT_SUBJECT } from "../helpers/four-eyes.ts";
import { payOverHttp, repayOverHttp } from "../helpers/four-eyes-http.ts";
import { call, smallPdf, startTestStack, uploadWith } from "../helpers/local-stack.ts";
import { type CapturedMail, clearMails, readMails } from "../helpers/mail.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const programme = seedProgramme(PROGRAMME) as Programme;
const TOTAL = 167_100_000 + 15_000_000;
const OFFICERS = "statsbidrag@kammarkollegiet.example";
const LUND = "1281"; // model municipality: base + extra, report with unspent funds
const MALMO = "1280"; // report returned and corrected
const VASBY = "0114"; // requisition returned and corrected with a lower amount (R2)
const BORAS = "1490"; // model municipality: base only, the extra lapses
const GOTEBORG = "1480"; // never reports: overdue, reminders, reclaim
const ACTING = [LUND, MALMO, VASBY, BORAS, GOTEBORG];
/**
 * The two steps that send ~290 and ~860 mails through the real dispatcher. About 10 s and 15 s on
 * an idle two-core machine (the file ≈ 40 s); the margin is for a machine busy with other suites.
 */
const HEAVY = 120_000;

let stack: LocalStack;
let officer: string;
let attestant: string;
/** The signed-in address of each municipality's user: mail about its submissions goes there first. */
const submitter = (kommunkod: string) => `handlaggare-${kommunkod}@kommun.example`;
const token = (kommunkod: string) => stack.issuer.mint({ kommunkod, email: submitter(kommunkod) });
const ledger = () => submissionDeps().submissions;
const registry = seedRegistryAddress;

/** The day the stack's clock shows; the daily runner and every handler read it on each call. */
function setToday(day: string): void {
  process.env.STATSBIDRAG_TODAY = day;
}

async function runDaily(day: string): Promise<DailyReport> {
  setToday(day);
  return stack.runDaily();
}

/**
 * Sends every due outbox mail with the real dispatcher, 25 at a time: a year holds ~1 200 mails,
 * and the stack's sweep (50 per run, one by one) would make this file several times slower.
 */
async function drainOutbox(): Promise<void> {
  const deps = outboxDeps();
  // A send the SES emulator hung up on waits for its retry (30 s on); the outbox would send it in
  // time, so the drain sends it now too instead of losing it from this step's count.
  const withRetries = () => new Date(deps.clock.now().getTime() + 24 * 3_600_000).toISOString();
  for (let round = 0; round < 50; round++) {
    const due = await deps.outbox.dueMails(withRetries(), 250);
    if (due.length === 0) return;
    for (let i = 0; i < due.length; i += 25) {
      await Promise.all(due.slice(i, i + 25).map((m) => dispatchMail(deps, m.id)));
    }
  }
}

let seen = 0;
/** Mails captured since the last call (the store is in arrival order). */
async function newMails(): Promise<CapturedMail[]> {
  await drainOutbox();
  const all = await readMails();
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh;
}

/**
 * The SES emulator (aws-ses-v2-local, v1 SendEmail) records only the first To address, so the
 * store shows each mail's first recipient; full recipient lists are read from the outbox items.
 */
const firstRecipients = (mails: CapturedMail[]) =>
  mails.map((m) => (m.destination.to[0] ?? "").toLowerCase());
const outboxTo = async (mailId: string) => (await outboxDeps().outbox.getMail(mailId))?.to;

interface Receipt {
  id: string;
  reference: string;
  status: string;
  upload: UploadSlot;
}

async function statusOf(id: string): Promise<string> {
  const res = await call<{ submission: { status: string } }>(stack, "GET", `/submissions/${id}`, {
    token: officer,
  });
  return res.body.submission.status;
}

/** Uploads the signed original and waits for the upload check to accept it. */
async function sign(receipt: Receipt): Promise<void> {
  expect(await uploadWith(receipt.upload, smallPdf(receipt.reference), "signed.pdf", "application/pdf")).toBe(
    204,
  );
  await waitFor(async () => (await statusOf(receipt.id)) === "received", 10_000);
}

async function requisition(
  kommunkod: string,
  day: string,
  options: { extra?: boolean; amount?: number } = {},
) {
  const form = sampleRequisition(programme, kommunkod, day);
  if (options.extra) {
    form.grant.kind = "model-extra";
    form.grant.amount = allocationFor(programme, kommunkod)?.modelExtra ?? 0;
  }
  if (options.amount !== undefined) form.grant.amount = options.amount;
  const res = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token: await token(kommunkod),
    body: form,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** What each municipality was paid, as the officers recorded it. */
const paidBy = { get: (kommunkod: string) => paidTotals.get(kommunkod) ?? 0 };
const paidTotals = new Map<string, number>();

/** Records the payment of every approved requisition of these municipalities, in full. */
async function payApproved(kommuner: readonly string[], day: string): Promise<void> {
  for (const kommunkod of kommuner) {
    const list = await call<{ submissions: { id: string; amount: number }[] }>(
      stack,
      "GET",
      `/programmes/${PROGRAMME}/submissions?kommun=${kommunkod}&status=approved&kind=requisition`,
      { token: officer },
    );
    for (const s of list.body.submissions) {
      const res = await payOverHttp(stack, { proposer: officer, attestant }, s.id, {
        paidOn: day,
        amount: s.amount,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    paidTotals.set(kommunkod, (await ledger().getAllocation(PROGRAMME, kommunkod))?.paid ?? 0);
  }
}

/** A report for what was paid; all spent unless `unspent` is given. */
function reportForm(kommunkod: string, day: string, state: AllocationState | undefined, unspent = 0) {
  const form = sampleReport(programme, kommunkod, day);
  const received = state?.paid ?? 0;
  const allocation = allocationFor(programme, kommunkod);
  form.grant.totalGrant = state?.extraRequisitionId
    ? (allocation?.amount ?? 0) + (allocation?.modelExtra ?? 0)
    : (allocation?.amount ?? 0);
  form.grant.totalPaid = received;
  form.accounting = { received, costs: received - unspent, unspent, surveyAnswered: true };
  return form;
}

async function decide(id: string, body: Record<string, unknown>) {
  return call<{ submission: { status: string } } & Record<string, unknown>>(
    stack,
    "POST",
    `/submissions/${id}/decision`,
    { token: officer, body },
  );
}

beforeAll(async () => {
  // Its own table in the shared DynamoDB Local: this year lapses nearly every right of the 2022
  // programme, which must not reach any other test file's ledger.
  await clearMails();
  stack = await startTestStack("2022-09-01", {
    tableName: "statsbidrag-test-programme-year",
    outboxIntervalMs: 60_000,
  });
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
  attestant = await stack.issuer.mint(ATTESTANT_SUBJECT);
});

afterAll(async () => {
  await stack?.stop();
  // ~1 200 mails would slow every later file's reads of the store, and a later file looking for
  // e.g. "SB-2022-1281-R1" must not find this year's.
  await clearMails();
});

const ids: Record<string, Receipt> = {};

describe("a programme year", () => {
  it(
    "opens the programme: one announcement per municipality with its own figures, once",
    async () => {
      // Prepare: a named contact for Lund in the register, next to the seeded registry address
      const contact = await call(stack, "PUT", `/contacts/${LUND}`, {
        token: officer,
        body: {
          registryEmail: registry(LUND),
          contact: { name: "Anna Andersson", email: "anna@lund.example" },
        },
      });
      const forbidden = await call(stack, "POST", `/programmes/${PROGRAMME}/open`, {
        token: await token(LUND),
      });
      // Act
      const first = await call<{ announced: number; opened: boolean }>(
        stack,
        "POST",
        `/programmes/${PROGRAMME}/open`,
        {
          token: officer,
        },
      );
      const again = await call<{ announced: number; alreadyAnnounced: number }>(
        stack,
        "POST",
        `/programmes/${PROGRAMME}/open`,
        { token: officer },
      );
      const mails = await newMails();
      // Assess
      expect(contact.status).toBe(200);
      expect(forbidden.status).toBe(403);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ opened: true, announced: 290 });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ announced: 0, alreadyAnnounced: 290 });
      const announcements = mails.filter((m) => m.subject.startsWith("Statsbidrag att rekvirera"));
      expect(announcements).toHaveLength(290);
      expect(new Set(firstRecipients(announcements)).size).toBe(290);
      expect(await outboxTo(`announcement-${PROGRAMME}-${LUND}-0`)).toEqual([
        registry(LUND),
        "anna@lund.example",
      ]);
      const lund = announcements.find((m) => m.destination.to[0] === registry(LUND));
      expect(lund?.body.text).toContain("1 530 608 kr");
      expect(lund?.body.text).toContain("1 500 000 kr");
      expect(lund?.body.text).toContain("Sista dag för rekvisition: 2022-12-01");
      expect(lund?.body.text).toContain("Rätten till bidraget förfaller");
    },
    HEAVY,
  );

  it("takes requisitions; an officer approves, returns one, and the correction replaces it as R2", async () => {
    // Prepare
    const day = "2022-10-10";
    setToday(day);
    const vasby = allocationFor(programme, VASBY)?.amount ?? 0;
    // Act
    ids.lund = await requisition(LUND, day);
    ids.lundExtra = await requisition(LUND, day, { extra: true });
    ids.malmo = await requisition(MALMO, day);
    ids.vasby = await requisition(VASBY, day);
    ids.boras = await requisition(BORAS, day);
    ids.goteborg = await requisition(GOTEBORG, day);
    for (const r of Object.values(ids)) await sign(r);
    const early = await decide(ids.lund?.id ?? "", { decision: "approve" });
    const returned = await decide(ids.vasby?.id ?? "", {
      decision: "return",
      reason: "Beloppet stämmer inte med nämndens beslut.",
      requestedAttachment: "original",
    });
    const twice = await decide(ids.vasby?.id ?? "", { decision: "approve" });
    const lower = sampleRequisition(programme, VASBY, day);
    lower.grant.amount = vasby - 42_000;
    const correction = await call<Receipt & { replaces: string }>(
      stack,
      "POST",
      `/submissions/${ids.vasby?.id}/corrections`,
      { token: await token(VASBY), body: lower },
    );
    const secondCorrection = await call(stack, "POST", `/submissions/${ids.vasby?.id}/corrections`, {
      token: await token(VASBY),
      body: sampleRequisition(programme, VASBY, day),
    });
    await sign(correction.body);
    // Göteborg's stays undecided for now: the officers' digest will list it.
    for (const key of ["lundExtra", "malmo", "boras"])
      await decide(ids[key]?.id ?? "", { decision: "approve" });
    await decide(correction.body.id, { decision: "approve" });
    const paid = await payOverHttp(stack, { proposer: officer, attestant }, ids.lund?.id ?? "", {
      paidOn: "2022-10-10",
      amount: 1_530_608,
    });
    const paidTwice = await call(stack, "POST", `/submissions/${ids.lund?.id}/payment`, {
      token: officer,
      body: { paidOn: "2022-10-10", amount: 1_530_608 },
    });
    const mails = await newMails();
    // Assess
    expect(early.body.submission.status).toBe("approved");
    expect(returned.body.submission.status).toBe("returned");
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("NOT_DECIDABLE");
    expect(correction.status, JSON.stringify(correction.body)).toBe(201);
    expect(correction.body.reference).toBe("SB-2022-0114-R2");
    expect(correction.body.replaces).toBe(ids.vasby?.id);
    expect(secondCorrection.status).toBe(409);
    expect(secondCorrection.body.code).toBe("ALREADY_REPLACED");
    const state = await ledger().getAllocation(PROGRAMME, VASBY);
    expect(state).toMatchObject({
      requisitioned: vasby - 42_000,
      remaining: 42_000,
      baseRequisitionId: correction.body.id,
    });
    const returnMail = mails.find((m) => m.subject.startsWith("Återsänd för komplettering"));
    expect(returnMail?.body.text).toContain("Beloppet stämmer inte med nämndens beslut.");
    // To the person who submitted, never to the form's free-text e-mail.
    expect(returnMail?.destination.to[0]).toBe(submitter(VASBY));
    expect(paid.status).toBe(200);
    expect(paidTwice.body.code).toBe("PAYMENT_ALREADY_RECORDED");
    const detail = await call<{
      originalDownload: { url: string };
      audit: { action: string; actor: { sub: string } }[];
    }>(stack, "GET", `/submissions/${ids.lund?.id}`, { token: officer });
    const download = await fetch(detail.body.originalDownload.url);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(smallPdf(ids.lund?.reference));
    expect(detail.body.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "requisition.submitted",
        "upload.accepted",
        "submission.approved",
        "payment.proposed",
        "payment.attested",
      ]),
    );
  });

  it("lists and pages a programme's submissions for officers", async () => {
    // Act
    const page1 = await call<{ submissions: { kommunkod: string }[]; nextCursor?: string }>(
      stack,
      "GET",
      `/programmes/${PROGRAMME}/submissions?status=approved&kind=requisition&limit=3`,
      { token: officer },
    );
    const page2 = await call<{ submissions: { kommunkod: string }[]; nextCursor?: string }>(
      stack,
      "GET",
      `/programmes/${PROGRAMME}/submissions?status=approved&kind=requisition&limit=3&cursor=${page1.body.nextCursor}`,
      { token: officer },
    );
    const lund = await call<{ submissions: unknown[] }>(
      stack,
      "GET",
      `/programmes/${PROGRAMME}/submissions?kommun=${LUND}`,
      {
        token: officer,
      },
    );
    const bad = await call(stack, "GET", `/programmes/${PROGRAMME}/submissions?limit=0`, { token: officer });
    const forged = await call(stack, "GET", `/programmes/${PROGRAMME}/submissions?cursor=bm9wZQ`, {
      token: officer,
    });
    const notOfficer = await call(stack, "GET", `/programmes/${PROGRAMME}/submissions`, {
      token: await token(LUND),
    });
    // Assess: four approved requisitions (Lund's base share is paid by now, so no longer "approved").
    expect(page1.body.submissions).toHaveLength(3);
    expect(page2.body.submissions).toHaveLength(1);
    expect(page2.body.nextCursor).toBeUndefined();
    expect(new Set([...page1.body.submissions, ...page2.body.submissions].map((s) => s.kommunkod)).size).toBe(
      4,
    );
    expect(lund.body.submissions).toHaveLength(2);
    expect(bad.status).toBe(400);
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe("INVALID_CURSOR");
    expect(notOfficer.status).toBe(403);
  });

  it(
    "reminds only the municipalities still outstanding, at 30, 14 (caught up) and 3 days, never twice",
    async () => {
      // Act
      const thirty = await runDaily("2022-11-01");
      const rerun = await runDaily("2022-11-01");
      const atThirty = await newMails();
      await decide(ids.goteborg?.id ?? "", { decision: "approve" });
      const caughtUp = await runDaily("2022-11-20"); // the job did not run on 17 November
      const atFourteen = await newMails();
      const three = await runDaily("2022-11-29");
      const atThree = await newMails();
      // Assess
      const outstanding = programme.allocations
        .map((a) => a.kommunkod)
        .filter((k) => !ACTING.includes(k) || k === BORAS);
      // Every outstanding municipality's registry address comes first.
      const expected = new Set(outstanding.map(registry));
      for (const [report, mails] of [
        [thirty, atThirty],
        [caughtUp, atFourteen],
        [three, atThree],
      ] as const) {
        expect(report.programmes[0]?.reminders).toBe(286);
        const reminders = mails.filter((m) => m.subject.startsWith("Påminnelse: sista dag att rekvirera"));
        expect(reminders).toHaveLength(286);
        expect(new Set(firstRecipients(reminders))).toEqual(expected);
      }
      expect(rerun.programmes[0]?.reminders).toBe(0);
      const digests = atThirty.filter((m) => m.subject.startsWith("Dagens sammanställning"));
      expect(digests).toHaveLength(1);
      expect(digests[0]?.body.text).toContain("Nya inlämningar att granska (1; totalt 1 ej beslutade)");
      expect(digests[0]?.body.text).toContain("Göteborg (1480) · SB-2022-1480-R1");
      expect(atFourteen.some((m) => m.subject.startsWith("Dagens sammanställning"))).toBe(false);
      // Borås's latest submitter (the signed-in address) is added to its registry address.
      expect(await outboxTo(`requisition-${PROGRAMME}-${BORAS}-30`)).toEqual([
        registry(BORAS),
        submitter(BORAS),
      ]);
      expect(atThirty.find((m) => m.destination.to.includes(registry(BORAS)))?.body.text).toContain(
        "Ej rekvirerat, extra medel som modellkommun: 1 500 000 kr",
      );
      expect(atFourteen[0]?.body.text).toContain("om 11 dagar");
      expect(atThree[0]?.body.text).toContain("om 2 dagar");
    },
    HEAVY,
  );

  it("lapses every unrequisitioned right the day after the deadline and tells the officers once", async () => {
    // Act
    const day = await runDaily("2022-12-02");
    const rerun = await runDaily("2022-12-02");
    const mails = await newMails();
    const late = await call(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
      token: await token("0180"),
      body: sampleRequisition(programme, "0180", "2022-12-01"),
    });
    const overview = await call<Record<string, { amount: number; municipalities: number }>>(
      stack,
      "GET",
      `/programmes/${PROGRAMME}/overview`,
      { token: officer },
    );
    // Assess
    expect(day.programmes[0]).toMatchObject({ reminders: 0, lapsed: 287, digest: true });
    expect(rerun.programmes[0]).toMatchObject({ lapsed: 0, digest: false });
    const digests = mails.filter((m) => m.subject.startsWith("Dagens sammanställning 2022-12-02"));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.destination.to).toEqual([OFFICERS]);
    expect(digests[0]?.body.text).toContain("Summa förfallet:");
    expect(digests[0]?.body.text).toContain("Rätten till bidraget har förfallit (287 kommuner)");
    expect(digests[0]?.body.text).toContain("Borås (1490) · 1 500 000 kr · ej rekvirerad del");
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("DEADLINE_PASSED");
    expect(overview.body.notYetRequisitioned).toEqual({ amount: 0, municipalities: 0 });
    expect((overview.body.requisitioned?.amount ?? 0) + (overview.body.lapsed?.amount ?? 0)).toBe(TOTAL);
    expect((await ledger().getAllocation(PROGRAMME, "0180"))?.lapsed).toBe(true);
  });

  it("takes reports: one with unspent funds, one returned and corrected; reminds the rest", async () => {
    // Prepare
    const reminders = await runDaily("2023-03-01");
    const remindMails = await newMails();
    const day = "2023-03-10";
    setToday(day);
    const store = ledger();
    // A report accounts for what was paid: the agency pays every approved requisition first.
    await payApproved([LUND, MALMO, VASBY, BORAS], day);
    const submitReport = async (kommunkod: string, unspent = 0) => {
      const res = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/reports`, {
        token: await token(kommunkod),
        body: reportForm(kommunkod, day, await store.getAllocation(PROGRAMME, kommunkod), unspent),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await sign(res.body);
      return res.body;
    };
    // Act
    const lund = await submitReport(LUND, 100_000);
    const malmo = await submitReport(MALMO);
    const vasby = await submitReport(VASBY);
    const boras = await submitReport(BORAS);
    await decide(malmo.id, {
      decision: "return",
      reason: "Kostnaderna saknar specifikation.",
      requestedAttachment: "bank-statement",
    });
    const corrected = await call<Receipt>(stack, "POST", `/submissions/${malmo.id}/corrections`, {
      token: await token(MALMO),
      body: reportForm(MALMO, day, await store.getAllocation(PROGRAMME, MALMO)),
    });
    await sign(corrected.body);
    for (const r of [lund, vasby, boras, corrected.body]) await decide(r.id, { decision: "approve" });
    setToday("2023-03-30");
    const repaid = await repayOverHttp(
      stack,
      { proposer: officer, attestant },
      PROGRAMME,
      { kommunkod: LUND, amount: 40_000, date: "2023-03-30" },
      { "idempotency-key": "lund-repay-1" },
    );
    const replay = await call(stack, "POST", `/programmes/${PROGRAMME}/repayments`, {
      token: officer,
      body: { kommunkod: LUND, amount: 40_000, date: "2023-03-30" },
      headers: { "idempotency-key": "lund-repay-1" },
    });
    const tooMuch = await call(stack, "POST", `/programmes/${PROGRAMME}/repayments`, {
      token: officer,
      body: { kommunkod: LUND, amount: 5_000_000, date: "2023-03-30" },
    });
    // Assess
    expect(reminders.programmes[0]?.reminders).toBe(5);
    const reportReminders = remindMails.filter((m) =>
      m.subject.startsWith("Påminnelse: ekonomisk redovisning"),
    );
    expect(reportReminders).toHaveLength(5);
    expect(await outboxTo(`report-${PROGRAMME}-${LUND}-30`)).toEqual([
      registry(LUND),
      "anna@lund.example",
      submitter(LUND),
    ]);
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body.reference).toBe("SB-2022-1280-E2");
    expect((await store.getAllocation(PROGRAMME, MALMO))?.reportId).toBe(corrected.body.id);
    expect((await store.getAllocation(PROGRAMME, LUND))?.repaymentDue).toBe(100_000);
    expect(repaid.status).toBe(200);
    expect(repaid.body).toMatchObject({ repaid: 40_000, outstanding: 60_000 });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe("REPAYMENT_EXCEEDS_DUE");
  });

  it("marks the missing report overdue, keeps reminding, then lists it for reclaim", async () => {
    // Act
    const dayAfter = await runDaily("2023-04-01");
    const week = await runDaily("2023-04-07");
    const weekAgain = await runDaily("2023-04-07");
    const reclaim = await runDaily("2023-05-01");
    const mails = await newMails();
    // Assess
    expect(dayAfter.programmes[0]).toMatchObject({ reportOverdue: 1, repaymentOverdue: 1, digest: true });
    expect(week.programmes[0]?.reminders).toBe(1);
    expect(weekAgain.programmes[0]?.reminders).toBe(0);
    expect(reclaim.programmes[0]).toMatchObject({ reclaims: 1, digest: true });
    const overdue = mails.filter((m) => m.subject.startsWith("Försenad ekonomisk redovisning"));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.destination.to[0]).toBe(registry(GOTEBORG));
    expect(overdue[0]?.body.text).toContain("kan regeringen återkräva stödet");
    const digest = mails.find((m) => m.subject.startsWith("Dagens sammanställning 2023-04-01"));
    expect(digest?.body.text).toContain("Ekonomisk redovisning försenad (1 kommuner)");
    expect(digest?.body.text).toContain("Återbetalning försenad (1 kommuner)");
    expect(digest?.body.text).toContain("Lund (1281) · 60 000 kr");
    expect(mails.find((m) => m.subject.startsWith("Dagens sammanställning 2023-05-01"))?.body.text).toContain(
      "Listade för återkrav (1 kommuner)",
    );
  });

  it("adds up, in the overview and in the CSV export, to the programme total to the krona", async () => {
    // Act
    const res = await call<
      Record<string, { amount: number; municipalities: number }> & { balanced: boolean }
    >(stack, "GET", `/programmes/${PROGRAMME}/overview`, { token: officer });
    const csvRes = await fetch(`${stack.apiUrl}/programmes/${PROGRAMME}/export.csv?lang=en`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    // Response.text() would drop the BOM, so decode without it and look at the bytes.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    // Assess: the overview
    const o = res.body;
    expect(o.allocated).toMatchObject({ amount: TOTAL, municipalities: 290 });
    expect(
      (o.requisitioned?.amount ?? 0) + (o.lapsed?.amount ?? 0) + (o.notYetRequisitioned?.amount ?? 0),
    ).toBe(TOTAL);
    expect(o.requisitioned?.municipalities).toBe(5);
    expect(o.lapsed?.municipalities).toBe(287);
    const paidAll = [LUND, MALMO, VASBY, BORAS].reduce((sum, k) => sum + paidBy.get(k), 0);
    expect(o.paid).toEqual({ amount: paidAll, municipalities: 4 });
    expect(o.reported?.municipalities).toBe(4);
    expect(o.unspent).toEqual({ amount: 100_000, municipalities: 1 });
    expect(o.repaymentDue).toMatchObject({ amount: 60_000, municipalities: 1 });
    expect(o.repaid).toEqual({ amount: 40_000, municipalities: 1 });
    expect(o.balanced).toBe(true);
    // Assess: the CSV
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.startsWith("\uFEFFkommunkod;kommun;recipientKind;allocation;modelExtra;")).toBe(true);
    const [header, ...lines] = csv.slice(1).trimEnd().split("\r\n");
    const columns = (header ?? "").split(";");
    const rows = lines.map((l) => Object.fromEntries(l.split(";").map((v, i) => [columns[i], v])));
    const sum = (name: string) => rows.reduce((s, r) => s + Number(r[name] || 0), 0);
    expect(rows).toHaveLength(290);
    expect(sum("allocation") + sum("modelExtra")).toBe(TOTAL);
    expect(
      sum("requisitioned") + sum("modelExtraRequisitioned") + sum("lapsed") + sum("notYetRequisitioned"),
    ).toBe(TOTAL);
    expect(sum("requisitioned") + sum("modelExtraRequisitioned")).toBe(o.requisitioned?.amount);
    expect(rows.find((r) => r.kommunkod === LUND)).toMatchObject({
      requisitionReference: "SB-2022-1281-R1",
      modelExtraReference: "SB-2022-1281-M1",
      paid: String(paidBy.get(LUND)),
      paidOn: "2023-03-10",
      paidFromAppropriation: "UO 9 anslag 4:5 ap. 8 Utvecklingsmedel - Kammarkollegiet",
      reportReference: "SB-2022-1281-E1",
      unspent: "100000",
      repaid: "40000",
      repaymentOutstanding: "60000",
      repaymentDueBy: "2023-03-31",
      status: "repayment-overdue",
    });
    expect(rows.find((r) => r.kommunkod === VASBY)?.requisitionReference).toBe("SB-2022-0114-R2");
    expect(rows.find((r) => r.kommunkod === GOTEBORG)?.status).toBe("reclaim-listed");
    expect(rows.find((r) => r.kommunkod === "0180")).toMatchObject({
      status: "lapsed",
      lapsedOn: "2022-12-02",
    });
  });
});
