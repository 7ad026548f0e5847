import { describe, expect, it } from "vitest";
import { type ConflictError, NotFoundError, ValidationError } from "../../../shared/errors.ts";
import type { FormCode } from "../../../shared/forms/form-code.ts";
import {
  discardIntake,
  fileIntake,
  intakeCandidates,
  listIntake,
  previewKey,
  previewScan,
} from "../../../shared/intake/officer.ts";
import { intakeIdOf, receiveMail } from "../../../shared/intake/receive.ts";
import { checkUpload } from "../../../shared/submissions/upload-check.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { eml } from "../../helpers/eml.ts";
import { failure, LUND, MALMO, OFFICER, register, requisition } from "../submissions/scenarios.ts";

const SCAN = Buffer.from("%PDF-1.4\n(pretend scan of the signed form)\n%%EOF\n", "latin1");
const REGISTRY = "registrator@lund.example";
const OTHER_AGENCY = { ...OFFICER, sub: "officer-9", agency: "socialstyrelsen" };

/** Lund's requisition awaiting its original, Lund's registry in the register, and a scan of both pages. */
async function awaiting(sys: FakeSystem, codes: "both-pages" | "none" = "both-pages") {
  register(sys, LUND, REGISTRY);
  const id = await requisition(sys, LUND);
  const reference = (await sys.submissions.getSubmission(id))?.reference ?? "";
  const page = (n: number): FormCode => ({ submissionId: id, reference, page: n, pages: 2 });
  const pages = codes === "none" ? [{ codes: [] }] : [{ codes: [page(1)] }, { codes: [page(2)] }];
  sys.scans.holds(SCAN, { pages, unsupported: 0 });
  return { id, reference };
}

/** A message put under intake/, as the SES receipt rule writes it: by default SES says its From passed. */
function delivered(
  sys: FakeSystem,
  from: string,
  messageId = "m1@lund.example",
  key = "intake/msg-1",
  extra: Pick<Parameters<typeof eml>[0], "ses" | "headers"> = { ses: "pass" },
) {
  const raw = eml({
    from,
    messageId,
    attachments: [{ filename: "rekvisition.pdf", contentType: "application/pdf", bytes: SCAN }],
    ...extra,
  });
  return { key, ...sys.files.upload(key, raw) };
}

const mailsTo = (sys: FakeSystem, to: string) =>
  [...sys.world.mails.values()].filter((m) => m.to.includes(to));
const repliesTo = (sys: FakeSystem, to: string) => mailsTo(sys, to).filter((m) => m.topic === "intake-reply");

/** The slot the filing opened, and the check run on it as the bucket notification would. */
async function checkFiledSlot(sys: FakeSystem, submissionId: string) {
  const slot = (await sys.submissions.getSubmission(submissionId))?.originalSlot ?? "";
  const attachment = await sys.submissions.getAttachment(submissionId, slot);
  const object = sys.files.objects.get(attachment?.key ?? "");
  return checkUpload(sys.uploadCheckDeps, { key: attachment?.key ?? "", etag: object?.etag ?? "" });
}

