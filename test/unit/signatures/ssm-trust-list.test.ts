import type { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { SsmTrustList } from "../../../shared/adapters/ssm/trust-list.ts";
import { loadConfig } from "../../../shared/config.ts";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const NAME = "/statsbidrag/prod/trust-anchors";

/** An SSM client that answers GetParameter from `answers`, one per call, and counts the calls. */
function fakeSsm(...answers: (string | Error)[]) {
  const asked: string[] = [];
  const ssm: Pick<SSMClient, "send"> = {
    send: (async (command: GetParameterCommand) => {
      asked.push(command.input.Name ?? "");
      const answer = answers.shift();
      if (answer instanceof Error || answer === undefined) throw answer ?? new Error("no answer");
      return { Parameter: { Name: command.input.Name, Value: answer } };
    }) as SSMClient["send"],
  };
  return { ssm, asked };
}

describe("the trust list from an SSM parameter", () => {
  it("reads the parameter once and keeps it for the container's life", async () => {
    // Prepare
    const { ssm, asked } = fakeSsm(PEM, "-----BEGIN CERTIFICATE-----\nchanged\n-----END CERTIFICATE-----\n");
    const list = new SsmTrustList(ssm, NAME);
    // Act
    const [first, second] = await Promise.all([list.pem(), list.pem()]);
    const third = await list.pem();
    // Assess
    expect([first, second, third]).toEqual([PEM, PEM, PEM]);
    expect(asked).toEqual([NAME]);
  });

  it("fails the check when SSM cannot be read, and asks again next time instead of trusting nothing", async () => {
    // Prepare
    const { ssm, asked } = fakeSsm(new Error("ThrottlingException"), PEM);
    const list = new SsmTrustList(ssm, NAME);
    // Act
    const failed = await list.pem().catch((error: Error) => error.message);
    const retried = await list.pem();
    // Assess
    expect(failed).toBe("ThrottlingException");
    expect(retried).toBe(PEM);
    expect(asked).toEqual([NAME, NAME]);
  });

  it("refuses a parameter that holds no certificate, naming it", async () => {
    // Prepare
    const { ssm } = fakeSsm("placeholder");
    // Act
    const failed = await new SsmTrustList(ssm, NAME).pem().catch((error: Error) => error.message);
    // Assess
    expect(failed).toBe(`SSM parameter ${NAME} holds no PEM certificate`);
  });
});

describe("configuration: where the trust list comes from", () => {
  const valid = {
    STATSBIDRAG_STAGE: "prod",
    TABLE_NAME: "t",
    BUCKET_NAME: "b",
    MAIL_FROM: "noreply@example.se",
    MALWARE_SCAN: "guardduty",
  };

  it("names the SSM parameter on AWS, with no PEM text of its own", () => {
    // Act
    const config = loadConfig({ ...valid, STATSBIDRAG_TRUST_ANCHORS_PARAMETER: NAME });
    // Assess
    expect(config.TRUST_ANCHORS_PARAMETER).toBe(NAME);
    expect(config.TRUST_ANCHORS_PEM).toBe("");
  });

  it("fails the cold start when a parameter and a file are both named", () => {
    // Act
    const both = () =>
      loadConfig(
        { ...valid, STATSBIDRAG_TRUST_ANCHORS_PARAMETER: NAME, STATSBIDRAG_TRUST_ANCHORS: "/tmp/ca.pem" },
        () => PEM,
      );
    // Assess
    expect(both).toThrow(/STATSBIDRAG_TRUST_ANCHORS_PARAMETER: set together with a trust list file/);
  });
});
