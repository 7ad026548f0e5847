import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/errors.ts";
import { correctProgrammeFacts } from "../../../shared/programme-admin/facts.ts";
import { fakeSystem } from "../../fakes/fake-root.ts";
import { refusal } from "../../helpers/refusal.ts";
import { OFFICER } from "../submissions/scenarios.ts";

const ID = "skr-aldreomsorg-2022";

/** PATCH /programmes/{id} { digitalSignature }: whether a signed form stands in for the scan. */
describe("the programme's digital-signature fact", () => {
  it("lets an officer accept scans only, as a new audited version", async () => {
    // Prepare
    const sys = fakeSystem();
    // Act
    const result = await correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
      reason: "Myndigheten tar bara emot skannade original i år.",
      digitalSignature: { accepted: "none" },
    });
    // Assess
    expect(result.changed).toEqual(["digitalSignature"]);
    expect((await sys.catalogue.get(ID))?.digitalSignature).toEqual({ accepted: "none" });
    const audit = sys.world.audit.find((a) => a.action === "programme.corrected");
    expect(audit?.details).toMatchObject({
      changes: { digitalSignature: { from: null, to: { accepted: "none" } } },
    });
  });

  it("refuses a value it does not know with the field's path", async () => {
    // Prepare
    const sys = fakeSystem();
    // Act
    const error = await refusal(
      correctProgrammeFacts(sys.deadlineDeps, OFFICER, ID, {
        reason: "Godta alla signaturer.",
        digitalSignature: { accepted: "anything" },
      }),
    );
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe("digitalSignature.accepted");
    expect((await sys.catalogue.get(ID))?.digitalSignature).toBeUndefined();
  });
});
