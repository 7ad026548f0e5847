import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../../shared/errors.ts";
import { proposedRepayments, proposeRepayment } from "../../../shared/officer/repayments.ts";
import { fakeSystem } from "../../fakes/fake-root.ts";
import { repayWithFourEyes } from "../../helpers/four-eyes.ts";
import { refusal } from "../../helpers/refusal.ts";
import { LUND, OFFICER, paid, programme, report, SECOND_OFFICER } from "../submissions/scenarios.ts";

/** GET /programmes/{id}/repayments: what waits for an attestant, so the officers' page can offer it. */
describe("repayments waiting for attestation", () => {
  it("lists the proposed ones, oldest first, with their proposer; an attested one is gone from the list", async () => {
    // Prepare: Lund owes 330 608 kr; one repayment attested, two proposed by different officers
    const sys = fakeSystem();
    await paid(sys, LUND);
    sys.clock.set("2023-03-01T10:00:00.000Z");
    await report(sys, LUND, 1_200_000);
    const body = (amount: number) => ({ kommunkod: "1281", amount, date: "2023-03-01" });
    await repayWithFourEyes(sys.officerDeps, OFFICER, programme.id, body(100_000));
    const first = await proposeRepayment(sys.officerDeps, OFFICER, programme.id, body(50_000));
    sys.clock.set("2023-03-01T11:00:00.000Z");
    const second = await proposeRepayment(sys.officerDeps, SECOND_OFFICER, programme.id, body(20_000));
    // Act
    const waiting = await proposedRepayments(sys.officerDeps, OFFICER, programme.id);
    // Assess
    expect(waiting.map((r) => [r.id, r.amount, r.proposedBy.sub])).toEqual([
      [first.repayment.id, 50_000, OFFICER.sub],
      [second.repayment.id, 20_000, SECOND_OFFICER.sub],
    ]);
  });

  it("is the officers' only: a municipality is refused (403)", async () => {
    // Prepare
    const sys = fakeSystem();
    // Act
    const refused = await refusal(proposedRepayments(sys.officerDeps, LUND, programme.id));
    // Assess
    expect(refused).toBeInstanceOf(ForbiddenError);
  });
});
