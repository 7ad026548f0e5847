import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "../../../shared/errors.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import { programmeOverview } from "../../../shared/officer/reporting.ts";
import { maySee, programmeFor, programmesFor } from "../../../shared/programmes/access.ts";
import { fakeSystem } from "../../fakes/fake-root.ts";
import { silenceLogs } from "../../helpers/events.ts";
import { payWithFourEyes } from "../../helpers/four-eyes.ts";
import { approved, LUND, MALMO, OFFICER, programme, received, statusOf } from "../submissions/scenarios.ts";

beforeAll(() => {
  silenceLogs();
});

/** Socialstyrelsen's officer: the SKR programmes are Kammarkollegiet's, not theirs. */
const SOS_OFFICER = { kind: "officer" as const, sub: "officer-9", agency: "socialstyrelsen" };
const NO_AGENCY = { kind: "officer" as const, sub: "officer-0" };

describe("programme access by agency", () => {
  it("lets a municipality see every programme and an officer only the own agency's", () => {
    // Prepare
    const lund = { kind: "municipality" as const, sub: "k", kommunkod: "1281" };
    // Act
    const seen = [maySee(lund, programme), maySee(OFFICER, programme), maySee(SOS_OFFICER, programme)];
    // Assess
    expect(seen).toEqual([true, true, false]);
  });

  it("fails closed for an officer account without an agency claim", async () => {
    // Prepare
    const { catalogue } = fakeSystem();
    // Act
    const visible = await programmesFor(catalogue, NO_AGENCY);
    // Assess
    expect(visible).toEqual([]);
    await expect(programmeFor(catalogue, NO_AGENCY, programme.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers 404 when another agency's officer decides, pays or reads the overview, and changes nothing", async () => {
    // Prepare
    const sys = fakeSystem();
    const toDecide = await received(sys, LUND);
    const toPay = await approved(sys, MALMO);
    // Act
    const attempts = await Promise.allSettled([
      decide(sys.officerDeps, SOS_OFFICER, toDecide, { decision: "approve" }),
      payWithFourEyes(sys.officerDeps, SOS_OFFICER, toPay, { paidOn: "2022-12-15", amount: 1 }),
      programmeOverview(sys.officerDeps, SOS_OFFICER, programme.id),
    ]);
    // Assess
    for (const attempt of attempts) {
      expect(attempt.status).toBe("rejected");
      expect(attempt.status === "rejected" && attempt.reason).toBeInstanceOf(NotFoundError);
    }
    expect(await statusOf(sys, toDecide)).toBe("received");
    expect(await statusOf(sys, toPay)).toBe("approved");
  });
});
