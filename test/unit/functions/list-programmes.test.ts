import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { requireSeed, SEED_PROGRAMMES } from "../../../shared/programmes/seeds.ts";
import { submitRequisition } from "../../../shared/submissions/submit.ts";
import type { FakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  silenceLogs,
} from "../../helpers/events.ts";
import { municipalPrincipal } from "../../helpers/principals.ts";

/** The real handler on a fresh fake system per test (see get-programme.test.ts). */
let system: FakeSystem;
let handler: ApiHandlerFn;

const MALMO = "1280";
const programme = requireSeed(PROGRAMME_2022);
const municipal = (kommunkod: string) => municipalPrincipal(kommunkod);

beforeAll(() => {
  silenceLogs();
});

beforeEach(async () => {
  vi.resetModules();
  const fakes = await import("../../fakes/fake-root.ts");
  system = fakes.fakeSystem({ now: "2022-06-01T10:00:00.000Z" });
  vi.doMock("../../../shared/composition-root.ts", () => fakes.fakeRoot(system));
  ({ handler } = await import("../../../functions/list-programmes/handler.ts"));
});

/** The municipality's full base share, through the use case. */
async function requisition(kommunkod: string) {
  const form = sampleRequisition(programme, kommunkod);
  const { receipt } = await submitRequisition(
    system.submissionDeps,
    municipal(kommunkod),
    programme.id,
    form,
  );
  return receipt.id;
}

interface Listed {
  programmes: {
    id: string;
    survey: { atRequisition: boolean };
    daysLeftToRequisition: number;
    own?: { kommunkod: string; requisitioned: number; remaining: number; requisitions: { id: string }[] };
  }[];
}

describe("list-programmes handler", () => {
  it("lists only the officer's own agency's programmes", async () => {
    // Prepare: Kammarkollegiet runs the SKR agreements, Socialstyrelsen the 2018 programme
    const kammarkollegiet = apiEvent({ route: "GET /programmes", claims: officerClaims() });
    const socialstyrelsen = apiEvent({
      route: "GET /programmes",
      claims: officerClaims("[officer]", "officer-2", "socialstyrelsen"),
    });
    const noAgency = apiEvent({
      route: "GET /programmes",
      claims: { sub: "o-3", "cognito:groups": "[officer]" },
    });
    // Act
    const [k, s, n] = await Promise.all([
      invoke<Listed>(handler, kammarkollegiet),
      invoke<Listed>(handler, socialstyrelsen),
      invoke<Listed>(handler, noAgency),
    ]);
    // Assess
    expect(k.body.programmes.map((p) => p.id).sort()).toEqual([
      "skr-aldreomsorg-2021",
      "skr-aldreomsorg-2021-skr",
      "skr-aldreomsorg-2022",
      "skr-aldreomsorg-2022-skr",
    ]);
    expect(s.body.programmes.map((p) => p.id)).toEqual(["sos-valfardsteknik-2018"]);
    expect(n.body.programmes).toEqual([]);
  });

  it("lists every programme of the agency for an officer, without own figures and without reading the ledger", async () => {
    // Prepare
    await requisition(LUND);
    const listAllocationsOf = vi.spyOn(system.submissions, "listAllocationsOf");
    const listSubmissions = vi.spyOn(system.submissions, "listSubmissions");
    const event = apiEvent({ route: "GET /programmes", claims: officerClaims(["officer"]) });
    // Act
    const res = await invoke<Listed>(handler, event);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.programmes.map((p) => p.id)).toEqual(
      SEED_PROGRAMMES.filter((p) => p.agency === "kammarkollegiet").map((p) => p.id),
    );
    expect(res.body.programmes.every((p) => p.own === undefined)).toBe(true);
    expect(listAllocationsOf).not.toHaveBeenCalled();
    expect(listSubmissions).not.toHaveBeenCalled();
  });

  it("gives a municipality its own position per programme from its allocation rows and submissions", async () => {
    // Prepare
    const lund = await requisition(LUND);
    await requisition(MALMO);
    const event = apiEvent({ route: "GET /programmes", claims: municipalityClaims(LUND) });
    // Act
    const res = await invoke<Listed>(handler, event);
    // Assess
    const aldre2022 = res.body.programmes.find((p) => p.id === PROGRAMME_2022);
    expect(aldre2022?.own).toMatchObject({ kommunkod: LUND, requisitioned: 1_530_608, remaining: 0 });
    expect(aldre2022?.own?.requisitions.map((r) => r.id)).toEqual([lund]);
    const others = res.body.programmes.filter((p) => p.id !== PROGRAMME_2022);
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      expect(other.own?.requisitioned).toBe(0);
      expect(other.own?.requisitions).toEqual([]);
    }
  });

  it("lists for a recipient only the programmes whose Bilaga 1 names it: SKR its own share, Lund not that", async () => {
    // Prepare
    const skr = apiEvent({ route: "GET /programmes", claims: municipalityClaims("9001") });
    const lund = apiEvent({ route: "GET /programmes", claims: municipalityClaims(LUND) });
    // Act
    const [forSkr, forLund] = await Promise.all([
      invoke<Listed>(handler, skr),
      invoke<Listed>(handler, lund),
    ]);
    // Assess
    expect(forSkr.body.programmes.map((p) => p.id).sort()).toEqual([
      "skr-aldreomsorg-2021-skr",
      "skr-aldreomsorg-2022-skr",
    ]);
    expect(forSkr.body.programmes.map((p) => p.own?.kommunkod)).toEqual(["9001", "9001"]);
    expect(forLund.body.programmes.map((p) => p.id)).not.toContain("skr-aldreomsorg-2022-skr");
  });

  it("tells everyone which programmes ask for the survey at requisition", async () => {
    // Prepare
    const event = apiEvent({ route: "GET /programmes", claims: municipalityClaims(LUND) });
    // Act
    const res = await invoke<Listed>(handler, event);
    // Assess
    const survey = Object.fromEntries(res.body.programmes.map((p) => [p.id, p.survey]));
    expect(survey).toEqual({
      "sos-valfardsteknik-2018": { atRequisition: false },
      "skr-aldreomsorg-2021": { atRequisition: true },
      "skr-aldreomsorg-2022": { atRequisition: true },
    });
    // SKR's own share is not Lund's to see (its survey, none, is asserted by the data tests).
  });

  it("answers 401 without a token", async () => {
    // Prepare
    const event = apiEvent({ route: "GET /programmes" });
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(401);
  });
});
