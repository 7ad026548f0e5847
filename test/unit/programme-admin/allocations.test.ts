import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ConflictError, ValidationError } from "../../../shared/errors.ts";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { correctAllocations } from "../../../shared/programme-admin/allocations.ts";
import { saveProgrammeDraft } from "../../../shared/programme-admin/drafts.ts";
import { publishProgramme } from "../../../shared/programme-admin/publish.ts";
import { correctionErrors } from "../../../shared/programmes/allocation-correction.ts";
import { cachedCatalogue } from "../../../shared/programmes/cached-catalogue.ts";
import { allocationFor } from "../../../shared/programmes/catalogue.ts";
import type { ProgrammeCatalogue } from "../../../shared/programmes/ports.ts";
import { requireSeed } from "../../../shared/programmes/seeds.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { NEXT_YEAR_CSV, NEXT_YEAR_ID, NEXT_YEAR_META } from "../../fixtures/programmes/next-year.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { refusal } from "../../helpers/refusal.ts";
import { LUND, MALMO, OFFICER, register } from "../submissions/scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

const ID = NEXT_YEAR_ID;
const TODAY = "2023-02-01";
/** Lund's base share in the 2023 table, as in 2022. */
const LUND_BASE = 1_530_608;
const REASON = "Fel i Bilaga 1: beloppet var felskrivet.";
const SOS_OFFICER = { kind: "officer" as const, sub: "officer-9", agency: "socialstyrelsen" };

async function publishedSystem(): Promise<FakeSystem> {
  const sys = fakeSystem({ now: `${TODAY}T10:00:00.000Z` });
  await saveProgrammeDraft(sys.deadlineDeps, OFFICER, { meta: NEXT_YEAR_META, bilaga1Csv: NEXT_YEAR_CSV });
  await publishProgramme(sys.deadlineDeps, OFFICER, ID);
  return sys;
}

/** Lund's requisition of `amount` under the programme as `sys.catalogue` (or `catalogue`) has it. */
async function requisition(sys: FakeSystem, amount: number, catalogue: ProgrammeCatalogue = sys.catalogue) {
  const programme = (await sys.catalogue.get(ID)) ?? NEXT_YEAR_META;
  const form = sampleRequisition(programme, LUND.kommunkod, TODAY);
  form.grant.amount = amount;
  return submitRequisition({ ...sys.submissionDeps, catalogue }, LUND, ID, form);
}

describe("the correction rules", () => {
  it("locate every refusal by its row: unknown, repeated, non-integer, negative, below requisitioned", () => {
    // Prepare
    const programme = requireSeed("skr-aldreomsorg-2022");
    const requisitioned = (k: string) => (k === "1281" ? 1_000_000 : 0);
    // Act
    const errors = correctionErrors(
      programme,
      [
        { kommunkod: "9999", amount: 1 },
        { kommunkod: "1280", amount: 10.5 },
        { kommunkod: "1280", amount: -1 },
        { kommunkod: "1281", amount: 999_999 },
        { kommunkod: "0180", amount: 0 },
      ],
      requisitioned,
    );
    // Assess
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ["corrections.0.kommunkod", "UNKNOWN_RECIPIENT"],
      ["corrections.1.amount", "NOT_AN_INTEGER_AMOUNT"],
      ["corrections.2.kommunkod", "DUPLICATE_RECIPIENT"],
      ["corrections.2.amount", "NEGATIVE_AMOUNT"],
      ["corrections.3.amount", "BELOW_REQUISITIONED"],
    ]);
    expect(errors[4]?.message.sv).toContain("1 000 000 kr");
    expect(errors.every((e) => e.message.sv && e.message.en)).toBe(true);
  });
});

