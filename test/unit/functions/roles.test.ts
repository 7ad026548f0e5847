import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleReport, sampleRequisition } from "../../../shared/forms/samples.ts";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  invoke,
  LUND,
  municipalityClaims,
  PROGRAMME_2022,
  silenceLogs,
} from "../../helpers/events.ts";
import { freshSystem, programme2022 } from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let requisitionHandler: ApiHandlerFn;
let reportHandler: ApiHandlerFn;
let sys: FakeSystem;
const programme = programme2022();

beforeAll(async () => {
  silenceLogs();
  ({ handler: requisitionHandler } = await import("../../../functions/create-requisition/handler.ts"));
  ({ handler: reportHandler } = await import("../../../functions/create-report/handler.ts"));
});

beforeEach(() => {
  sys = freshSystem(coldStart);
});

const requisitionAs = (roles: string) =>
  invoke(
    requisitionHandler,
    apiEvent({
      route: "POST /programmes/{programmeId}/requisitions",
      pathParameters: { programmeId: PROGRAMME_2022 },
      body: sampleRequisition(programme, LUND),
      claims: municipalityClaims(LUND, `user-${roles || "none"}`, roles),
    }),
  );

const reportAs = (roles: string) =>
  invoke(
    reportHandler,
    apiEvent({
      route: "POST /programmes/{programmeId}/reports",
      pathParameters: { programmeId: PROGRAMME_2022 },
      body: sampleReport(programme, LUND, "2022-11-20"),
      claims: municipalityClaims(LUND, `user-${roles || "none"}`, roles),
    }),
  );

describe("the route's roles, as infra/routes.ts declares them", () => {
  it.each([
    ["a preparer", "preparer"],
    ["a certifier", "certifier"],
    ["no role at all", ""],
  ])("refuses a requisition from %s (403 ROLE_REQUIRED, signatory), storing nothing", async (_who, roles) => {
    // Prepare: sys is empty.
    // Act
    const res = await requisitionAs(roles);
    // Assess
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      code: "ROLE_REQUIRED",
      role: "signatory",
      message: {
        sv: expect.stringContaining("behörig företrädare"),
        en: expect.stringContaining("signatory"),
      },
    });
    expect(res.body).not.toHaveProperty("errors");
    expect(sys.world.submissions.size).toBe(0);
  });

  it("takes a requisition from a signatory", async () => {
    // Prepare: sys is empty.
    // Act
    const res = await requisitionAs("signatory");
    // Assess
    expect(res.status).toBe(201);
    expect(sys.world.submissions.size).toBe(1);
  });

  it("refuses a report from a signatory without the certifier role while no certifier has certified the draft (409 REPORT_NOT_CERTIFIED)", async () => {
    // Prepare: sys is empty: no draft, so no certification.
    // Act
    const res = await reportAs("signatory");
    // Assess
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "REPORT_NOT_CERTIFIED" });
    expect(sys.world.submissions.size).toBe(0);
  });

  it.each([
    ["a certifier without the signatory role", "certifier", "signatory"],
    ["a preparer", "preparer", "signatory"],
  ])("refuses a report from %s, naming the role that is missing", async (_who, roles, missing) => {
    // Prepare: sys is empty.
    // Act
    const res = await reportAs(roles);
    // Assess
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "ROLE_REQUIRED", role: missing });
  });
});
