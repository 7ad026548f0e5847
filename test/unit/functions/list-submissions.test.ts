import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { requireSeed } from "../../../shared/programmes/seeds.ts";
import type { Submission } from "../../../shared/submissions/model.ts";
import { recordScanVerdict } from "../../../shared/submissions/scan-verdict.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
import { checkUpload } from "../../../shared/submissions/upload-check.ts";
import type { FakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  STOCKHOLM,
  silenceLogs,
} from "../../helpers/events.ts";
import { municipalPrincipal } from "../../helpers/principals.ts";

/** The real handler on a fresh fake system per test (see get-programme.test.ts). */
let system: FakeSystem;
let handler: ApiHandlerFn;

const programme = requireSeed(PROGRAMME_2022);
const PROGRAMME_2021 = "skr-aldreomsorg-2021";
const PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";
const municipal = (kommunkod: string) => municipalPrincipal(kommunkod);

beforeAll(() => {
  silenceLogs();
});

beforeEach(async () => {
  vi.resetModules();
  const fakes = await import("../../fakes/fake-root.ts");
  system = fakes.fakeSystem({ now: "2022-06-01T10:00:00.000Z" });
  vi.doMock("../../../shared/composition-root.ts", () => fakes.fakeRoot(system));
  ({ handler } = await import("../../../functions/list-submissions/handler.ts"));
});

const list = (claims: Claims, query?: Record<string, string>) =>
  apiEvent({ route: "GET /submissions", claims, ...(query ? { query } : {}) });

/** A requisition through the use case, as stored. */
async function requisition(kommunkod: string, grant: Partial<{ kind: "model-extra"; amount: number }> = {}) {
  const form = sampleRequisition(programme, kommunkod);
  form.grant = { ...form.grant, ...grant };
  const { receipt } = await submitRequisition(
    system.submissionDeps,
    municipal(kommunkod),
    programme.id,
    form,
  );
  return stored(receipt.id);
}

/** Its signed original uploaded, checked and scanned clean: received. */
async function receive(id: string) {
  const key = (await system.submissions.getSubmissionDetail(id))?.attachments[0]?.key ?? "";
  const { etag } = system.files.upload(key, PDF);
  await checkUpload(system.uploadCheckDeps, { key, etag });
  await recordScanVerdict(system.uploadCheckDeps, { key, etag, result: "NO_THREATS_FOUND" });
  return stored(id);
}

async function stored(id: string): Promise<Submission> {
  const s = await system.submissions.getSubmission(id);
  if (!s) throw new Error(`submission ${id} missing`);
  return s;
}

/** A submission of another programme year, put straight into the table. */
function inOtherProgramme(s: Submission): Submission {
  const other: Submission = {
    ...s,
    id: randomUUID(),
    programmeId: PROGRAMME_2021,
    reference: "SB-2021-1281-R1",
  };
  system.world.submissions.set(other.id, other);
  return other;
}

const ids = (body: { submissions: Submission[] }) => body.submissions.map((s) => s.id);

describe("list-submissions handler", () => {
  it("gives a municipality asking for ?kommun=<another> only its own submissions", async () => {
    // Prepare
    const lund = await requisition(LUND);
    await requisition(STOCKHOLM);
    const event = list(municipalityClaims(LUND), { kommun: STOCKHOLM });
    // Act
    const res = await invoke<{ submissions: Submission[] }>(handler, event);
    // Assess
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([lund.id]);
  });

  it("returns the stored submissions as stored, oldest first", async () => {
    // Prepare: the later one is stored first.
    system.clock.set("2022-07-01T10:00:00.000Z");
    const later = await requisition(STOCKHOLM);
    system.clock.set("2022-06-01T10:00:00.000Z");
    const earlier = await requisition(LUND);
    // Act
    const res = await invoke<{ submissions: Submission[] }>(handler, list(officerClaims()));
    // Assess
    expect(res.body.submissions).toEqual([earlier, later]);
  });

  it("narrows a municipality's own list to one programme and status", async () => {
    // Prepare
    const base = await receive((await requisition(LUND)).id);
    await requisition(LUND, { kind: "model-extra", amount: 1_500_000 });
    inOtherProgramme(base);
    const event = list(municipalityClaims(LUND), { programmeId: PROGRAMME_2022, status: "received" });
    // Act
    const res = await invoke<{ submissions: Submission[] }>(handler, event);
    // Assess
    expect(ids(res.body)).toEqual([base.id]);
    expect(res.body.submissions[0]?.status).toBe("received");
  });

  it("lets an officer filter by ?kommun", async () => {
    // Prepare
    await requisition(LUND);
    const stockholm = await requisition(STOCKHOLM);
    // Act
    const res = await invoke<{ submissions: Submission[] }>(
      handler,
      list(officerClaims(), { kommun: STOCKHOLM }),
    );
    // Assess
    expect(ids(res.body)).toEqual([stockholm.id]);
  });

  it("gives an officer of another agency none of these programmes' submissions, and 400 for asking by id", async () => {
    // Prepare
    await requisition(LUND);
    const socialstyrelsen = officerClaims("[officer]", "officer-2", "socialstyrelsen");
    // Act
    const all = await invoke<{ submissions: Submission[] }>(handler, list(socialstyrelsen));
    const byId = await invoke(handler, list(socialstyrelsen, { programmeId: PROGRAMME_2022 }));
    // Assess
    expect(all.body.submissions).toEqual([]);
    expect(byId.status).toBe(400);
  });

  it("gives an officer without filters every programme's submissions", async () => {
    // Prepare
    const lund = await requisition(LUND);
    const older = inOtherProgramme(lund);
    // Act
    const res = await invoke<{ submissions: Submission[] }>(handler, list(officerClaims()));
    // Assess
    expect(ids(res.body).sort()).toEqual([lund.id, older.id].sort());
  });

  it("answers 400 INVALID_QUERY_PARAMETER naming status for ?status=bogus, without reading", async () => {
    // Prepare
    const read = vi.spyOn(system.submissions, "listSubmissions");
    const event = list(municipalityClaims(LUND), { status: "bogus" });
    // Act
    const res = await invoke<{ code: string; errors: { path: string; code: string }[] }>(handler, event);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: "status", code: "INVALID_QUERY_PARAMETER" }),
    ]);
    expect(read).not.toHaveBeenCalled();
  });

  it("answers 400 for an unknown programme id", async () => {
    // Prepare
    const event = list(officerClaims(), { programmeId: "nope" });
    // Act
    const res = await invoke<{ errors: { path: string }[] }>(handler, event);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors[0]?.path).toBe("programmeId");
  });
});
