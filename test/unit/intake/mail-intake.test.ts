import { describe, expect, it } from "vitest";
import { type ConflictError, NotFoundError, ValidationError } from "../../../shared/errors.ts";
import type { FormCode } from "../../../shared/forms/form-code.ts";
import { discardIntake, fileIntake, listIntake } from "../../../shared/intake/officer.ts";
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

/** A message put under intake/, as the SES receipt rule writes it. */
function delivered(sys: FakeSystem, from: string, messageId = "m1@lund.example", key = "intake/msg-1") {
  const raw = eml({
    from,
    messageId,
    attachments: [{ filename: "rekvisition.pdf", contentType: "application/pdf", bytes: SCAN }],
  });
  return { key, ...sys.files.upload(key, raw) };
}

const mailsTo = (sys: FakeSystem, to: string) =>
  [...sys.world.mails.values()].filter((m) => m.to.includes(to));

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
    const [reply] = mailsTo(sys, "someone@elsewhere.example");
    expect(reply?.text).toContain("avsändaren finns inte i kontaktregistret");
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
