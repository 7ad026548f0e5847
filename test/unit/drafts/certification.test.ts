import { describe, expect, it } from "vitest";
import type { Principal } from "../../../shared/auth/principal.ts";
import { certifyReportDraft, getFormDraft, saveFormDraft } from "../../../shared/drafts/drafts.ts";
import {
  type ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../../../shared/errors.ts";
import { certifiedContent, withAccountNames } from "../../../shared/forms/account-names.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import { submitCorrection } from "../../../shared/submissions/corrections.ts";
import { submitReport, submitRequisition } from "../../../shared/submissions/submit.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { refusal } from "../../helpers/refusal.ts";
import {
  LUND,
  OFFICER,
  paid,
  programme,
  receive,
  reportForm,
  requisitionForm,
} from "../submissions/scenarios.ts";

/**
 * Issue 19: the names a Bilaga 2 form carries for its signatory and certifier come from their
 * accounts, never from free text ("Praktikant" passes as ekonomichef no more), and a report a
 * signatory sends is certified by a certifier on the draft, or by the sender's own account.
 */
const PREPARER = { ...LUND, sub: "lund-preparer", roles: ["preparer" as const], name: "Pia Persson" };
const CERTIFIER = {
  ...LUND,
  sub: "lund-certifier",
  roles: ["certifier" as const],
  name: "Cecilia Certe",
  title: "Ekonomichef",
};
const SIGNATORY = { ...LUND, sub: "lund-signatory", roles: ["signatory" as const], name: "Sven Signatur" };
const FREE_TEXT = { name: "Praktikant", title: "Praktikant" };

/** Lund paid in full, in the report period, with a report form that agrees with the payment. */
async function paidLund(): Promise<{ sys: FakeSystem; form: Record<string, unknown> }> {
  const sys = fakeSystem();
  await paid(sys, LUND);
  sys.clock.set("2023-03-01T10:00:00.000Z");
  const form = await reportForm(sys, LUND, 1_400_000);
  return { sys, form: { ...form, certification: { ...form.certification, ...FREE_TEXT } } };
}

async function savedBy(sys: FakeSystem, who: Principal, form: unknown, version?: number) {
  return saveFormDraft(sys.draftDeps, who, programme.id, "report", {
    form,
    ...(version ? { version } : {}),
  });
}

describe("names from the account", () => {
  it("puts the accounts' names in place of whatever the form says, and leaves an empty form empty", () => {
    // Prepare
    const typed = { signature: { date: "2022-11-20", signatory: "X" }, certification: FREE_TEXT };
    // Act
    const named = withAccountNames(
      typed,
      { signatory: "Sven", certifier: { name: "Eva", title: "Chef" } },
      true,
    );
    const cleared = withAccountNames(typed, {}, true);
    // Assess
    expect(named).toEqual({
      signature: { date: "2022-11-20", signatory: "Sven" },
      certification: { name: "Eva", title: "Chef" },
    });
    expect(cleared).toEqual({ signature: { date: "2022-11-20" }, certification: {} });
    expect(withAccountNames({}, {}, true)).toEqual({});
  });

  it("reads a certified report alike whatever its key order, names or signature", () => {
    // Prepare
    const a = {
      accounting: { costs: 1, received: 2 },
      signature: { date: "2022-11-20" },
      certification: FREE_TEXT,
    };
    const b = { certification: { name: "Eva", title: "Chef" }, accounting: { received: 2, costs: 1 } };
    // Act + Assess
    expect(certifiedContent(a)).toBe(certifiedContent(b));
    expect(certifiedContent(a)).not.toBe(certifiedContent({ ...b, accounting: { received: 2, costs: 3 } }));
  });

  it("stores a requisition under the sender's account's name, not the one typed", async () => {
    // Prepare
    const sys = fakeSystem();
    const form = requisitionForm(LUND);
    // Act
    const { receipt } = await submitRequisition(sys.submissionDeps, SIGNATORY, programme.id, {
      ...form,
      signature: { ...form.signature, signatory: "Praktikant" },
    });
    // Assess
    const stored = await sys.submissions.getSubmission(receipt.id);
    expect(stored?.form).toMatchObject({ signature: { signatory: "Sven Signatur" } });
  });

  it("refuses a signatory whose account has no name (403 ACCOUNT_NAME_MISSING), storing nothing", async () => {
    // Prepare
    const sys = fakeSystem();
    const { name: _none, ...nameless } = SIGNATORY;
    // Act
    const refused = await refusal(
      submitRequisition(sys.submissionDeps, nameless, programme.id, requisitionForm(LUND)),
    );
    // Assess
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).code).toBe("ACCOUNT_NAME_MISSING");
    expect(sys.world.submissions.size).toBe(0);
  });

  it("signs and certifies a corrected report under the sender's own account", async () => {
    // Prepare: Lund's report, returned
    const { sys, form } = await paidLund();
    const { receipt } = await submitReport(sys.submissionDeps, LUND, programme.id, form);
    await receive(sys, receipt.id);
    await decide(sys.officerDeps, OFFICER, receipt.id, {
      decision: "return",
      reason: "Kostnaderna saknar underlag.",
    });
    const both = { ...LUND, sub: "lund-both", name: "Bo Båda", title: "Verksamhetschef" };
    // Act
    const corrected = await submitCorrection(sys.submissionDeps, both, receipt.id, form);
    // Assess
    const stored = await sys.submissions.getSubmission(corrected.id);
    expect(stored?.form).toMatchObject({
      certification: { name: "Bo Båda", title: "Verksamhetschef" },
      signature: { signatory: "Bo Båda" },
    });
  });
});

