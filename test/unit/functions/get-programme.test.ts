import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openProgramme } from "../../../shared/deadlines/announce.ts";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { requireSeed } from "../../../shared/programmes/seeds.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
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
  silenceLogs,
} from "../../helpers/events.ts";
import { municipalPrincipal } from "../../helpers/principals.ts";

/**
 * The real handler on the fakes: each test gets a fresh fake system, and the handler module is
 * loaded anew on it (the fakes too, so errors they throw are the handler's own AppError classes).
 */
let system: FakeSystem;
let handler: ApiHandlerFn;

const MALMO = "1280";
const programme = requireSeed(PROGRAMME_2022);
const municipal = (kommunkod: string) => municipalPrincipal(kommunkod);
const OFFICER = {
  kind: "officer" as const,
  sub: "o-1",
  email: "handlaggare@kammarkollegiet.example",
  agency: "kammarkollegiet",
};

beforeAll(() => {
  silenceLogs();
});

beforeEach(async () => {
  vi.resetModules();
  const fakes = await import("../../fakes/fake-root.ts");
  system = fakes.fakeSystem({ now: "2022-11-21T11:00:00.000Z" });
  vi.doMock("../../../shared/composition-root.ts", () => fakes.fakeRoot(system));
  ({ handler } = await import("../../../functions/get-programme/handler.ts"));
});

const get = (claims: Claims, programmeId = PROGRAMME_2022) =>
  apiEvent({ route: "GET /programmes/{programmeId}", pathParameters: { programmeId }, claims });

/** A requisition of `amount` by the municipality, through the use case. */
async function requisition(kommunkod: string, amount?: number) {
  const form = sampleRequisition(programme, kommunkod, "2022-11-21");
  if (amount !== undefined) form.grant.amount = amount;
  const { receipt } = await submitRequisition(
    system.submissionDeps,
    municipal(kommunkod),
    programme.id,
    form,
  );
  return receipt.id;
}

interface View {
  id: string;
  survey: { atRequisition: boolean };
  opening?: { openedAt: string; openedOn: string; openedBy: string } | null;
  deadlines: { requisition: string };
  daysLeftToRequisition: number;
  own?: {
    kommun: string;
    allocation: number;
    requisitioned: number;
    remaining: number;
    requisitions: { id: string; amount: number; status: string }[];
  };
}

describe("get-programme handler", () => {
  it("shows a municipality its own allocation, what it has requisitioned and what remains", async () => {
    // Prepare
    const id = await requisition(LUND, 1_000_000);
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND)));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(PROGRAMME_2022);
    expect(res.body.own).toMatchObject({
      kommun: "Lund",
      allocation: 1_530_608,
      requisitioned: 1_000_000,
      remaining: 530_608,
    });
    expect(res.body.own?.requisitions).toEqual([
      expect.objectContaining({ id, amount: 1_000_000, status: "awaiting-original" }),
    ]);
  });

  it("never shows a municipality another municipality's requisitions or figures", async () => {
    // Prepare
    await requisition(MALMO);
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND)));
    // Assess
    expect(res.body.own).toMatchObject({ kommun: "Lund", requisitioned: 0, remaining: 1_530_608 });
    expect(res.body.own?.requisitions).toEqual([]);
  });

  it("counts the days left to the requisition deadline from the Stockholm date, not the UTC one", async () => {
    // Prepare: 23:30 UTC on the 20th is already the 21st in Stockholm.
    system.clock.set("2022-11-20T23:30:00.000Z");
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND)));
    // Assess
    expect(res.body.deadlines.requisition).toBe("2022-12-01");
    expect(res.body.daysLeftToRequisition).toBe(10);
    expect(res.body.own).toMatchObject({ requisitioned: 0, remaining: 1_530_608 });
  });

  it("shows an officer the programme terms and that it is not open yet, reading only the opening", async () => {
    // Prepare
    await requisition(LUND);
    const getAllocation = vi.spyOn(system.submissions, "getAllocation");
    const listSubmissions = vi.spyOn(system.submissions, "listSubmissions");
    const getOpening = vi.spyOn(system.programmes, "getOpening");
    // Act
    const res = await invoke<View>(handler, get(officerClaims()));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("own");
    expect(res.body.opening).toBeNull();
    expect(getOpening).toHaveBeenCalledWith(PROGRAMME_2022);
    expect(getAllocation).not.toHaveBeenCalled();
    expect(listSubmissions).not.toHaveBeenCalled();
  });

  it("shows an officer when and by whom the programme was opened", async () => {
    // Prepare
    system.clock.set("2022-09-01T07:00:00.000Z");
    await openProgramme(system.deadlineDeps, OFFICER, PROGRAMME_2022);
    system.clock.set("2022-11-21T11:00:00.000Z");
    // Act
    const res = await invoke<View>(handler, get(officerClaims()));
    // Assess
    expect(res.body.opening).toEqual({
      openedAt: "2022-09-01T07:00:00.000Z",
      openedOn: "2022-09-01",
      openedBy: "handlaggare@kammarkollegiet.example",
    });
  });

  it("says whether the programme asks for the survey at requisition, to everyone, and hides the opening from municipalities", async () => {
    // Prepare
    system.clock.set("2022-09-01T07:00:00.000Z");
    await openProgramme(system.deadlineDeps, OFFICER, PROGRAMME_2022);
    // Act
    const [municipality, officer, older] = await Promise.all([
      invoke<View>(handler, get(municipalityClaims(LUND))),
      invoke<View>(handler, get(officerClaims())),
      invoke<View>(
        handler,
        get(officerClaims("[officer]", "officer-2", "socialstyrelsen"), "sos-valfardsteknik-2018"),
      ),
    ]);
    // Assess
    expect(municipality.body.survey).toEqual({ atRequisition: true });
    expect(officer.body.survey).toEqual({ atRequisition: true });
    expect(older.body.survey).toEqual({ atRequisition: false });
    expect(municipality.body).not.toHaveProperty("opening");
  });

  it("answers 404 to an officer of another agency, as if the programme were not there", async () => {
    // Prepare
    const event = get(officerClaims("[officer]", "officer-2", "socialstyrelsen"));
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });

  it("answers 404 for an unknown programme", async () => {
    // Prepare
    const event = get(municipalityClaims(LUND), "no-such-programme");
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });
});
