import { describe, expect, it } from "vitest";
import {
  readsTrustList,
  TRUST_ANCHORS_MAX_CHARS,
  trustAnchorsSource,
} from "../../../infra/constructs/trust-anchors.ts";
import { FUNCTIONS } from "../../../infra/routes.ts";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("the trust list on AWS (an SSM parameter the check functions read)", () => {
  it("goes to the upload check and its sweep, which verify signatures, and to no other function", () => {
    // Act
    const names = FUNCTIONS.filter(readsTrustList).map((f) => f.name);
    // Assess
    expect(names.sort()).toEqual(["upload-check", "upload-sweep"]);
  });

  it("is read from the repository at synth, counting its certificates", () => {
    // Prepare
    const read = (path: string) => (path === "/repo/config/ca.pem" ? PEM + PEM : "");
    // Act
    const source = trustAnchorsSource("config/ca.pem", "dev", "/repo", read);
    // Assess
    expect(source).toEqual({ path: "/repo/config/ca.pem", certificates: 2, text: PEM + PEM });
  });

  it("fails synth naming the stage's key when the file is missing, holds no certificate, holds a private key or is too large", () => {
    // Prepare
    const missing = () => {
      throw new Error("ENOENT");
    };
    const withKey = () => `${PEM}-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n`;
    const huge = () => PEM.repeat(Math.ceil(TRUST_ANCHORS_MAX_CHARS / PEM.length) + 1);
    // Act
    const unreadable = () => trustAnchorsSource("nope.pem", "prod", "/repo", missing);
    const empty = () => trustAnchorsSource("/etc/empty.pem", "prod", "/repo", () => "");
    const leaked = () => trustAnchorsSource("ca.pem", "prod", "/repo", withKey);
    const tooLarge = () => trustAnchorsSource("ca.pem", "prod", "/repo", huge);
    // Assess
    expect(unreadable).toThrow('cdk.json: "stages.prod.trustAnchorsFile": cannot read /repo/nope.pem');
    expect(empty).toThrow('"stages.prod.trustAnchorsFile": no PEM certificate in /etc/empty.pem');
    expect(leaked).toThrow('"stages.prod.trustAnchorsFile": /repo/ca.pem holds a private key');
    expect(tooLarge).toThrow(/"stages\.prod\.trustAnchorsFile": .* an SSM parameter holds 8192/);
  });
});