describe("signed originals by e-mail", () => {
  it("files a scan from the register's address to the submission its QR codes name, through the upload check", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const { id, reference } = await awaiting(sys);
    const object = delivered(sys, REGISTRY);
    // Act
    const outcome = await receiveMail(sys.intakeDeps, object);
    const checked = await checkFiledSlot(sys, id);
    // Assess
    expect(outcome).toBe("filed");
    expect(checked).toBe("accepted");
    expect((await sys.submissions.getSubmission(id))?.status).toBe("received");
    const item = await sys.intake.get(intakeIdOf("<m1@lund.example>", object.key));
    expect(item?.status).toBe("filed");
    expect(item?.filed?.reference).toBe(reference);
    expect(mailsTo(sys, REGISTRY).map((m) => m.subject)).toContain(`Mottaget och kopplat till ${reference}`);
  });

  it("lists a scan from an address the register does not hold for the municipality, under its agency, and files nothing", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const { id } = await awaiting(sys);
    const slotBefore = (await sys.submissions.getSubmission(id))?.originalSlot;
    // Act
    const outcome = await receiveMail(sys.intakeDeps, delivered(sys, "someone@elsewhere.example"));
    // Assess
    expect(outcome).toBe("listed");
    expect((await sys.submissions.getSubmission(id))?.originalSlot).toBe(slotBefore);
    const [item] = await listIntake(sys.intakeDeps, OFFICER);
    expect(item).toMatchObject({
      status: "open",
      reason: "UNKNOWN_SENDER",
      submissionId: id,
      agency: "kammarkollegiet",
    });
    expect(await listIntake(sys.intakeDeps, OTHER_AGENCY)).toEqual([]);
    // No backscatter: an address the register does not hold gets no reply, authenticated or not.
    expect(mailsTo(sys, "someone@elsewhere.example")).toEqual([]);
  });

  it("lists a scan without a readable code for every officer, since it names no agency", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    await awaiting(sys, "none");
    // Act
    const outcome = await receiveMail(sys.intakeDeps, delivered(sys, REGISTRY));
    // Assess
    expect(outcome).toBe("listed");
    const [item] = await listIntake(sys.intakeDeps, OTHER_AGENCY);
    expect(item).toMatchObject({ reason: "NO_CODE" });
    expect(item?.agency).toBeUndefined();
  });

  it("lists a message whose scans name two submissions, and files neither", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const { id, reference } = await awaiting(sys);
    const other = await requisition(sys, MALMO);
    const slots = [
      (await sys.submissions.getSubmission(id))?.originalSlot,
      (await sys.submissions.getSubmission(other))?.originalSlot,
    ];
    const both: FormCode[] = [
      { submissionId: id, reference, page: 2, pages: 2 },
      { submissionId: other, reference: "SB-2022-1280-R1", page: 2, pages: 2 },
    ];
    sys.scans.holds(SCAN, { pages: [{ codes: both }], unsupported: 0 });
    // Act
    const outcome = await receiveMail(sys.intakeDeps, delivered(sys, REGISTRY));
    // Assess
    expect(outcome).toBe("listed");
    expect((await listIntake(sys.intakeDeps, OFFICER))[0]?.reason).toBe("SEVERAL_SUBMISSIONS");
    expect([
      (await sys.submissions.getSubmission(id))?.originalSlot,
      (await sys.submissions.getSubmission(other))?.originalSlot,
    ]).toEqual(slots);
  });

  it("lists a scan of a submission that no longer waits for its original, instead of filing it", async () => {
    // Prepare: the original was uploaded and accepted before the mail came
    const sys = fakeSystem({ malwareScan: "none" });
    const { id } = await awaiting(sys);
    await receiveMail(sys.intakeDeps, delivered(sys, REGISTRY));
    await checkFiledSlot(sys, id);
    // Act: the same scan mailed again, as a new message
    const outcome = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m2@lund.example", "intake/msg-2"),
    );
    // Assess
    expect(outcome).toBe("listed");
    expect((await listIntake(sys.intakeDeps, OFFICER))[0]?.reason).toBe("NOT_AWAITING_ORIGINAL");
    expect((await sys.submissions.getSubmission(id))?.status).toBe("received");
  });

  it("handles a message once: the same event again, or the same Message-ID under another key, files nothing more", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const { id } = await awaiting(sys);
    const first = delivered(sys, REGISTRY);
    await receiveMail(sys.intakeDeps, first);
    const slot = (await sys.submissions.getSubmission(id))?.originalSlot;
    // Act
    const again = await receiveMail(sys.intakeDeps, first);
    const redelivered = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m1@lund.example", "intake/msg-2"),
    );
    // Assess
    expect([again, redelivered]).toEqual(["replayed", "replayed"]);
    expect((await sys.submissions.getSubmission(id))?.originalSlot).toBe(slot);
    expect(mailsTo(sys, REGISTRY).filter((m) => m.topic === "intake-reply")).toHaveLength(1);
  });

  it("lets an officer of the programme's agency file a listed scan by hand, audited, through the same check", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const { id } = await awaiting(sys, "none");
    await receiveMail(sys.intakeDeps, delivered(sys, "someone@elsewhere.example"));
    const [item] = await listIntake(sys.intakeDeps, OFFICER);
    const itemId = item?.id ?? "";
    // Act
    const refused = await failure(fileIntake(sys.intakeDeps, OTHER_AGENCY, itemId, { submissionId: id }));
    const filed = await fileIntake(sys.intakeDeps, OFFICER, itemId, { submissionId: id });
    const checked = await checkFiledSlot(sys, id);
    // Assess
    expect(refused).toBeInstanceOf(ValidationError);
    expect(filed.status).toBe("filed");
    expect(checked).toBe("accepted");
    expect((await sys.submissions.getSubmission(id))?.status).toBe("received");
    expect(await listIntake(sys.intakeDeps, OFFICER)).toEqual([]);
    const audit = sys.world.audit.find((e) => e.action === "intake.filed-by-officer");
    expect(audit?.actor.sub).toBe(OFFICER.sub);
  });

  it("discards a listed message only with a reason, audited, and only once", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    await awaiting(sys, "none");
    await receiveMail(sys.intakeDeps, delivered(sys, "someone@elsewhere.example"));
    const [item] = await listIntake(sys.intakeDeps, OFFICER);
    const itemId = item?.id ?? "";
    // Act
    const noReason = await failure(discardIntake(sys.intakeDeps, OFFICER, itemId, { reason: " " }));
    const discarded = await discardIntake(sys.intakeDeps, OFFICER, itemId, { reason: "Reklam" });
    const twice = await failure(discardIntake(sys.intakeDeps, OFFICER, itemId, { reason: "Reklam" }));
    // Assess
    expect((noReason as ValidationError).errors[0]?.path).toBe("reason");
    expect(discarded.status).toBe("discarded");
    expect((twice as ConflictError).code).toBe("INTAKE_NOT_OPEN");
    expect(sys.world.audit.find((e) => e.action === "intake.discarded")?.details).toMatchObject({
      reason: "Reklam",
    });
    expect(await failure(discardIntake(sys.intakeDeps, OFFICER, "nope", { reason: "x" }))).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("the From address is trusted only on SES's verdict", () => {
  it("lists a scan from the register's own address when SES says its domain failed DMARC, and replies to no one", async () => {
    // Prepare: a forged From naming Lund's registry
    const sys = fakeSystem({ malwareScan: "none" });
    const { id } = await awaiting(sys);
    const slotBefore = (await sys.submissions.getSubmission(id))?.originalSlot;
    // Act
    const outcome = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m1@lund.example", "intake/msg-1", { ses: "fail" }),
    );
    // Assess
    expect(outcome).toBe("listed");
    const [item] = await listIntake(sys.intakeDeps, OFFICER);
    expect(item).toMatchObject({ reason: "SENDER_NOT_AUTHENTICATED", submissionId: id });
    expect(item?.senderAuth).toMatchObject({ result: "fail", dmarc: "fail" });
    expect((await sys.submissions.getSubmission(id))?.originalSlot).toBe(slotBefore);
    expect(repliesTo(sys, REGISTRY)).toEqual([]);
  });

  it("does not believe a passing verdict the sender wrote below SES's own failing one", async () => {
    // Prepare: SES's fields on top say fail; the sender's forged pass sits under them
    const sys = fakeSystem({ malwareScan: "none" });
    await awaiting(sys);
    const forged = [
      "Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=registrator@lund.example; dkim=pass header.d=lund.example; dmarc=pass header.from=lund.example",
    ];
    // Act
    const outcome = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m1@lund.example", "intake/msg-1", { ses: "fail", headers: forged }),
    );
    // Assess
    expect(outcome).toBe("listed");
    expect((await listIntake(sys.intakeDeps, OFFICER))[0]?.reason).toBe("SENDER_NOT_AUTHENTICATED");
  });

  it("lists a message that carries no verdict of SES's at all (put in the bucket by other means)", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    await awaiting(sys);
    // Act
    const outcome = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m1@lund.example", "intake/msg-1", {}),
    );
    // Assess
    expect(outcome).toBe("listed");
    const [item] = await listIntake(sys.intakeDeps, OFFICER);
    expect(item?.reason).toBe("SENDER_NOT_AUTHENTICATED");
    expect(item?.senderAuth?.result).toBe("missing");
    expect(repliesTo(sys, REGISTRY)).toEqual([]);
  });

  it("lists a message SES flagged as carrying a virus without reading its scans, and refuses to file it by hand", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const { id } = await awaiting(sys);
    // Act
    const outcome = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m1@lund.example", "intake/msg-1", {
        ses: { verdict: "pass", virus: "FAIL" },
      }),
    );
    const [item] = await listIntake(sys.intakeDeps, OFFICER);
    const byHand = await failure(fileIntake(sys.intakeDeps, OFFICER, item?.id ?? "", { submissionId: id }));
    // Assess
    expect(outcome).toBe("listed");
    expect(item?.reason).toBe("VIRUS");
    expect(item?.scans[0]?.references).toEqual([]);
    expect((byHand as ConflictError).code).toBe("SUSPECTED_VIRUS");
  });

  it("lists a message SES judged spam, even from the register's authenticated address", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    await awaiting(sys);
    // Act
    const outcome = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m1@lund.example", "intake/msg-1", { ses: { verdict: "pass", spam: "FAIL" } }),
    );
    // Assess
    expect(outcome).toBe("listed");
    expect((await listIntake(sys.intakeDeps, OFFICER))[0]?.reason).toBe("SPAM");
  });

  it("replies to an authenticated sender the register holds for another municipality, saying why the scan waits", async () => {
    // Prepare: Malmö's registry mails Lund's form
    const sys = fakeSystem({ malwareScan: "none" });
    await awaiting(sys);
    register(sys, MALMO, "registrator@malmo.example");
    // Act
    const outcome = await receiveMail(sys.intakeDeps, delivered(sys, "registrator@malmo.example"));
    // Assess
    expect(outcome).toBe("listed");
    const [reply] = repliesTo(sys, "registrator@malmo.example");
    expect(reply?.text).toContain("avsändaren finns inte i kontaktregistret");
  });

  it("files on the From as written where the stage does not ask SES (INTAKE_SENDER_AUTH=none)", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none", senderAuth: "none" });
    await awaiting(sys);
    // Act
    const outcome = await receiveMail(
      sys.intakeDeps,
      delivered(sys, REGISTRY, "m1@lund.example", "intake/msg-1", {}),
    );
    // Assess
    expect(outcome).toBe("filed");
    expect(repliesTo(sys, REGISTRY)).toHaveLength(1);
  });
});