describe("the report's certification on the draft", () => {
  it("keeps no typed names in a draft, and lists no issue about them", async () => {
    // Prepare
    const { sys, form } = await paidLund();
    // Act
    const saved = await savedBy(sys, PREPARER, form);
    // Assess
    expect(saved.draft.form.certification).not.toHaveProperty("name");
    expect(saved.draft.form.signature).not.toHaveProperty("signatory");
    expect(saved.issues).toEqual([]);
  });

  it("is given by a certifier, under their account's name and title, on the version they read", async () => {
    // Prepare
    const { sys, form } = await paidLund();
    const saved = await savedBy(sys, PREPARER, form);
    // Act
    const certified = await certifyReportDraft(sys.draftDeps, CERTIFIER, programme.id, { version: 1 });
    // Assess
    expect(certified.draft.version).toBe(saved.draft.version + 1);
    expect(certified.draft.certified).toMatchObject({
      name: "Cecilia Certe",
      title: "Ekonomichef",
      version: 2,
      by: { sub: "lund-certifier" },
    });
    expect(certified.draft.form.certification).toMatchObject({ name: "Cecilia Certe", title: "Ekonomichef" });
  });

  it.each([
    ["a preparer", PREPARER, "ROLE_REQUIRED"],
    ["a certifier whose account has no name", { ...CERTIFIER, name: undefined }, "ACCOUNT_NAME_MISSING"],
    ["a certifier whose account has no title", { ...CERTIFIER, title: undefined }, "ACCOUNT_TITLE_MISSING"],
  ])("is refused to %s (403 %s)", async (_who, who, code) => {
    // Prepare
    const { sys, form } = await paidLund();
    await savedBy(sys, PREPARER, form);
    // Act
    const refused = await refusal(certifyReportDraft(sys.draftDeps, who, programme.id, { version: 1 }));
    // Assess
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).code).toBe(code);
    expect((await getFormDraft(sys.draftDeps, LUND, programme.id, "report")).certified).toBeUndefined();
  });

  it("is refused on a stale version (409 DRAFT_CHANGED), without a draft (404), and for an incomplete report (400, not the signature)", async () => {
    // Prepare
    const sys = fakeSystem();
    const none = await refusal(certifyReportDraft(sys.draftDeps, CERTIFIER, programme.id, { version: 1 }));
    await savedBy(sys, PREPARER, { accounting: { costs: 5 }, signature: {} });
    // Act
    const stale = await refusal(certifyReportDraft(sys.draftDeps, CERTIFIER, programme.id, { version: 7 }));
    const incomplete = await refusal(
      certifyReportDraft(sys.draftDeps, CERTIFIER, programme.id, { version: 1 }),
    );
    // Assess
    expect(none).toBeInstanceOf(NotFoundError);
    expect((stale as ConflictError).code).toBe("DRAFT_CHANGED");
    expect(incomplete).toBeInstanceOf(ValidationError);
    const paths = (incomplete as ValidationError).errors.map((e) => e.path);
    expect(paths).toContain("recipient");
    expect(paths.some((p) => p.startsWith("signature"))).toBe(false);
  });

  it("holds through a save that changes only the signature, and is dropped by any other change", async () => {
    // Prepare
    const { sys, form } = await paidLund();
    await savedBy(sys, PREPARER, form);
    await certifyReportDraft(sys.draftDeps, CERTIFIER, programme.id, { version: 1 });
    const signature = { date: "2023-03-02", signatory: "Vem som helst" };
    // Act
    const signed = await savedBy(sys, SIGNATORY, { ...form, signature }, 2);
    const changed = await savedBy(
      sys,
      PREPARER,
      { ...form, signature, certification: { ...(form.certification as object), phone: "046-00 00 00" } },
      3,
    );
    // Assess
    expect(signed.draft.certified?.name).toBe("Cecilia Certe");
    expect(changed.draft.certified).toBeUndefined();
    expect(changed.draft.form.certification).not.toHaveProperty("name");
  });

  it("lets a signatory send what was certified, under the certifier's name and title and their own name", async () => {
    // Prepare
    const { sys, form } = await paidLund();
    await savedBy(sys, PREPARER, form);
    await certifyReportDraft(sys.draftDeps, CERTIFIER, programme.id, { version: 1 });
    // Act
    const { receipt } = await submitReport(sys.submissionDeps, SIGNATORY, programme.id, form);
    // Assess
    const stored = await sys.submissions.getSubmission(receipt.id);
    expect(stored?.form).toMatchObject({
      certification: { name: "Cecilia Certe", title: "Ekonomichef" },
      signature: { signatory: "Sven Signatur" },
    });
  });

  it("refuses a signatory's report without a certification (409 REPORT_NOT_CERTIFIED) and one other than certified (409 CERTIFICATION_DIFFERS)", async () => {
    // Prepare
    const { sys, form } = await paidLund();
    await savedBy(sys, PREPARER, form);
    const uncertified = await refusal(submitReport(sys.submissionDeps, SIGNATORY, programme.id, form));
    await certifyReportDraft(sys.draftDeps, CERTIFIER, programme.id, { version: 1 });
    const other = await reportForm(sys, LUND, 1_000_000);
    // Act
    const differs = await refusal(submitReport(sys.submissionDeps, SIGNATORY, programme.id, other));
    // Assess
    expect((uncertified as ConflictError).code).toBe("REPORT_NOT_CERTIFIED");
    expect((differs as ConflictError).code).toBe("CERTIFICATION_DIFFERS");
    expect(sys.world.submissions.size).toBe(1);
  });
});
