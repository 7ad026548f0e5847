import { beforeAll, describe, expect, it } from "vitest";
import { sampleReport, sampleRequisition } from "../../../shared/forms/samples.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { submitCorrection } from "../../../shared/submissions/corrections.ts";
import { requestUpload } from "../../../shared/submissions/request-upload.ts";
import { recordScanVerdict } from "../../../shared/submissions/scan-verdict.ts";
import { submitReport, submitRequisition } from "../../../shared/submissions/submit.ts";
import { checkUpload } from "../../../shared/submissions/upload-check.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { payWithFourEyes, repayWithFourEyes } from "../../helpers/four-eyes.ts";

const LUND = {
  kind: "municipality" as const,
  sub: "user-lund",
  kommunkod: "1281",
  email: "ekonomi@lund.example",
  roles: ["preparer", "signatory", "certifier"] as const,
  name: "Eva Ekström",
  title: "Ekonomichef",
};
const MALMO = {
  kind: "municipality" as const,
  sub: "user-malmo",
  kommunkod: "1280",
  email: "ekonomi@malmo.example",
  roles: ["preparer", "signatory", "certifier"] as const,
  name: "Eva Ekström",
  title: "Ekonomichef",
};
const OFFICER = {
  kind: "officer" as const,
  sub: "officer-1",
  email: "handlaggare@kammarkollegiet.example",
  agency: "kammarkollegiet",
};
const PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";
const HTML = "<html><script>alert(1)</script></html>";

let programme: Programme;

beforeAll(() => {
  silenceLogs();
  const found = seedProgramme("skr-aldreomsorg-2022");
  if (!found) throw new Error("programme data missing");
  programme = found;
});

/** Uploads `body` to the slot and delivers the S3 event and the malware verdict, as AWS would. */
async function upload(sys: FakeSystem, key: string, body: string, verdict = "NO_THREATS_FOUND" as const) {
  const version = sys.files.upload(key, body);
  const checked = await checkUpload(sys.uploadCheckDeps, { key, etag: version.etag });
  const scanned = await recordScanVerdict(sys.uploadCheckDeps, { key, etag: version.etag, result: verdict });
  return { checked, scanned, version };
}

/** Lund's base requisition, received with its signed original. */
async function receivedRequisition(sys: FakeSystem) {
  const { receipt } = await submitRequisition(
    sys.submissionDeps,
    LUND,
    programme.id,
    sampleRequisition(programme, "1281"),
  );
  const key = sys.files.presigned.at(-1)?.key ?? "";
  await upload(sys, key, PDF);
  return { id: receipt.id, key };
}

/** The error a call ends with (undefined if it succeeded), caught at once so none is left unhandled. */
const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (error: unknown) => error,
  );

const status = async (sys: FakeSystem, id: string) => (await sys.submissions.getSubmission(id))?.status;