describe("the officer's intake page: choosing a submission and opening a scan", () => {
  it("names the submissions of the officer's own agency that carry a reference, and nothing for another agency's officer", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const { id, reference } = await awaiting(sys, "none");
    await receiveMail(sys.intakeDeps, delivered(sys, "someone@elsewhere.example"));
    const itemId = (await listIntake(sys.intakeDeps, OFFICER))[0]?.id ?? "";
    // Act
    const mine = await intakeCandidates(sys.intakeDeps, OFFICER, itemId, ` ${reference.toLowerCase()} `);
    const theirs = await intakeCandidates(sys.intakeDeps, OTHER_AGENCY, itemId, reference);
    const malformed = await failure(intakeCandidates(sys.intakeDeps, OFFICER, itemId, "1281-R1"));
    // Assess
    expect(mine).toEqual([
      expect.objectContaining({
        id,
        reference,
        kommunkod: "1281",
        municipality: "Lund",
        status: "awaiting-original",
      }),
    ]);
    expect(theirs).toEqual([]);
    expect((malformed as ValidationError).errors[0]).toMatchObject({
      path: "reference",
      code: "INVALID_REFERENCE",
    });
  });

  it("gives a short-lived link to a waiting scan, copied once out of the message, and none for a message with a virus", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    await awaiting(sys, "none");
    await receiveMail(sys.intakeDeps, delivered(sys, "someone@elsewhere.example"));
    await receiveMail(
      sys.intakeDeps,
      delivered(sys, "virus@elsewhere.example", "m2@x", "intake/msg-2", {
        ses: { verdict: "pass", virus: "FAIL" },
      }),
    );
    const [plain, infected] = await listIntake(sys.intakeDeps, OFFICER);
    // Act
    const first = await previewScan(sys.intakeDeps, OFFICER, plain?.id ?? "", "0");
    const again = await previewScan(sys.intakeDeps, OFFICER, plain?.id ?? "", "0");
    const noSuchScan = await failure(previewScan(sys.intakeDeps, OFFICER, plain?.id ?? "", "7"));
    const refused = await failure(previewScan(sys.intakeDeps, OFFICER, infected?.id ?? "", "0"));
    // Assess
    expect(first).toMatchObject({
      contentType: "application/pdf",
      filename: "rekvisition.pdf",
      size: SCAN.length,
    });
    expect(first.url).toContain(previewKey(plain?.id ?? "", 0));
    expect(again.url).toBe(first.url);
    expect(Buffer.from(sys.files.objects.get(previewKey(plain?.id ?? "", 0))?.bytes ?? [])).toEqual(SCAN);
    expect(noSuchScan).toBeInstanceOf(NotFoundError);
    expect((refused as ConflictError).code).toBe("SUSPECTED_VIRUS");
  });
});
