import { describe, expect, it } from "vitest";
import {
  type DraftDeps,
  deleteFormDraft,
  getFormDraft,
  saveFormDraft,
} from "../../../shared/drafts/drafts.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type ValidationError,
} from "../../../shared/errors.ts";
import { sampleRequisition } from "../../../shared/forms/index.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { fakeSystem } from "../../fakes/fake-root.ts";
import { MemoryFormDraftStore } from "../../fakes/memory-form-draft-store.ts";
import { refusal } from "../../helpers/refusal.ts";
import { LUND, MALMO, OFFICER } from "../submissions/scenarios.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const programme = seedProgramme(PROGRAMME);
if (!programme) throw new Error("programme missing");

function deps(): DraftDeps {
  const sys = fakeSystem({ now: "2022-11-20T10:00:00.000Z" });
  return { drafts: new MemoryFormDraftStore(), catalogue: sys.catalogue, clock: sys.clock };
}

/** A colleague at Lund: same municipality, another account, preparer only. */
const LUND_PREPARER = {
  ...LUND,
  sub: "user-1281-b",
  email: "beredare@lund.example",
  roles: ["preparer" as const],
};

describe("a municipality's form drafts", () => {
  it("saves an incomplete form without refusing it, and says what sending it now would be refused for", async () => {
    // Prepare
    const d = deps();
    // Act
    const saved = await saveFormDraft(d, LUND_PREPARER, PROGRAMME, "requisition", {
      form: { recipient: { name: "Lunds kommun" } },
    });
    // Assess
    expect(saved.draft).toMatchObject({ version: 1, kommunkod: "1281", kind: "requisition" });
    expect(saved.draft.updatedBy).toMatchObject({ sub: "user-1281-b", kind: "municipality" });
    expect(saved.issues.map((i) => i.path)).toContain("grant");
  });

  it("is read and finished by another user of the same municipality, on the version they read", async () => {
    // Prepare: the preparer starts it
    const d = deps();
    await saveFormDraft(d, LUND_PREPARER, PROGRAMME, "requisition", { form: { recipient: {} } });
    // Act: the signatory reads it and saves the whole form on top
    const read = await getFormDraft(d, LUND, PROGRAMME, "requisition");
    const finished = await saveFormDraft(d, LUND, PROGRAMME, "requisition", {
      form: sampleRequisition(programme, "1281", "2022-11-20"),
      version: read.version,
    });
    // Assess
    expect(finished.draft.version).toBe(2);
    expect(finished.draft.updatedBy.sub).toBe(LUND.sub);
    expect(finished.issues).toEqual([]);
  });

  it("refuses a save on top of a version someone else has saved over (409 DRAFT_CHANGED)", async () => {
    // Prepare: both read version 1; the colleague saves first
    const d = deps();
    await saveFormDraft(d, LUND_PREPARER, PROGRAMME, "requisition", { form: {} });
    await saveFormDraft(d, LUND_PREPARER, PROGRAMME, "requisition", { form: { a: 1 }, version: 1 });
    // Act
    const stale = await refusal(
      saveFormDraft(d, LUND, PROGRAMME, "requisition", { form: { b: 2 }, version: 1 }),
    );
    const blind = await refusal(saveFormDraft(d, LUND, PROGRAMME, "requisition", { form: { c: 3 } }));
    // Assess
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).code).toBe("DRAFT_CHANGED");
    expect((blind as ConflictError).code).toBe("DRAFT_CHANGED");
    expect((await getFormDraft(d, LUND, PROGRAMME, "requisition")).form).toEqual({ a: 1 });
  });

  it("keeps each municipality's draft its own: Malmö finds none where Lund has one", async () => {
    // Prepare
    const d = deps();
    await saveFormDraft(d, LUND, PROGRAMME, "requisition", { form: {} });
    // Act
    const malmo = await refusal(getFormDraft(d, MALMO, PROGRAMME, "requisition"));
    // Assess
    expect(malmo).toBeInstanceOf(NotFoundError);
  });

  it("is no officer's to read or write, and names only requisition or report", async () => {
    // Prepare
    const d = deps();
    // Act
    const officer = await refusal(getFormDraft(d, OFFICER, PROGRAMME, "requisition"));
    const kind = await refusal(saveFormDraft(d, LUND, PROGRAMME, "invoice", { form: {} }));
    const noForm = await refusal(saveFormDraft(d, LUND, PROGRAMME, "report", { form: "x", version: 0 }));
    // Assess
    expect(officer).toBeInstanceOf(ForbiddenError);
    expect((kind as ValidationError).errors[0]?.code).toBe("INVALID_DRAFT_KIND");
    expect((noForm as ValidationError).errors.map((e) => e.path)).toEqual(["form", "version"]);
  });

  it("is gone after deleting, and deleting it again is fine", async () => {
    // Prepare
    const d = deps();
    await saveFormDraft(d, LUND, PROGRAMME, "report", { form: {} });
    // Act
    await deleteFormDraft(d, LUND, PROGRAMME, "report");
    await deleteFormDraft(d, LUND, PROGRAMME, "report");
    // Assess
    expect(await refusal(getFormDraft(d, LUND, PROGRAMME, "report"))).toBeInstanceOf(NotFoundError);
  });
});