describe("the lifecycle holds against stale slots, replays and replaced versions", () => {
  it("accepts an original only after the malware verdict for the very version checked", async () => {
    // Prepare
    const sys = fakeSystem();
    const { receipt } = await submitRequisition(
      sys.submissionDeps,
      LUND,
      programme.id,
      sampleRequisition(programme, "1281"),
    );
    const key = sys.files.presigned.at(-1)?.key ?? "";
    // Act
    const version = sys.files.upload(key, PDF);
    const checked = await checkUpload(sys.uploadCheckDeps, { key, etag: version.etag });
    const waiting = await status(sys, receipt.id);
    const scanned = await recordScanVerdict(sys.uploadCheckDeps, {
      key,
      etag: version.etag,
      result: "NO_THREATS_FOUND",
    });
    // Assess
    expect(checked).toBe("scanning");
    expect(waiting).toBe("awaiting-original");
    expect(scanned).toBe("accepted");
    expect(await status(sys, receipt.id)).toBe("received");
    const record = [...sys.files.objects.keys()].find((k) => k.startsWith("records/"));
    expect(Buffer.from(sys.files.objects.get(record ?? "")?.bytes ?? []).toString("latin1")).toBe(PDF);
  });

  it("never accepts without a clean verdict: THREATS_FOUND and FAILED refuse and quarantine", async () => {
    // Prepare
    const sys = fakeSystem();
    const { receipt } = await submitRequisition(
      sys.submissionDeps,
      LUND,
      programme.id,
      sampleRequisition(programme, "1281"),
    );
    const key = sys.files.presigned.at(-1)?.key ?? "";
    // Act
    const { scanned } = await upload(sys, key, PDF, "THREATS_FOUND" as "NO_THREATS_FOUND");
    // Assess
    expect(scanned).toBe("refused");
    expect(await status(sys, receipt.id)).toBe("original-rejected");
    expect([...sys.files.objects.keys()].some((k) => k.startsWith("quarantine/"))).toBe(true);
    expect([...sys.files.objects.keys()].some((k) => k.startsWith("records/"))).toBe(false);
  });

  it("a stale slot cannot undo an approval or swap the reviewed document after payment", async () => {
    // Prepare: Lund holds two slots; the newer one's original is approved and paid.
    const sys = fakeSystem();
    const { receipt } = await submitRequisition(
      sys.submissionDeps,
      LUND,
      programme.id,
      sampleRequisition(programme, "1281"),
    );
    const stale = sys.files.presigned.at(-1)?.key ?? "";
    await requestUpload(sys.submissionDeps, LUND, receipt.id, "original");
    const current = sys.files.presigned.at(-1)?.key ?? "";
    await upload(sys, current, PDF);
    await decide(sys.officerDeps, OFFICER, receipt.id, { decision: "approve" });
    await payWithFourEyes(sys.officerDeps, OFFICER, receipt.id, { paidOn: "2022-06-01", amount: 1_530_608 });
    const before = await sys.submissions.getSubmission(receipt.id);
    // Act: a file (good or junk) lands in the stale slot.
    const good = await upload(sys, stale, `${PDF}another`);
    const junk = await upload(sys, stale, HTML);
    // Assess: quarantined, nothing about the submission changed.
    expect(good.checked).toBe("quarantined");
    expect(junk.checked).toBe("quarantined");
    const after = await sys.submissions.getSubmission(receipt.id);
    expect(after?.status).toBe("paid");
    expect(after?.original).toEqual(before?.original);
    expect(after?.revision).toBe(before?.revision);
  });

  it("a replayed upload to a used slot is quarantined and the record keeps the checked bytes", async () => {
    // Prepare
    const sys = fakeSystem();
    const { id, key } = await receivedRequisition(sys);
    // Act
    const replay = await upload(sys, key, HTML);
    // Assess
    expect(replay.checked).toBe("quarantined");
    expect(await status(sys, id)).toBe("received");
    const record = [...sys.files.objects].find(([k]) => k.startsWith("records/"))?.[1];
    expect(Buffer.from(record?.bytes ?? []).toString("latin1")).toBe(PDF);
  });

  it("a replaced version never comes back: a stale upload to it is quarantined, decisions and payments refuse it", async () => {
    // Prepare: R1 returned and corrected as R2 (with R1's slot still in the municipality's hands).
    const sys = fakeSystem();
    const { id: r1 } = await receivedRequisition(sys);
    await requestUpload(sys.submissionDeps, LUND, r1, "original").catch(() => undefined);
    await decide(sys.officerDeps, OFFICER, r1, { decision: "return", reason: "Beloppet stämmer inte." });
    const r2 = await submitCorrection(sys.submissionDeps, LUND, r1, {
      ...sampleRequisition(programme, "1281"),
      grant: { ...sampleRequisition(programme, "1281").grant, amount: 100_000 },
    });
    const r1Slots = [...sys.world.attachments.values()].filter((a) => a.submissionId === r1);
    // Act
    const stale = await Promise.all(r1Slots.map((a) => upload(sys, a.key, PDF)));
    const approve = failure(decide(sys.officerDeps, OFFICER, r1, { decision: "approve" }));
    const pay = failure(
      payWithFourEyes(sys.officerDeps, OFFICER, r1, { paidOn: "2022-06-01", amount: 100_000 }),
    );
    // Assess
    expect(stale.every((s) => s.checked !== "accepted" && s.scanned !== "accepted")).toBe(true);
    expect(await status(sys, r1)).toBe("replaced");
    expect(await approve).toMatchObject({ code: "NOT_DECIDABLE" });
    expect(await pay).toMatchObject({ code: "PAYMENT_NOT_ALLOWED" });
    expect(await status(sys, r2.id)).toBe("awaiting-original");
    const row = await sys.submissions.getAllocation(programme.id, "1281");
    expect(row?.requisitioned).toBe(100_000);
    expect(row?.baseRequisitionId).toBe(r2.id);
  });

  it("a payment is made once, on an approved requisition, never above the approved amount", async () => {
    // Prepare
    const sys = fakeSystem();
    const { id } = await receivedRequisition(sys);
    const early = failure(payWithFourEyes(sys.officerDeps, OFFICER, id, { paidOn: "2022-06-01", amount: 1 }));
    expect(await early).toMatchObject({ code: "PAYMENT_NOT_ALLOWED" });
    await decide(sys.officerDeps, OFFICER, id, { decision: "approve" });
    // Act
    const tooMuch = failure(
      payWithFourEyes(sys.officerDeps, OFFICER, id, { paidOn: "2022-06-01", amount: 1_530_609 }),
    );
    const [first, second] = await Promise.allSettled([
      payWithFourEyes(sys.officerDeps, OFFICER, id, { paidOn: "2022-06-01", amount: 1_530_608 }),
      payWithFourEyes(sys.officerDeps, OFFICER, id, { paidOn: "2022-06-01", amount: 1_530_608 }),
    ]);
    // Assess
    expect(await tooMuch).toMatchObject({ code: "VALIDATION_FAILED" });
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect((await sys.submissions.getAllocation(programme.id, "1281"))?.paid).toBe(1_530_608);
  });

  it("refusing a requisition (avslag) releases the reservation, so the municipality may requisition again", async () => {
    // Prepare
    const sys = fakeSystem();
    const { id } = await receivedRequisition(sys);
    // Act
    await decide(sys.officerDeps, OFFICER, id, { decision: "refuse", reason: "Fel kommun angiven." });
    const again = await submitRequisition(
      sys.submissionDeps,
      LUND,
      programme.id,
      sampleRequisition(programme, "1281"),
    );
    // Assess
    expect(await status(sys, id)).toBe("refused");
    expect(again.created).toBe(true);
    const row = await sys.submissions.getAllocation(programme.id, "1281");
    expect(row?.requisitioned).toBe(1_530_608);
    expect(row?.baseRequisitionId).toBe(again.receipt.id);
  });
});