describe("correcting a published allocation", () => {
  it("publishes a new version with the audit entry (who, reason, decision, old → new) and the total moved with the rows", async () => {
    // Prepare
    const sys = await publishedSystem();
    // Act
    const result = await correctAllocations(sys.deadlineDeps, OFFICER, ID, {
      reason: REASON,
      decision: "Beslut 2023-01-30, dnr 2.1-100/2023",
      corrections: [{ kommunkod: "1281", amount: LUND_BASE + 1000 }],
    });
    // Assess
    const programme = await sys.catalogue.get(ID);
    expect(result).toMatchObject({
      version: 2,
      corrections: [{ kommunkod: "1281", kommun: "Lund", from: LUND_BASE, to: LUND_BASE + 1000 }],
      totals: { rows: 290, sum: 167_101_000, stated: 167_101_000 },
    });
    expect(programme && allocationFor(programme, "1281")?.amount).toBe(LUND_BASE + 1000);
    expect(programme?.totalBase).toBe(167_101_000);
    const audit = sys.world.audit.find((a) => a.action === "programme.allocations-corrected");
    expect(audit).toMatchObject({
      actor: { sub: OFFICER.sub, email: OFFICER.email },
      details: {
        version: 2,
        reason: REASON,
        decision: "Beslut 2023-01-30, dnr 2.1-100/2023",
        changes: [{ kommunkod: "1281", from: LUND_BASE, to: LUND_BASE + 1000 }],
        totalBase: { from: 167_100_000, to: 167_101_000 },
      },
    });
  });

  it("makes no version when every amount is already so", async () => {
    // Prepare
    const sys = await publishedSystem();
    // Act
    const result = await correctAllocations(sys.deadlineDeps, OFFICER, ID, {
      reason: REASON,
      corrections: [{ kommunkod: "1281", amount: LUND_BASE }],
    });
    // Assess
    expect(result).toMatchObject({ version: 1, corrections: [] });
    expect(sys.world.programmes.get(ID)).toHaveLength(1);
  });

  it("never lowers an allocation below what was requisitioned; lowering to it moves the ledger row", async () => {
    // Prepare: Lund has reserved 1 000 000 kr
    const sys = await publishedSystem();
    await requisition(sys, 1_000_000);
    // Act
    const below = await refusal(
      correctAllocations(sys.deadlineDeps, OFFICER, ID, {
        reason: REASON,
        corrections: [
          { kommunkod: "1280", amount: 1 },
          { kommunkod: "1281", amount: 999_999 },
        ],
      }),
    );
    const to = await correctAllocations(sys.deadlineDeps, OFFICER, ID, {
      reason: REASON,
      corrections: [{ kommunkod: "1281", amount: 1_000_000 }],
    });
    // Assess
    expect((below as ValidationError).errors).toEqual([
      expect.objectContaining({ path: "corrections.1.amount", code: "BELOW_REQUISITIONED" }),
    ]);
    expect(to.version).toBe(2);
    expect(await sys.submissions.getAllocation(ID, "1281")).toMatchObject({
      allocated: 1_000_000,
      requisitioned: 1_000_000,
      remaining: 0,
    });
  });

  it("refuses a requisition validated against a cached older version (PROGRAMME_CHANGED); the retry reserves the corrected amount", async () => {
    // Prepare: a function's catalogue that keeps its copy for a minute, read before the correction
    const sys = await publishedSystem();
    const cached = cachedCatalogue(sys.catalogue, 60_000);
    await cached.get(ID);
    await correctAllocations(sys.deadlineDeps, OFFICER, ID, {
      reason: REASON,
      corrections: [{ kommunkod: "1281", amount: LUND_BASE + 5000 }],
    });
    // Act
    const stale = await refusal(requisition(sys, LUND_BASE, cached));
    const retried = await requisition(sys, LUND_BASE + 5000, cached);
    // Assess
    expect((stale as ConflictError).code).toBe("PROGRAMME_CHANGED");
    expect((stale as ConflictError).userMessage.sv).toContain("Ladda om sidan");
    expect(retried.created).toBe(true);
    expect(await sys.submissions.getAllocation(ID, "1281")).toMatchObject({
      allocated: LUND_BASE + 5000,
      requisitioned: LUND_BASE + 5000,
      remaining: 0,
    });
  });

  it("answers 404 to another agency's officer and to a municipality, and writes nothing", async () => {
    // Prepare
    const sys = await publishedSystem();
    const body = { reason: REASON, corrections: [{ kommunkod: "1281", amount: 1 }] };
    // Act
    const other = await refusal(correctAllocations(sys.deadlineDeps, SOS_OFFICER, ID, body));
    const municipality = await refusal(correctAllocations(sys.deadlineDeps, MALMO, ID, body));
    // Assess
    expect(other.constructor.name).toBe("NotFoundError");
    expect(municipality.constructor.name).toBe("NotFoundError");
    expect(sys.world.programmes.get(ID)).toHaveLength(1);
  });

  it("needs a reason and at least one row", async () => {
    // Prepare
    const sys = await publishedSystem();
    // Act
    const error = await refusal(correctAllocations(sys.deadlineDeps, OFFICER, ID, { corrections: [] }));
    // Assess
    expect((error as ValidationError).errors.map((e) => e.path).sort()).toEqual(["corrections", "reason"]);
  });
});

describe("telling the recipient of a corrected allocation", () => {
  it("mails Lund once per version, and the same request again queues what a failed first call did not", async () => {
    // Prepare: Lund has a registry address; queuing the mail fails once, after the version is written
    const sys = await publishedSystem();
    register(sys, LUND, "registrator@lund.example");
    vi.spyOn(sys.deadlineDeps.deadlines, "sendOnce").mockRejectedValueOnce(new Error("throttled"));
    const body = { reason: REASON, corrections: [{ kommunkod: LUND.kommunkod, amount: LUND_BASE + 1_000 }] };
    // Act
    const failed = await correctAllocations(sys.deadlineDeps, OFFICER, ID, body).catch((e: Error) => e);
    const retried = await correctAllocations(sys.deadlineDeps, OFFICER, ID, body);
    const third = await correctAllocations(sys.deadlineDeps, OFFICER, ID, body);
    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(retried).toMatchObject({ version: 2, corrections: [], announced: 1 });
    expect(third).toMatchObject({ version: 2, announced: 0 });
    const mails = sys.world.queued().filter((m) => m.subject.startsWith("Ändrad tilldelning"));
    expect(mails.map((m) => m.to)).toEqual([["registrator@lund.example"]]);
    expect(mails[0]?.text).toContain("1 531 608 kr (tidigare 1 530 608 kr)");
    expect(mails[0]?.text).toContain(REASON);
  });
});
