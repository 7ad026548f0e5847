import { describe, expect, it } from "vitest";
import { useStage } from "../../../cli/stage.ts";
import { loadConfig } from "../../../shared/config.ts";

/** The CLI builds its clients with the functions' composition root, so it needs their whole configuration. */
describe("the CLI's local stage", () => {
  it("gives the composition root a configuration it accepts (reconcile, daily, contacts)", () => {
    // Prepare
    const env: NodeJS.ProcessEnv = {};
    // Act
    useStage(env);
    // Assess
    expect(() => loadConfig(env)).not.toThrow();
    expect(loadConfig(env)).toMatchObject({ STATSBIDRAG_STAGE: "local", MALWARE_SCAN: "guardduty" });
  });

  it("keeps what the environment already says", () => {
    // Prepare
    const env: NodeJS.ProcessEnv = { MALWARE_SCAN: "none", TABLE_NAME: "mine" };
    // Act
    useStage(env);
    // Assess
    expect(loadConfig(env)).toMatchObject({ MALWARE_SCAN: "none", TABLE_NAME: "mine" });
  });
});