describe("attachments exist only when requested", () => {
  it("refuses a bank-statement slot nobody asked for, and grants one after an officer's return asks", async () => {
    // Prepare
    const sys = fakeSystem();
    const { id } = await receivedRequisition(sys);
    // Act
    const unsolicited = failure(requestUpload(sys.submissionDeps, LUND, id, "bank-statement"));
    await decide(sys.officerDeps, OFFICER, id, {
      decision: "return",
      reason: "Kontoutdrag saknas.",
      requestedAttachment: "bank-statement",
    });
    const requested = await requestUpload(sys.submissionDeps, LUND, id, "bank-statement");
    // Assess
    expect(await unsolicited).toMatchObject({ code: "ATTACHMENT_NOT_REQUESTED" });
    expect(requested.attachmentId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("mails a refused upload to the register's addresses and the submitter, never to the form's free-text e-mail", async () => {
    // Prepare
    const sys = fakeSystem();
    sys.world.contacts.set("1281", {
      kommunkod: "1281",
      kommun: "Lund",
      registryEmail: "registrator@lund.example",
      updatedAt: "2022-01-01T00:00:00.000Z",
      updatedBy: { sub: "seed", kind: "system" },
    });
    const form = sampleRequisition(programme, "1281");
    form.recipient.email = "anyone@elsewhere.example";
    const { receipt } = await submitRequisition(sys.submissionDeps, LUND, programme.id, form);
    // Act
    await upload(sys, sys.files.presigned.at(-1)?.key ?? "", HTML);
    // Assess
    const to = sys.world.queued().flatMap((m) => m.to);
    expect(to).not.toContain("anyone@elsewhere.example");
    expect(to).toContain("registrator@lund.example");
    expect(to).toContain(LUND.email);
    expect(await status(sys, receipt.id)).toBe("original-rejected");
  });
});

describe("identity: the form's recipient is the caller", () => {
  it("refuses Malmö posting Lund's form unchanged", async () => {
    // Prepare
    const sys = fakeSystem();
    // Act
    const posted = failure(
      submitRequisition(sys.submissionDeps, MALMO, programme.id, sampleRequisition(programme, "1281")),
    );
    // Assess
    expect(await posted).toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

describe("money is reconciled", () => {
  async function paid(sys: FakeSystem) {
    const { id } = await receivedRequisition(sys);
    await decide(sys.officerDeps, OFFICER, id, { decision: "approve" });
    await payWithFourEyes(sys.officerDeps, OFFICER, id, { paidOn: "2022-06-01", amount: 1_530_608 });
    sys.clock.set("2023-03-01T10:00:00.000Z");
    return id;
  }

  it("refuses a report whose paid and received sums contradict the payments on record", async () => {
    // Prepare
    const sys = fakeSystem();
    await paid(sys);
    const report = sampleReport(programme, "1281", "2023-03-01");
    report.grant.totalPaid = 0;
    report.accounting = { ...report.accounting, received: 0, costs: 0, unspent: 0 };
    // Act
    const submitted = failure(submitReport(sys.submissionDeps, LUND, programme.id, report));
    // Assess
    expect(await submitted).toMatchObject({ code: "VALIDATION_FAILED" });
    const errors = ((await submitted) as { errors: { code: string }[] }).errors.map((x) => x.code);
    expect(errors).toEqual(
      expect.arrayContaining(["TOTAL_PAID_NOT_AS_RECORDED", "RECEIVED_NOT_AS_RECORDED"]),
    );
  });

  it("refuses a report before any payment is recorded, saying why", async () => {
    // Prepare
    const sys = fakeSystem();
    await receivedRequisition(sys);
    sys.clock.set("2023-03-01T10:00:00.000Z");
    // Act
    const submitted = failure(
      submitReport(sys.submissionDeps, LUND, programme.id, sampleReport(programme, "1281", "2023-03-01")),
    );
    // Assess
    expect(await submitted).toMatchObject({ code: "PAYMENT_NOT_RECORDED" });
  });

  it("computes the repayment due from the payments and the costs, and bounds repayments by it", async () => {
    // Prepare
    const sys = fakeSystem();
    await paid(sys);
    const report = sampleReport(programme, "1281", "2023-03-01");
    const paidTotal = 1_530_608;
    report.grant.totalGrant = paidTotal;
    report.grant.totalPaid = paidTotal;
    report.accounting = { ...report.accounting, received: paidTotal, costs: 1_200_000, unspent: 330_608 };
    // Act
    await submitReport(sys.submissionDeps, LUND, programme.id, report);
    const tooMuch = failure(
      repayWithFourEyes(sys.officerDeps, OFFICER, programme.id, {
        kommunkod: "1281",
        amount: 330_609,
        date: "2023-03-01",
      }),
    );
    const exact = await repayWithFourEyes(sys.officerDeps, OFFICER, programme.id, {
      kommunkod: "1281",
      amount: 330_608,
      date: "2023-03-01",
    });
    // Assess
    expect((await sys.submissions.getAllocation(programme.id, "1281"))?.repaymentDue).toBe(330_608);
    expect(await tooMuch).toMatchObject({ code: "REPAYMENT_EXCEEDS_DUE" });
    expect(exact.outstanding).toBe(0);
  });
});
